package org.cifarsweep.model;

/**
 * Every case of {@link PixelKernelTest} on the 256-bit (AVX2) kernel, which this AVX-512 machine would not pick by
 * itself. pom.xml runs this class in a JVM of its own: one vector shape slows the other down in a shared JVM.
 * The kernel's blocking (5 classes at a time, then the rest one by one) is checked by the inherited
 * {@link PixelKernelTest#scoresAreTheSameBitsWhetherComputedAloneOrTogether} and
 * {@link PixelKernelTest#weightedSumsAreTheSameBitsForOneClassAloneOrAllTogether}, the counterpart of
 * {@link Vector512PixelKernelBlocksTest}.
 */
class Vector256PixelKernelTest extends PixelKernelTest {
    @Override
    PixelKernel kernel() {
        return new Vector256PixelKernel();
    }
}
