package org.cifarsweep.train;

import java.io.Serializable;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.model.FeatureMatrix;

/**
 * Mirrors a normalised image left-right in place: pixel (plane, row, col) takes the value of (plane, row, 31 − col),
 * in each of the 3 planes. The features are normalised per pixel position (standardize), so mirroring the feature
 * vector alone would mix one position's mean and std into another: feature j of the mirrored image is
 * (p[m(j)] − μ[j]) · s[j] = x[m(j)] · s[j] / s[m(j)] + (μ[m(j)] − μ[j]) · s[j], the affine map held here. For
 * {@code scale} it is the plain mirror.
 */
public final class HorizontalFlip implements Serializable {
    private static final int SIDE = 32;

    private final double[] factor;
    private final double[] offset;
    private final float[] factorF;
    private final float[] offsetF;

    private HorizontalFlip(double[] factor, double[] offset) {
        this.factor = factor;
        this.offset = offset;
        this.factorF = new float[factor.length];
        this.offsetF = new float[offset.length];
        for (int j = 0; j < factor.length; j++) {
            factorF[j] = (float) factor[j];
            offsetF[j] = (float) offset[j];
        }
    }

    /** The mirror of features made by {@code normalization}. */
    public static HorizontalFlip of(Normalization normalization) {
        float[] mean = normalization.mean();
        float[] invStd = normalization.invStd();
        double[] factor = new double[Images.PIXELS];
        double[] offset = new double[Images.PIXELS];
        for (int j = 0; j < Images.PIXELS; j++) {
            int m = mirror(j);
            factor[j] = (double) invStd[j] / invStd[m];
            offset[j] = ((double) mean[m] - mean[j]) * invStd[j];
        }
        return new HorizontalFlip(factor, offset);
    }

    /** The plain mirror, for features that are the same function of the pixel at every position. */
    public static HorizontalFlip plain() {
        double[] factor = new double[Images.PIXELS];
        java.util.Arrays.fill(factor, 1.0);
        return new HorizontalFlip(factor, new double[Images.PIXELS]);
    }

    /** The index of the pixel that feature j takes its value from: same plane and row, column 31 − col. */
    static int mirror(int j) {
        int col = j % SIDE;
        return j - col + (SIDE - 1 - col);
    }

    /** Pixels are normalised after the mirror, by the model, so they are mirrored plainly. */
    private static void mirrorPixels(byte[] pixels, int base) {
        for (int row = 0; row < Images.PIXELS; row += SIDE) {
            for (int col = 0; col < SIDE / 2; col++) {
                int a = base + row + col;
                int b = base + row + SIDE - 1 - col;
                byte va = pixels[a];
                pixels[a] = pixels[b];
                pixels[b] = va;
            }
        }
    }

    /**
     * Mirrors column {@code column} of {@code x} (d = 3072) in place: float64 and float32 values by the affine map
     * above, float32 pixels plainly. Raw pixels (float64 splits) are read-only and refused.
     */
    public void apply(FeatureMatrix x, int column) {
        if (x.dim() != Images.PIXELS) {
            throw new IllegalArgumentException("flips need 3072 features (32×32×3), got " + x.dim());
        }
        if (x.isRawPixels()) {
            // The images' own bytes, shared by every trial: a flip acts on a gathered float64 batch instead.
            throw new IllegalArgumentException("raw pixels are read-only: flip a gathered batch (FeatureMatrix.emptyLike)");
        }
        int base = column * Images.PIXELS;
        if (x.isPixels()) {
            mirrorPixels(x.pixels(), base);
            return;
        }
        double[] d = x.doubles();
        float[] f = x.floats();
        for (int row = 0; row < Images.PIXELS; row += SIDE) { // 96 rows of 32: 3 planes × 32 rows
            for (int col = 0; col < SIDE / 2; col++) {
                int a = row + col;
                int b = row + SIDE - 1 - col;
                if (d != null) {
                    double va = d[base + a];
                    d[base + a] = factor[a] * d[base + b] + offset[a];
                    d[base + b] = factor[b] * va + offset[b];
                } else {
                    float va = f[base + a];
                    f[base + a] = factorF[a] * f[base + b] + offsetF[a];
                    f[base + b] = factorF[b] * va + offsetF[b];
                }
            }
        }
    }
}
