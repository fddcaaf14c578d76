package org.cifarsweep.model;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Arrays;

/**
 * float32 parameters. On {@link FeatureMatrix#isPixels() pixel} features, the usual case, both products run on the
 * {@link PixelKernel} over 1-byte pixels with the normalisation folded into the weights:
 * <pre>
 *   scores:   W·((x − offset) ⊙ scale) + b = V·x + (b − V·offset),   V = W·diag(scale)
 *   gradient: G·((X − offset) ⊙ scale)ᵀ / n = ((G·Xᵀ) − (G·1)·offsetᵀ)·diag(scale) / n
 * </pre>
 * so a split is streamed at 1 byte per value and never exists as floats. Float-valued features (small hand-made
 * cases) go to sgemm. W is stored row-major (class k's template contiguous), the layout the kernel streams.
 * The scores and the score gradient cross into double only at the K×n level.
 */
final class FloatLinearModel extends LinearModel {
    private static final BLAS BLAS_ = BLAS.getInstance();
    private final float[] w;
    private final float[] b;
    private final float[] dW;
    private final float[] db;
    private final double[] biasSums;
    private float[] scoreBuffer = new float[0];
    private float[] gradientBuffer = new float[0];

    private PixelKernel kernel;
    private float[] folded;
    private double[] foldedBias;
    private double[] foldOffset;
    private double[] foldScale;
    private boolean foldStale = true;
    private float[] weightedSums;
    /** Counts the changes of W and b, so that a {@link LinearPack} knows when its fold of this model is stale. */
    private long version;

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
        if (x.isPixels()) {
            fold(x);
            kernel().dot(folded, classes, dim, x.pixels(), from, n, s);
            for (int c = 0; c < n; c++) {
                for (int k = 0; k < classes; k++) out[k + classes * c] = s[k + classes * c] + foldedBias[k];
            }
            return;
        }
        for (int c = 0; c < n; c++) System.arraycopy(b, 0, s, c * classes, classes);
        // Row-major K×d W is column-major d×K, hence the transpose.
        BLAS_.sgemm("T", "N", classes, n, dim, 1f, w, 0, dim, x.floats(), from * dim, dim, 1f, s, 0, classes);
        for (int i = 0; i < classes * n; i++) out[i] = s[i];
    }

    @Override
    public void gradient(FeatureMatrix x, int from, int n, double[] g, double lambda) {
        checkColumns(x, from, n);
        float[] gf = gradientBuffer = ensure(gradientBuffer, classes * n);
        for (int i = 0; i < classes * n; i++) gf[i] = (float) g[i];
        if (x.isPixels()) {
            pixelGradient(x, from, n, gf, lambda);
        } else {
            float twoLambda = (float) (2.0 * lambda);
            for (int i = 0; i < dW.length; i++) dW[i] = twoLambda * w[i];
            // dWᵀ (d×K, column-major) = X Gᵀ / n + 2λ Wᵀ.
            BLAS_.sgemm("N", "T", dim, classes, n, 1f / n, x.floats(), from * dim, dim, gf, 0, classes, 1f, dW, 0, dim);
        }
        biasGradient(g, n);
    }

    /** db = G 1 / n, summed in double over the images in order. */
    void biasGradient(double[] g, int n) {
        double[] sums = biasSums;
        Arrays.fill(sums, 0.0);
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < classes; k++) sums[k] += g[k + c * classes];
        }
        for (int k = 0; k < classes; k++) db[k] = (float) (sums[k] / n);
    }

    private void pixelGradient(FeatureMatrix x, int from, int n, float[] gf, double lambda) {
        if (weightedSums == null) weightedSums = new float[classes * dim];
        PixelKernel kernel = kernel();
        kernel.weightedSum(gf, classes, dim, x.pixels(), from, n, weightedSums);
        finishPixelGradient(kernel, x, weightedSums, 0, gf, classes, 0, n, lambda);
    }

    /**
     * dW from the pixel sums of {@link PixelKernel#weightedSum}: this model's rows are rows [sumsRow0, +K) of
     * {@code sums}, and its score gradient, as floats, rows [gRow0, +K) of {@code gf} (gRows rows, column-major).
     * Alone both are the model's own (row 0 of K); in a {@link LinearPack}, its place in the stacked arrays.
     */
    void finishPixelGradient(PixelKernel kernel, FeatureMatrix x, float[] sums, int sumsRow0, float[] gf, int gRows,
                             int gRow0, int n, double lambda) {
        float[] offset = x.pixelOffsetFloats();
        float[] scale = x.pixelScaleFloats();
        float inverseN = 1f / n;
        float twoLambda = (float) (2.0 * lambda);
        for (int k = 0; k < classes; k++) {
            double gSum = 0;
            for (int c = 0; c < n; c++) gSum += gf[gRow0 + k + gRows * c];
            kernel.finishGradientRow(sums, sumsRow0 + k, offset, scale, (float) gSum, inverseN, twoLambda, w, k, dim, dW);
        }
    }

    /**
     * Folds this model into rows [row0, row0 + K) of a pack's stacked {@code v} and writes its folded bias into
     * {@code foldedBias}: the same operations, so the same bits, as the fold {@link #scores} makes for itself.
     */
    void foldInto(PixelKernel kernel, FeatureMatrix x, float[] v, int row0, double[] foldedBias) {
        for (int k = 0; k < classes; k++) {
            foldedBias[k] = b[k] - (double) kernel.foldRow(w, k, x.pixelScaleFloats(), x.pixelOffsetFloats(), dim, v, row0 + k);
        }
    }

    /** Incremented whenever W or b change. */
    long version() {
        return version;
    }

    /** Recomputes V and the folded bias when W, b or the normalisation changed since the last fold. */
    private void fold(FeatureMatrix x) {
        double[] offset = x.pixelOffset();
        double[] scale = x.pixelScale();
        boolean sameNormalisation = (offset == foldOffset || Arrays.equals(offset, foldOffset))
                && (scale == foldScale || Arrays.equals(scale, foldScale));
        // Splits of one normalisation hold equal arrays: remember this one, so the next call compares references.
        foldOffset = offset;
        foldScale = scale;
        if (!foldStale && sameNormalisation) return;
        if (folded == null) {
            folded = new float[classes * dim];
            foldedBias = new double[classes];
        }
        PixelKernel kernel = kernel();
        for (int k = 0; k < classes; k++) {
            foldedBias[k] = b[k] - (double) kernel.foldRow(w, x.pixelScaleFloats(), x.pixelOffsetFloats(), k, dim, folded);
        }
        foldStale = false;
    }

    private PixelKernel kernel() {
        if (kernel == null) kernel = PixelKernel.create();
        return kernel;
    }

    @Override
    public void step(double eta) {
        BLAS_.saxpy(w.length, (float) -eta, dW, 1, w, 1);
        for (int k = 0; k < classes; k++) b[k] -= (float) eta * db[k];
        foldStale = true;
        version++;
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

    @Override public double weight(int k, int j) { return w[k * dim + j]; }
    @Override public double bias(int k) { return b[k]; }
    @Override public double weightGradient(int k, int j) { return dW[k * dim + j]; }
    @Override public double biasGradient(int k) { return db[k]; }

    @Override
    protected void setWeightAt(int columnMajorIndex, double value) {
        w[(columnMajorIndex % classes) * dim + columnMajorIndex / classes] = (float) value;
        foldStale = true;
        version++;
    }

    @Override
    public void setBias(int k, double value) {
        b[k] = (float) value;
        foldStale = true;
        version++;
    }
}
