package org.cifarsweep.results;

import java.io.Serializable;
import org.cifarsweep.model.Precision;

/**
 * A run's final W (K rows of d) and b, in the precision it trained in: float64 as doubles, float32 as floats (half
 * the bytes of a task's result and of a weights file). The float32 trainer holds W and b as floats, so widening them
 * to double and narrowing back is exact: a halving continuation from a float32 file has the same bits.
 */
public final class ModelWeights implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[][] w64;
    private final double[] b64;
    private final float[][] w32;
    private final float[] b32;

    private ModelWeights(double[][] w64, double[] b64, float[][] w32, float[] b32) {
        int rows = w64 != null ? w64.length : w32.length;
        int biases = b64 != null ? b64.length : b32.length;
        if (rows != biases) throw new IllegalArgumentException("W has " + rows + " rows but b has " + biases);
        this.w64 = w64;
        this.b64 = b64;
        this.w32 = w32;
        this.b32 = b32;
    }

    public static ModelWeights ofDoubles(double[][] w, double[] b) {
        return new ModelWeights(w, b, null, null);
    }

    public static ModelWeights ofFloats(float[][] w, float[] b) {
        return new ModelWeights(null, null, w, b);
    }

    /**
     * W and b of a model of {@code precision}: float32 narrowed to floats, which is exact for a float32 model's own
     * values.
     */
    public static ModelWeights of(double[][] w, double[] b, Precision precision) {
        if (precision == Precision.DOUBLE) return ofDoubles(w, b);
        float[][] w32 = new float[w.length][];
        float[] b32 = new float[b.length];
        for (int k = 0; k < w.length; k++) {
            w32[k] = new float[w[k].length];
            for (int j = 0; j < w[k].length; j++) w32[k][j] = (float) w[k][j];
            b32[k] = (float) b[k];
        }
        return ofFloats(w32, b32);
    }

    /** Whether W and b are single precision. */
    public boolean single() {
        return w32 != null;
    }

    public int classes() {
        return single() ? w32.length : w64.length;
    }

    public int dim() {
        return single() ? w32[0].length : w64[0].length;
    }

    /** W as doubles (widened, exactly, when single). */
    public double[][] w() {
        if (!single()) return w64;
        double[][] w = new double[w32.length][];
        for (int k = 0; k < w32.length; k++) {
            w[k] = new double[w32[k].length];
            for (int j = 0; j < w32[k].length; j++) w[k][j] = w32[k][j];
        }
        return w;
    }

    /** b as doubles (widened, exactly, when single). */
    public double[] b() {
        if (!single()) return b64;
        double[] b = new double[b32.length];
        for (int k = 0; k < b32.length; k++) b[k] = b32[k];
        return b;
    }

    float getW(int k, int j) {
        return w32[k][j];
    }

    float getB(int k) {
        return b32[k];
    }

    /** The bytes of W and b's values: 8 per value in float64, 4 in float32 (what a task's result carries). */
    public static long valueBytes(int classes, int dim, Precision precision) {
        return (long) classes * (dim + 1) * (precision == Precision.DOUBLE ? 8 : 4);
    }
}
