package org.cifarsweep.model;

import dev.ludovic.netlib.blas.BLAS;

/**
 * float64 parameters on dgemm. Features held as float64 values are read where they are; {@link
 * FeatureMatrix#isRawPixels() raw pixels} are first normalised into a buffer this model keeps and reuses (it grows
 * to the widest call, in training an evaluation chunk of 2,000 columns, 49 MB, so it is allocated once per trial),
 * and dgemm then reads that buffer with the same shapes and leading dimension as it would the values: the same bits
 * (OpenBLAS packs its operands, so where they lie in memory does not change the result).
 */
final class DoubleLinearModel extends LinearModel {
    private static final BLAS BLAS_ = BLAS.getInstance();
    private final double[] w;
    private final double[] b;
    private final double[] dW;
    private final double[] db;
    private double[] columns = new double[0];
    /** Counts the changes of W and b, so that a {@link LinearPack} knows when its stacked copy is stale. */
    private long version;

    DoubleLinearModel(int classes, int dim) {
        super(classes, dim);
        this.w = new double[classes * dim];
        this.b = new double[classes];
        this.dW = new double[classes * dim];
        this.db = new double[classes];
    }

    @Override public Precision precision() { return Precision.DOUBLE; }

    @Override
    public void scores(FeatureMatrix x, int from, int n, double[] out) {
        checkColumns(x, from, n);
        double[] values = values(x, from, n);
        scoresOfValues(values, x.isRawPixels() ? 0 : from * dim, n, out);
    }

    /**
     * The scores of the n columns of d values at {@code values[offset..]}: the one dgemm of {@link #scores}, which a
     * {@link LinearPack} calls for each member on columns it normalised once for all of them.
     */
    void scoresOfValues(double[] values, int offset, int n, double[] out) {
        for (int c = 0; c < n; c++) System.arraycopy(b, 0, out, c * classes, classes);
        BLAS_.dgemm("N", "N", classes, n, dim, 1.0, w, 0, classes, values, offset, dim, 1.0, out, 0, classes);
    }

    @Override
    public void gradient(FeatureMatrix x, int from, int n, double[] g, double lambda) {
        checkColumns(x, from, n);
        double[] values = values(x, from, n);
        gradientOfValues(values, x.isRawPixels() ? 0 : from * dim, n, g, lambda);
    }

    /** The gradient of {@link #gradient} on the n columns of d values at {@code values[offset..]}. */
    void gradientOfValues(double[] values, int offset, int n, double[] g, double lambda) {
        // dW = 2λW first, then dW += (1/n) G Xᵀ in one dgemm with beta = 1.
        for (int i = 0; i < dW.length; i++) dW[i] = 2.0 * lambda * w[i];
        BLAS_.dgemm("N", "T", classes, dim, n, 1.0 / n, g, 0, classes, values, offset, dim, 1.0, dW, 0, classes);
        biasGradient(g, n);
    }

    /** db = G 1 / n, summed over the images in order. */
    void biasGradient(double[] g, int n) {
        java.util.Arrays.fill(db, 0.0);
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < classes; k++) db[k] += g[k + c * classes];
        }
        for (int k = 0; k < classes; k++) db[k] /= n;
    }

    /**
     * The array that holds columns [from, from+n) of {@code x}: its own values (column c at (from + c)·d), or for
     * raw pixels the buffer they were just normalised into (column c at c·d).
     */
    private double[] values(FeatureMatrix x, int from, int n) {
        if (!x.isRawPixels()) return x.doubles();
        int size = n * dim;
        if (columns.length < size) columns = new double[size];
        x.normaliseColumns(from, n, columns);
        return columns;
    }

    @Override
    public void step(double eta) {
        BLAS_.daxpy(w.length, -eta, dW, 1, w, 1);
        for (int k = 0; k < classes; k++) b[k] -= eta * db[k];
        version++;
    }

    /** W, K×d column-major: a pack copies it into its stacked W. Not a copy: do not modify. */
    double[] weights() {
        return w;
    }

    /** b. Not a copy: do not modify. */
    double[] biasValues() {
        return b;
    }

    /** dW, K×d column-major: a pack's stacked gradient product writes its rows back here. */
    double[] weightGradients() {
        return dW;
    }

    /** Incremented whenever W or b change. */
    long version() {
        return version;
    }

    @Override
    public double weightNormSquared() {
        double sum = 0;
        for (double v : w) sum += v * v;
        return sum;
    }

    @Override public double weight(int k, int j) { return w[k + classes * j]; }
    @Override public double bias(int k) { return b[k]; }
    @Override public double weightGradient(int k, int j) { return dW[k + classes * j]; }
    @Override public double biasGradient(int k) { return db[k]; }
    @Override protected void setWeightAt(int index, double value) { w[index] = value; version++; }
    @Override public void setBias(int k, double value) { b[k] = value; version++; }
}
