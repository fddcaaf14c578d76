package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vector normaliser of float64 raw pixels against the scalar reference, bit for bit: every byte value (the
 * negative signed bytes above all), means and 1/stds of float values as a Normalization holds them, columns at
 * offsets, and lengths with a scalar tail.
 */
class RawPixelNormaliserTest {

    /** The normaliser under test; {@link Vector256RawPixelNormaliserTest} runs every case on 256-bit vectors. */
    RawPixelNormaliser normaliser() {
        return VectorRawPixelNormaliser.create(512);
    }

    @Test
    void thisJvmPicksTheVectorNormaliserWhereThePixelKernelHasVectors() {
        assertEquals(PixelKernel.vectorWidth() > 0 ? VectorRawPixelNormaliser.class : RawPixelNormaliser.Scalar.class,
                RawPixelNormaliser.get().getClass());
    }

    @ParameterizedTest
    @ValueSource(ints = {3072, 256, 19, 8, 7, 1})
    void vectorNormalisingEqualsTheScalarLoopBitForBit(int dim) {
        Random rng = new Random(dim);
        int columns = 5;
        byte[] px = new byte[(columns + 1) * dim];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i % 256); // every byte value, in turn
        byte[] noise = new byte[dim];
        rng.nextBytes(noise);
        System.arraycopy(noise, 0, px, columns * dim, dim);
        double[] mean = new double[dim];
        double[] invStd = new double[dim];
        for (int j = 0; j < dim; j++) {
            mean[j] = (float) (rng.nextDouble() * 255);
            invStd[j] = (float) (1 / (0.5 + rng.nextDouble() * 90));
        }
        double[] expected = new double[(columns + 2) * dim];
        double[] actual = new double[(columns + 2) * dim];
        RawPixelNormaliser scalar = new RawPixelNormaliser.Scalar();
        RawPixelNormaliser vector = normaliser();
        for (int c = 0; c <= columns; c++) {
            // Column c into slot c + 1: the output at an offset too.
            scalar.column(px, c * dim, mean, invStd, dim, expected, (c + 1) * dim);
            vector.column(px, c * dim, mean, invStd, dim, actual, (c + 1) * dim);
        }
        assertArrayEquals(expected, actual);
        for (int j = 0; j < dim; j++) {
            assertEquals(((px[j] & 0xFF) - mean[j]) * invStd[j], actual[dim + j], "feature " + j);
        }
    }
}
