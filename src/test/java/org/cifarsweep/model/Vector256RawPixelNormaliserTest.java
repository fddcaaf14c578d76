package org.cifarsweep.model;

/**
 * Every case of {@link RawPixelNormaliserTest} on 256-bit vectors, which this AVX-512 machine would not pick by
 * itself. pom.xml runs this class in the JVM of {@link Vector256PixelKernelTest}: one vector shape slows the other
 * down in a shared JVM.
 */
class Vector256RawPixelNormaliserTest extends RawPixelNormaliserTest {
    @Override
    RawPixelNormaliser normaliser() {
        return VectorRawPixelNormaliser.create(256);
    }
}
