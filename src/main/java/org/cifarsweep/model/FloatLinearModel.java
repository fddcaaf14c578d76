package org.cifarsweep.model;

import dev.ludovic.netlib.blas.BLAS;

/**
 * float32 parameters on sgemm: half the bytes of X to stream, twice the SIMD width. The scores and the score
 * gradient cross into double only at the K×n level, which is tiny next to the K×d×n products.
 */
final class FloatLinearModel extends LinearModel {
    private static final BLAS BLAS_ = BLAS.getInstance();
    private final float[] w;
    private final float[] b;
    private final float[] dW;
    private final float[] db;
    private float[] scoreBuffer = new float[0];
    private float[] gradientBuffer = new float[0];
    private final double[] biasSums;

    FloatLinearModel(int classes, int dim) {
        super(classes, dim);
        this.w = new float[classes * dim];
        this.b = new float[classes];
        this.dW = new float[classes * dim];
        this.db = new float[classes];
        this.biasSums = new double[classes];
    }

    @Override public Precision precision() { return Precision.FLOAT; }

    @Override
    public void scores(FeatureMatrix x, int from, int n, double[] out) {
        checkColumns(x, from, n);
        float[] s = scoreBuffer = ensure(scoreBuffer, classes * n);
        for (int c = 0; c < n; c++) System.arraycopy(b, 0, s, c * classes, classes);
        BLAS_.sgemm("N", "N", classes, n, dim, 1f, w, 0, classes, x.floats(), from * dim, dim, 1f, s, 0, classes);
        for (int i = 0; i < classes * n; i++) out[i] = s[i];
    }

    @Override
    public void gradient(FeatureMatrix x, int from, int n, double[] g, double lambda) {
        checkColumns(x, from, n);
        float[] gf = gradientBuffer = ensure(gradientBuffer, classes * n);
        for (int i = 0; i < classes * n; i++) gf[i] = (float) g[i];
        float twoLambda = (float) (2.0 * lambda);
        for (int i = 0; i < dW.length; i++) dW[i] = twoLambda * w[i];
        BLAS_.sgemm("N", "T", classes, dim, n, 1f / n, gf, 0, classes, x.floats(), from * dim, dim, 1f, dW, 0, classes);
        double[] sums = biasSums;
        java.util.Arrays.fill(sums, 0.0);
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < classes; k++) sums[k] += g[k + c * classes];
        }
        for (int k = 0; k < classes; k++) db[k] = (float) (sums[k] / n);
    }

    @Override
    public void step(double eta) {
        BLAS_.saxpy(w.length, (float) -eta, dW, 1, w, 1);
        for (int k = 0; k < classes; k++) b[k] -= (float) eta * db[k];
    }

    @Override
    public double weightNormSquared() {
        double sum = 0;
        for (float v : w) sum += (double) v * v;
        return sum;
    }

    private static float[] ensure(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }

    @Override public double weight(int k, int j) { return w[k + classes * j]; }
    @Override public double bias(int k) { return b[k]; }
    @Override public double weightGradient(int k, int j) { return dW[k + classes * j]; }
    @Override public double biasGradient(int k) { return db[k]; }
    @Override protected void setWeightAt(int index, double value) { w[index] = (float) value; }
    @Override public void setBias(int k, double value) { b[k] = (float) value; }
}
