package org.cifarsweep.model;

import java.util.Random;

/**
 * The parameters W (K×d) and b (K) of a linear classifier s = W x + b, in one precision, with the buffers of
 * their gradients. Each precision lays W out for its own products: column-major (element (k, j) at k + K·j) for
 * float64 on BLAS, row-major for float32 on the pixel kernel.
 */
public abstract class LinearModel {
    protected final int classes;
    protected final int dim;

    protected LinearModel(int classes, int dim) {
        if (classes < 2) throw new IllegalArgumentException("classes " + classes + " must be at least 2");
        if (dim < 1) throw new IllegalArgumentException("dim " + dim + " must be at least 1");
        this.classes = classes;
        this.dim = dim;
    }

    public static LinearModel create(Precision precision, int classes, int dim) {
        return precision == Precision.DOUBLE ? new DoubleLinearModel(classes, dim) : new FloatLinearModel(classes, dim);
    }

    public int classes() { return classes; }
    public int dim() { return dim; }
    public abstract Precision precision();

    /**
     * Draws every W(k, j), in column-major order, then every b(k) from N(0, std²). The draws are made in
     * double and rounded, so both precisions start from the same point for the same seed.
     */
    public void initGaussian(Random rng, double std) {
        for (int index = 0; index < classes * dim; index++) setWeightAt(index, std * rng.nextGaussian());
        for (int k = 0; k < classes; k++) setBias(k, std * rng.nextGaussian());
    }

    /** Writes the scores W X[:, from..from+n) + b 1ᵀ into {@code out} (K×n, column-major). */
    public abstract void scores(FeatureMatrix x, int from, int n, double[] out);

    /**
     * Computes and keeps dW = G Xᵀ / n + 2λW and db = G 1 / n for the columns [from, from+n) of X, where G
     * (K×n, column-major) is the gradient of the summed loss with respect to the scores.
     */
    public abstract void gradient(FeatureMatrix x, int from, int n, double[] scoreGradient, double lambda);

    /** W -= η dW, b -= η db, with the gradient from the last {@link #gradient} call. */
    public abstract void step(double eta);

    /** ‖W‖², summed in double. */
    public abstract double weightNormSquared();

    public abstract double weight(int k, int j);
    public abstract double bias(int k);
    public abstract double weightGradient(int k, int j);
    public abstract double biasGradient(int k);
    protected abstract void setWeightAt(int columnMajorIndex, double value);
    public abstract void setBias(int k, double value);

    public void setWeight(int k, int j, double value) {
        setWeightAt(k + classes * j, value);
    }

    /** W as K rows of d doubles: row k is the template of class k. */
    public double[][] weightRows() {
        double[][] rows = new double[classes][dim];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) rows[k][j] = weight(k, j);
        }
        return rows;
    }

    public double[] biases() {
        double[] b = new double[classes];
        for (int k = 0; k < classes; k++) b[k] = bias(k);
        return b;
    }

    /** Sets W and b from rows, as {@link #weightRows()} gives them. */
    public void setParameters(double[][] rows, double[] b) {
        if (rows.length != classes || b.length != classes) {
            throw new IllegalArgumentException("expected " + classes + " rows and biases, got " + rows.length + " and " + b.length);
        }
        for (int k = 0; k < classes; k++) {
            if (rows[k].length != dim) throw new IllegalArgumentException("row " + k + " has " + rows[k].length + " values, expected " + dim);
            for (int j = 0; j < dim; j++) setWeight(k, j, rows[k][j]);
            setBias(k, b[k]);
        }
    }

    void checkColumns(FeatureMatrix x, int from, int n) {
        if (x.dim() != dim) throw new IllegalArgumentException("features have dim " + x.dim() + ", model has " + dim);
        if (x.precision() != precision()) {
            throw new IllegalArgumentException("features are " + x.precision() + ", model is " + precision());
        }
        if (from < 0 || n < 1 || from + n > x.count()) {
            throw new IllegalArgumentException("columns [" + from + ", " + (from + n) + ") outside 0.." + x.count());
        }
    }
}
