package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * float32 on pixels (normalisation folded into W and b) against float64 on normalised doubles (dgemm): the same
 * scores, gradients and features up to float32 rounding, for both preprocessings.
 */
class PixelFeaturesTest {
    private static final int N = 37;

    @ParameterizedTest
    @EnumSource(Preprocess.class)
    void pixelFeaturesScoreAndDifferentiateLikeNormalisedDoubles(Preprocess kind) {
        Random rng = new Random(kind.ordinal() + 11);
        Images images = randomImages(rng, N);
        Normalization normalization = Normalization.fit(kind, images);
        FeatureMatrix pixels = FeatureMatrix.of(Precision.FLOAT, normalization, images);
        FeatureMatrix doubles = FeatureMatrix.of(Precision.DOUBLE, normalization, images);
        assertTrue(pixels.isPixels());
        for (int c = 0; c < N; c += 5) {
            for (int j = 0; j < Images.PIXELS; j += 97) {
                assertEquals(doubles.value(j, c), pixels.value(j, c), 1e-9, "feature " + j + " of image " + c);
            }
        }

        LinearModel f = LinearModel.create(Precision.FLOAT, 10, Images.PIXELS);
        LinearModel d = LinearModel.create(Precision.DOUBLE, 10, Images.PIXELS);
        f.initGaussian(new Random(3), 0.01);
        d.initGaussian(new Random(3), 0.01);
        // Move away from the start so W and b are not tiny and the bias fold matters.
        double[][] rows = d.weightRows();
        double[] b = d.biases();
        for (int k = 0; k < 10; k++) b[k] += k - 4.5;
        f.setParameters(rows, b);
        d.setParameters(rows, b);

        double[] sf = new double[10 * N];
        double[] sd = new double[10 * N];
        f.scores(pixels, 0, N, sf);
        d.scores(doubles, 0, N, sd);
        assertArrayEquals(sd, sf, 2e-5);

        double[] g = new double[10 * N];
        for (int i = 0; i < g.length; i++) g[i] = rng.nextGaussian();
        f.gradient(pixels, 3, N - 3, g, 0.1);
        d.gradient(doubles, 3, N - 3, g, 0.1);
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < Images.PIXELS; j++) {
                assertEquals(d.weightGradient(k, j), f.weightGradient(k, j), 2e-5 * (1 + Math.abs(d.weightGradient(k, j))),
                        "dW(" + k + ", " + j + ")");
            }
            assertEquals(d.biasGradient(k), f.biasGradient(k), 1e-6);
        }

        // After a step the fold is redone: scores follow the new W and b.
        f.step(0.5);
        d.step(0.5);
        f.scores(pixels, 0, N, sf);
        d.scores(doubles, 0, N, sd);
        assertArrayEquals(sd, sf, 2e-5);
    }

    private static Images randomImages(Random rng, int n) {
        byte[] pixels = new byte[n * Images.PIXELS];
        rng.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) labels[i] = (byte) rng.nextInt(10);
        return new Images(pixels, labels);
    }
}
