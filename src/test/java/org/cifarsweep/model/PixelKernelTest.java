package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The vector kernel against the scalar reference (the same bits, by the kernel contract) and both against exact
 * double arithmetic, on shapes that cross the kernel's blocks: odd image counts, more images than a group, feature
 * counts that are not a multiple of the feature block, and class counts other than the unrolled 10.
 */
class PixelKernelTest {

    /** The kernel under test; {@link Vector256PixelKernelTest} runs every case on the 256-bit one. */
    PixelKernel kernel() {
        return PixelKernel.create();
    }

    @Test
    void theVectorKernelIsInUseOnThisMachine() {
        // The test JVM loads jdk.incubator.vector (pom.xml); a silent fallback to the scalar kernel would make
        // every float32 trial many times slower.
        assertNull(PixelKernel.warning());
        int bits = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
        assertEquals(bits >= 512 ? Vector512PixelKernel.class : Vector256PixelKernel.class, PixelKernel.create().getClass());
    }

    @ParameterizedTest
    @CsvSource({"10, 3072, 130", "10, 3072, 1", "10, 800, 67", "10, 16, 5", "3, 3072, 7", "10, 40, 9", "2, 24, 3",
                "7, 64, 4"})
    void dotEqualsTheScalarReferenceBitForBitAndExactArithmeticClosely(int classes, int dim, int n) {
        Random rng = new Random(classes * 1_000_003L + dim * 31L + n);
        float[] v = gaussian(rng, classes * dim, 0.05);
        byte[] x = bytes(rng, (n + 2) * dim);
        int first = 2;
        float[] fast = new float[classes * n];
        float[] reference = new float[classes * n];
        new ScalarPixelKernel().dot(v, classes, dim, x, first, n, reference);
        kernel().dot(v, classes, dim, x, first, n, fast);
        for (int c = 0; c < n; c++) {
            for (int k = 0; k < classes; k++) {
                int i = k + classes * c;
                assertEquals(Float.floatToRawIntBits(reference[i]), Float.floatToRawIntBits(fast[i]),
                        "class " + k + " image " + c + ": " + fast[i] + " vs " + reference[i]);
                double exact = 0, magnitude = 0;
                for (int p = 0; p < dim; p++) {
                    double term = (double) v[k * dim + p] * x[(first + c) * dim + p];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                assertEquals(exact, fast[i], 1e-6 * magnitude + 1e-30, "class " + k + " image " + c);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 3072, 100", "10, 3072, 1", "10, 48, 7", "3, 3072, 5", "10, 16, 4", "2, 24, 3"})
    void weightedSumEqualsTheScalarReferenceBitForBitAndExactArithmeticClosely(int classes, int dim, int n) {
        Random rng = new Random(classes * 7919L + dim * 17L + n);
        float[] g = gaussian(rng, classes * n, 1.0);
        byte[] x = bytes(rng, (n + 1) * dim);
        int first = 1;
        float[] fast = new float[classes * dim];
        float[] reference = new float[classes * dim];
        new ScalarPixelKernel().weightedSum(g, classes, dim, x, first, n, reference);
        kernel().weightedSum(g, classes, dim, x, first, n, fast);
        for (int k = 0; k < classes; k++) {
            for (int p = 0; p < dim; p++) {
                int i = k * dim + p;
                assertEquals(Float.floatToRawIntBits(reference[i]), Float.floatToRawIntBits(fast[i]),
                        "class " + k + " feature " + p + ": " + fast[i] + " vs " + reference[i]);
                double exact = 0, magnitude = 0;
                for (int c = 0; c < n; c++) {
                    double term = (double) g[k + classes * c] * x[(first + c) * dim + p];
                    exact += term;
                    magnitude += Math.abs(term);
                }
                assertEquals(exact, fast[i], 1e-6 * magnitude + 1e-30, "class " + k + " feature " + p);
            }
        }
    }

    /**
     * Each score is the same bits whether its class and image are computed alone or together with others, so the
     * kernel's own blocking cannot change a result: 512-bit — 10 classes unrolled over image pairs, groups of 64
     * images carried across 768-feature blocks (131 images, 3,072 features cross both), other class counts one
     * image at a time; 256-bit — blocks of 5 classes, then the remaining classes one by one (7 = 5 + 2, 3 = 0 + 3).
     * Alone, a class is a call with one row of v, whichever path that takes.
     */
    @ParameterizedTest
    @CsvSource({"10, 3072, 131", "7, 3072, 9", "5, 512, 67", "3, 3072, 5"})
    void scoresAreTheSameBitsWhetherComputedAloneOrTogether(int classes, int dim, int n) {
        Random rng = new Random(41L * classes + dim + n);
        float[] v = gaussian(rng, classes * dim, 0.05);
        byte[] x = bytes(rng, (n + 1) * dim);
        float[] together = new float[classes * n];
        kernel().dot(v, classes, dim, x, 1, n, together);
        float[] one = new float[1];
        for (int k = 0; k < classes; k++) {
            float[] row = Arrays.copyOfRange(v, k * dim, (k + 1) * dim);
            for (int c = 0; c < n; c++) {
                kernel().dot(row, 1, dim, x, 1 + c, 1, one);
                assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(together[k + classes * c]),
                        "class " + k + " image " + c + " alone " + one[0] + " vs together " + together[k + classes * c]);
            }
        }
    }

    /** As {@link #scoresAreTheSameBitsWhetherComputedAloneOrTogether} for the weighted sums of one class. */
    @ParameterizedTest
    @CsvSource({"10, 3072, 70", "7, 3072, 9", "5, 512, 33", "3, 48, 5"})
    void weightedSumsAreTheSameBitsForOneClassAloneOrAllTogether(int classes, int dim, int n) {
        Random rng = new Random(43L * classes + dim + n);
        float[] g = gaussian(rng, classes * n, 1.0);
        byte[] x = bytes(rng, n * dim);
        float[] together = new float[classes * dim];
        kernel().weightedSum(g, classes, dim, x, 0, n, together);
        float[] alone = new float[dim];
        for (int k = 0; k < classes; k++) {
            float[] gk = new float[n];
            for (int c = 0; c < n; c++) gk[c] = g[k + classes * c];
            kernel().weightedSum(gk, 1, dim, x, 0, n, alone);
            for (int p = 0; p < dim; p++) {
                assertEquals(Float.floatToRawIntBits(alone[p]), Float.floatToRawIntBits(together[k * dim + p]),
                        "class " + k + " feature " + p);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 3072", "3, 48", "2, 24"})
    void foldAndGradientFinishEqualTheScalarReferenceBitForBit(int classes, int dim) {
        Random rng = new Random(classes + 31L * dim);
        float[] w = gaussian(rng, classes * dim, 0.01);
        float[] scale = gaussian(rng, dim, 0.02);
        float[] offset = gaussian(rng, dim, 60);
        float[] sums = gaussian(rng, classes * dim, 100);
        PixelKernel fast = kernel();
        PixelKernel reference = new ScalarPixelKernel();
        for (int k = 0; k < classes; k++) {
            float[] vFast = new float[classes * dim];
            float[] vReference = new float[classes * dim];
            float shiftFast = fast.foldRow(w, scale, offset, k, dim, vFast);
            float shiftReference = reference.foldRow(w, scale, offset, k, dim, vReference);
            assertEquals(Float.floatToRawIntBits(shiftReference), Float.floatToRawIntBits(shiftFast), "shift of row " + k);
            double exact = 0;
            for (int j = 0; j < dim; j++) {
                assertEquals(w[k * dim + j] * scale[j], vFast[k * dim + j], 0f, "v(" + k + ", " + j + ")");
                exact += (double) vReference[k * dim + j] * offset[j];
            }
            assertEquals(exact, shiftFast, 1e-5 * (1 + Math.abs(exact)));

            float[] dFast = new float[classes * dim];
            float[] dReference = new float[classes * dim];
            fast.finishGradientRow(sums, offset, scale, 1.5f, 0.01f, 0.2f, w, k, dim, dFast);
            reference.finishGradientRow(sums, offset, scale, 1.5f, 0.01f, 0.2f, w, k, dim, dReference);
            for (int j = 0; j < dim; j++) {
                int i = k * dim + j;
                assertEquals(Float.floatToRawIntBits(dReference[i]), Float.floatToRawIntBits(dFast[i]), "dW(" + k + ", " + j + ")");
                double expected = (sums[i] - (double) offset[j] * 1.5) * scale[j] * 0.01 + 0.2 * w[i];
                assertEquals(expected, dFast[i], 1e-5 * (1 + Math.abs(expected)), "dW(" + k + ", " + j + ")");
            }
        }
    }

    /**
     * A pack stacks the 10 rows of each member into one call: every row must get the bits it gets in a call of its
     * own member's 10 rows (the single trial's call) and the scalar reference's. The shapes cross every block of
     * the many-row paths: rows that are not a multiple of the row block (23 = 2·10 + 3 for 512-bit, 4·5 + 3 for
     * 256-bit), features that are not a multiple of the feature block (800 and 1,040 against 768 and 512; 1,040 and
     * 48 leave a last 16-feature block in the weighted sums) or of 16 (40: the scalar fallback), image counts that
     * are odd or not a multiple of the image group (131, 65 against 64 and 32), and 410 rows, whose lane sums make
     * the 512-bit kernel shrink its image group.
     */
    @ParameterizedTest
    @CsvSource({"2, 3072, 131", "16, 3072, 100", "3, 800, 65", "4, 1040, 33", "1, 1040, 7", "5, 48, 9", "3, 40, 5",
                "41, 96, 70"})
    void stackedMembersGetTheirOwnScoresBitForBit(int members, int dim, int n) {
        Random rng = new Random(97L * members + dim + n);
        int rows = 10 * members;
        float[] v = gaussian(rng, rows * dim, 0.05);
        byte[] x = bytes(rng, (n + 1) * dim);
        float[] stacked = new float[rows * n];
        kernel().dot(v, rows, dim, x, 1, n, stacked);
        float[] alone = new float[10 * n];
        float[] reference = new float[10 * n];
        for (int m = 0; m < members; m++) {
            float[] member = Arrays.copyOfRange(v, m * 10 * dim, (m + 1) * 10 * dim);
            kernel().dot(member, 10, dim, x, 1, n, alone);
            new ScalarPixelKernel().dot(member, 10, dim, x, 1, n, reference);
            for (int c = 0; c < n; c++) {
                for (int k = 0; k < 10; k++) {
                    int bits = Float.floatToRawIntBits(stacked[m * 10 + k + rows * c]);
                    assertEquals(Float.floatToRawIntBits(alone[k + 10 * c]), bits, "member " + m + " class " + k + " image " + c);
                    assertEquals(Float.floatToRawIntBits(reference[k + 10 * c]), bits, "member " + m + " class " + k + " image " + c + " (scalar)");
                }
            }
        }
        // Rows that are not whole members: 23 rows against the scalar reference.
        int odd = Math.min(rows, 23);
        float[] oddOut = new float[odd * n];
        float[] oddReference = new float[odd * n];
        kernel().dot(v, odd, dim, x, 1, n, oddOut);
        new ScalarPixelKernel().dot(v, odd, dim, x, 1, n, oddReference);
        assertSameBits(oddReference, oddOut, odd + " rows, score ");
    }

    /** As {@link #stackedMembersGetTheirOwnScoresBitForBit} for the weighted sums of the gradient. */
    @ParameterizedTest
    @CsvSource({"2, 3072, 100", "16, 3072, 100", "3, 800, 65", "4, 1040, 33", "1, 48, 7", "5, 48, 9", "3, 40, 5",
                "41, 96, 70"})
    void stackedMembersGetTheirOwnWeightedSumsBitForBit(int members, int dim, int n) {
        Random rng = new Random(89L * members + dim + n);
        int rows = 10 * members;
        float[] g = gaussian(rng, rows * n, 1.0);
        byte[] x = bytes(rng, (n + 2) * dim);
        float[] stacked = new float[rows * dim];
        kernel().weightedSum(g, rows, dim, x, 2, n, stacked);
        float[] alone = new float[10 * dim];
        float[] reference = new float[10 * dim];
        float[] gm = new float[10 * n];
        for (int m = 0; m < members; m++) {
            for (int c = 0; c < n; c++) System.arraycopy(g, m * 10 + rows * c, gm, 10 * c, 10);
            kernel().weightedSum(gm, 10, dim, x, 2, n, alone);
            new ScalarPixelKernel().weightedSum(gm, 10, dim, x, 2, n, reference);
            for (int i = 0; i < 10 * dim; i++) {
                int bits = Float.floatToRawIntBits(stacked[m * 10 * dim + i]);
                assertEquals(Float.floatToRawIntBits(alone[i]), bits, "member " + m + " element " + i);
                assertEquals(Float.floatToRawIntBits(reference[i]), bits, "member " + m + " element " + i + " (scalar)");
            }
        }
        int odd = Math.min(rows, 23);
        float[] gOdd = new float[odd * n];
        for (int c = 0; c < n; c++) System.arraycopy(g, rows * c, gOdd, odd * c, odd);
        float[] oddOut = new float[odd * dim];
        float[] oddReference = new float[odd * dim];
        kernel().weightedSum(gOdd, odd, dim, x, 2, n, oddOut);
        new ScalarPixelKernel().weightedSum(gOdd, odd, dim, x, 2, n, oddReference);
        assertSameBits(oddReference, oddOut, odd + " rows, sum ");
    }

    private static void assertSameBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]), what + i);
        }
    }

    /** A member's rows fold into, and its gradient reads from, its own place in the stacked arrays. */
    @Test
    void foldAndGradientFinishAtAnotherRowGiveTheSameBits() {
        int dim = 3072;
        Random rng = new Random(3);
        float[] w = gaussian(rng, 10 * dim, 0.01);
        float[] scale = gaussian(rng, dim, 0.02);
        float[] offset = gaussian(rng, dim, 60);
        float[] sums = gaussian(rng, 30 * dim, 100);
        for (int k = 0; k < 10; k++) {
            float[] own = new float[10 * dim];
            float[] stacked = new float[30 * dim];
            float shift = kernel().foldRow(w, scale, offset, k, dim, own);
            float stackedShift = kernel().foldRow(w, k, scale, offset, dim, stacked, 20 + k);
            assertEquals(Float.floatToRawIntBits(shift), Float.floatToRawIntBits(stackedShift), "shift of row " + k);
            for (int j = 0; j < dim; j++) assertEquals(own[k * dim + j], stacked[(20 + k) * dim + j], 0f);

            float[] memberSums = Arrays.copyOfRange(sums, 20 * dim, 30 * dim);
            float[] dOwn = new float[10 * dim];
            float[] dStacked = new float[10 * dim];
            kernel().finishGradientRow(memberSums, offset, scale, 1.5f, 0.01f, 0.2f, w, k, dim, dOwn);
            kernel().finishGradientRow(sums, 20 + k, offset, scale, 1.5f, 0.01f, 0.2f, w, k, dim, dStacked);
            for (int j = 0; j < dim; j++) {
                assertEquals(Float.floatToRawIntBits(dOwn[k * dim + j]), Float.floatToRawIntBits(dStacked[k * dim + j]));
            }
        }
    }

    static float[] gaussian(Random rng, int size, double std) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) values[i] = (float) (std * rng.nextGaussian());
        return values;
    }

    static byte[] bytes(Random rng, int size) {
        byte[] values = new byte[size];
        rng.nextBytes(values);
        return values;
    }
}
