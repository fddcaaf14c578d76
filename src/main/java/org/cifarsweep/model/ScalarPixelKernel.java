package org.cifarsweep.model;

/**
 * The reference order of {@link PixelKernel}, one scalar fma at a time: the fallback where 512-bit vectors are
 * missing, and the independent truth the vector kernel is tested against bit for bit.
 */
public final class ScalarPixelKernel extends PixelKernel {
    private final float[] lanes = new float[LANES];

    @Override
    public void dot(float[] v, int classes, int dim, byte[] x, int first, int n, float[] out) {
        for (int c = 0; c < n; c++) {
            int xBase = (first + c) * dim;
            for (int k = 0; k < classes; k++) {
                java.util.Arrays.fill(lanes, 0f);
                int vBase = k * dim;
                for (int p = 0; p < dim; p++) {
                    int l = p % LANES;
                    lanes[l] = Math.fma(v[vBase + p], (float) x[xBase + p], lanes[l]);
                }
                out[k + classes * c] = sumInLaneOrder(lanes, 0);
            }
        }
    }

    @Override
    public void weightedSum(float[] g, int classes, int dim, byte[] x, int first, int n, float[] out) {
        for (int k = 0; k < classes; k++) {
            for (int p = 0; p < dim; p++) {
                float sum = 0f;
                for (int c = 0; c < n; c++) sum = Math.fma(g[k + classes * c], (float) x[(first + c) * dim + p], sum);
                out[k * dim + p] = sum;
            }
        }
    }

    @Override
    public float foldRow(float[] w, int k, float[] scale, float[] offset, int dim, float[] v, int vRow) {
        java.util.Arrays.fill(lanes, 0f);
        int row = k * dim;
        int out = vRow * dim;
        for (int j = 0; j < dim; j++) {
            float folded = w[row + j] * scale[j];
            v[out + j] = folded;
            int l = j % LANES;
            lanes[l] = Math.fma(folded, offset[j], lanes[l]);
        }
        return sumInLaneOrder(lanes, 0);
    }

    @Override
    public void finishGradientRow(float[] sums, int sumsRow, float[] offset, float[] scale, float gSum,
                                  float inverseN, float twoLambda, float[] w, int k, int dim, float[] dW) {
        int row = k * dim;
        int sumsBase = sumsRow * dim;
        for (int j = 0; j < dim; j++) {
            float centred = sums[sumsBase + j] - offset[j] * gSum;
            dW[row + j] = centred * scale[j] * inverseN + twoLambda * w[row + j];
        }
    }

    @Override
    public String describe() {
        return "scalar pixel kernel (Java)";
    }
}
