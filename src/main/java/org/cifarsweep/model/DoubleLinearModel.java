package org.cifarsweep.model;

import dev.ludovic.netlib.blas.BLAS;

/** float64 parameters on dgemm. */
final class DoubleLinearModel extends LinearModel {
    private static final BLAS BLAS_ = BLAS.getInstance();
    private final double[] w;
    private final double[] b;
    private final double[] dW;
    private final double[] db;

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
        for (int c = 0; c < n; c++) System.arraycopy(b, 0, out, c * classes, classes);
        BLAS_.dgemm("N", "N", classes, n, dim, 1.0, w, 0, classes, x.doubles(), from * dim, dim, 1.0, out, 0, classes);
    }

    @Override
    public void gradient(FeatureMatrix x, int from, int n, double[] g, double lambda) {
        checkColumns(x, from, n);
        // dW = 2λW first, then dW += (1/n) G Xᵀ in one dgemm with beta = 1.
        for (int i = 0; i < dW.length; i++) dW[i] = 2.0 * lambda * w[i];
        BLAS_.dgemm("N", "T", classes, dim, n, 1.0 / n, g, 0, classes, x.doubles(), from * dim, dim, 1.0, dW, 0, classes);
        java.util.Arrays.fill(db, 0.0);
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < classes; k++) db[k] += g[k + c * classes];
        }
        for (int k = 0; k < classes; k++) db[k] /= n;
    }

    @Override
    public void step(double eta) {
        BLAS_.daxpy(w.length, -eta, dW, 1, w, 1);
        for (int k = 0; k < classes; k++) b[k] -= eta * db[k];
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
    @Override protected void setWeightAt(int index, double value) { w[index] = value; }
    @Override public void setBias(int k, double value) { b[k] = value; }
}
