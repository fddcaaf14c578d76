package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 512-bit kernel's block sizes are parameters: {@link PixelKernel#warmUp} compiles it on 16-feature blocks and
 * 4-image groups, real data runs on 768 and 64. Both must give the scalar reference's bits, or the warm-up would
 * compile other code than the trials run. Row counts above 10 (a pack's stacked members) take the many-row path,
 * whose blocks the same parameters set. Skipped only on a CPU without 512-bit vectors, where this kernel is
 * never used; the 256-bit kernel has no block parameters, and its class blocks are checked by
 * {@link PixelKernelTest#scoresAreTheSameBitsWhetherComputedAloneOrTogether} in {@link Vector256PixelKernelTest}.
 */
class Vector512PixelKernelBlocksTest {

    @BeforeEach
    void onlyWhere512BitVectorsAreNative() {
        assumeTrue(Vector512PixelKernel.unsupportedReason() == null, Vector512PixelKernel.unsupportedReason());
    }

    @ParameterizedTest
    @CsvSource({"10, 3072, 131", "10, 48, 9", "10, 16, 5", "3, 3072, 7", "23, 3072, 131", "40, 48, 9", "33, 96, 7"})
    void warmUpAndRealBlockSizesGiveTheReferenceBits(int classes, int dim, int n) {
        Random rng = new Random(5L + classes * 7L + dim + n);
        float[] v = PixelKernelTest.gaussian(rng, classes * dim, 0.05);
        byte[] x = PixelKernelTest.bytes(rng, n * dim);
        float[] real = new float[classes * n];
        float[] tiny = new float[classes * n];
        float[] odd = new float[classes * n];
        float[] reference = new float[classes * n];
        new Vector512PixelKernel().dot(v, classes, dim, x, 0, n, real);
        new Vector512PixelKernel(16, 4).dot(v, classes, dim, x, 0, n, tiny);
        new Vector512PixelKernel(48, 6).dot(v, classes, dim, x, 0, n, odd);
        new ScalarPixelKernel().dot(v, classes, dim, x, 0, n, reference);
        for (int i = 0; i < reference.length; i++) {
            int bits = Float.floatToRawIntBits(reference[i]);
            assertEquals(bits, Float.floatToRawIntBits(real[i]), "768/64 blocks, score " + i);
            assertEquals(bits, Float.floatToRawIntBits(tiny[i]), "16/4 blocks (the warm-up's), score " + i);
            assertEquals(bits, Float.floatToRawIntBits(odd[i]), "48/6 blocks, score " + i);
        }
    }
}
