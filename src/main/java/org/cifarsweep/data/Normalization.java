package org.cifarsweep.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A per-feature affine map from pixel bytes to features, {@code x'[j] = (byte[j] - mean[j]) * invStd[j]}, with
 * the parameters in byte units (0..255) so that applying it is one subtract and one multiply per value.
 * The arrays are copied in and out, so a Normalization cannot be changed after it is made.
 */
public record Normalization(Preprocess kind, float[] mean, float[] invStd) implements Serializable {
    private static final float INV_255 = 1f / 255f;

    public Normalization {
        Objects.requireNonNull(kind, "kind");
        mean = check("mean", mean);
        invStd = check("invStd", invStd);
        for (int j = 0; j < Images.PIXELS; j++) {
            if (!(invStd[j] > 0)) {
                throw new IllegalArgumentException("invStd[" + j + "] is " + invStd[j] + ", must be > 0");
            }
        }
    }

    private static float[] check(String name, float[] values) {
        Objects.requireNonNull(values, name);
        if (values.length != Images.PIXELS) {
            throw new IllegalArgumentException(name + " has length " + values.length + ", expected " + Images.PIXELS);
        }
        for (int j = 0; j < values.length; j++) {
            if (!Float.isFinite(values[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] is " + values[j] + ", must be finite");
            }
        }
        return values.clone();
    }

    /**
     * SCALE: x / 255. STANDARDIZE: x / 255, then minus the per-feature mean and divided by the per-feature
     * (population) standard deviation of {@code train}; both steps fold into byte units as
     * mean = mean of the bytes, invStd = 1 / std of the bytes (the 1/255 cancels).
     */
    public static Normalization fit(Preprocess kind, Images train) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(train, "train");
        float[] mean = new float[Images.PIXELS];
        float[] invStd = new float[Images.PIXELS];
        if (kind == Preprocess.SCALE) {
            Arrays.fill(invStd, INV_255);
            return new Normalization(kind, mean, invStd);
        }
        int n = train.count();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit " + kind + " on 0 training images");
        }
        // Integer sums are exact (n * sum of squares stays below 2^63 for any array-sized n), so the
        // variance n*S2 - S1^2 has no cancellation error; only the final division is in double.
        long[] sum = new long[Images.PIXELS];
        long[] sumSq = new long[Images.PIXELS];
        byte[] px = train.rawPixels();
        for (int i = 0, k = 0; i < n; i++) {
            for (int j = 0; j < Images.PIXELS; j++, k++) {
                int b = px[k] & 0xFF;
                sum[j] += b;
                sumSq[j] += b * b;
            }
        }
        for (int j = 0; j < Images.PIXELS; j++) {
            double var = (double) (n * sumSq[j] - sum[j] * sum[j]) / ((double) n * n);
            mean[j] = (float) ((double) sum[j] / n);
            // A constant feature has std 0: use 1/255 (plain scaling) instead of dividing by zero; its
            // standardized value is 0 on the training set either way.
            invStd[j] = var > 0 ? (float) (1.0 / Math.sqrt(var)) : INV_255;
        }
        return new Normalization(kind, mean, invStd);
    }

    /** A copy of the per-feature offsets (byte units). */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the per-feature multipliers (per byte unit). */
    @Override
    public float[] invStd() {
        return invStd.clone();
    }

    /** The d x n column-major matrix (d = 3072): element (j, i) at {@code j + 3072 * i} = feature j of image i. */
    public double[] toDoubleMatrix(Images images) {
        byte[] px = images.rawPixels();
        double[] out = new double[px.length];
        // Column-major d x n has the same index as the CIFAR byte layout, so this is one pass in order.
        for (int k = 0; k < px.length; k += Images.PIXELS) {
            for (int j = 0; j < Images.PIXELS; j++) {
                out[k + j] = ((px[k + j] & 0xFF) - (double) mean[j]) * (double) invStd[j];
            }
        }
        return out;
    }

    /** By content: a record's default equals would compare the arrays by reference. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && kind == other.kind
                && Arrays.equals(mean, other.mean) && Arrays.equals(invStd, other.invStd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(mean), Arrays.hashCode(invStd));
    }

    @Override
    public String toString() {
        return "Normalization[" + kind + ", " + Images.PIXELS + " features]";
    }
}
