package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    /** Pixel (plane, row, col) of a hand-made image: every position a different value. */
    private static double pixel(int plane, int row, int col) {
        return plane * 10000 + row * 100 + col;
    }

    @Test
    void mirrorsEachRowOfEachPlane() {
        double[] x = new double[Images.PIXELS];
        for (int p = 0; p < 3; p++) for (int r = 0; r < 32; r++) for (int c = 0; c < 32; c++) x[p * 1024 + r * 32 + c] = pixel(p, r, c);
        FeatureMatrix m = FeatureMatrix.ofDoubles(x, new int[] {0}, Images.PIXELS);
        HorizontalFlip.plain().apply(m, 0);
        for (int p = 0; p < 3; p++) {
            for (int r = 0; r < 32; r++) {
                for (int c = 0; c < 32; c++) assertEquals(pixel(p, r, 31 - c), m.value(p * 1024 + r * 32 + c, 0));
            }
        }
        HorizontalFlip.plain().apply(m, 0);
        for (int j = 0; j < Images.PIXELS; j++) assertEquals(x[j], m.value(j, 0)); // twice: the identity
    }

    @Test
    void flippingStandardizedFeaturesEqualsStandardizingTheFlippedImage() {
        // Two images whose per-position statistics are far from mirror-symmetric.
        byte[] raw = new byte[2 * Images.PIXELS];
        for (int j = 0; j < Images.PIXELS; j++) {
            raw[j] = (byte) (j * 7 % 256);
            raw[Images.PIXELS + j] = (byte) ((j * j + 3) % 251);
        }
        byte[] mirrored = new byte[raw.length];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < Images.PIXELS; j++) mirrored[i * Images.PIXELS + j] = raw[i * Images.PIXELS + HorizontalFlip.mirror(j)];
        }
        Images images = new Images(raw, new byte[] {0, 1});
        Normalization norm = Normalization.fit(Preprocess.STANDARDIZE, images);
        double[] features = norm.toDoubleMatrix(images);
        double[] expected = norm.toDoubleMatrix(new Images(mirrored, new byte[] {0, 1}));

        FeatureMatrix m = FeatureMatrix.ofDoubles(features, new int[] {0, 1}, Images.PIXELS);
        HorizontalFlip flip = HorizontalFlip.of(norm);
        flip.apply(m, 0);
        flip.apply(m, 1);
        assertArrayEquals(expected, features, 1e-9);

        // The float32 path holds pixels and normalises after the flip: the same features.
        FeatureMatrix pixels = FeatureMatrix.of(Precision.FLOAT, norm, images);
        flip.apply(pixels, 0);
        flip.apply(pixels, 1);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < Images.PIXELS; j++) {
                assertEquals(expected[i * Images.PIXELS + j], pixels.value(j, i), 1e-9, "feature " + j + " of image " + i);
            }
        }
    }
}
