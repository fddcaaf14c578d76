package org.cifarsweep.model;

/**
 * Raw pixels to float64 features, one column at a time: {@code out[o + j] = ((px[b + j] & 0xFF) − mean[j]) ·
 * invStd[j]}, each operation a double rounded as written, the element formula of
 * {@link org.cifarsweep.data.Normalization#toDoubleMatrix}. Every implementation gives those bits: a byte → double
 * conversion is exact, and lane-wise subtraction and multiplication round exactly as scalar ones.
 */
abstract class RawPixelNormaliser {
    private static final RawPixelNormaliser INSTANCE = PixelKernel.vectorWidth() > 0
            ? VectorRawPixelNormaliser.create(PixelKernel.vectorWidth()) : new Scalar();
    private static boolean warmedUp;

    /** Writes the {@code dim} features of the column at {@code px[base..]} into {@code out[outBase..]}. */
    abstract void column(byte[] px, int base, double[] mean, double[] invStd, int dim, double[] out, int outBase);

    /** The fastest implementation this JVM runs: the Vector API one where the pixel kernel has it, else scalar. */
    static RawPixelNormaliser get() {
        return INSTANCE;
    }

    /**
     * Compiles {@link #get()}'s loop before it meets real data, once per JVM (later calls do nothing): until C2 has
     * compiled it, a Vector API loop runs interpreted, hundreds of times slower, and the first trial's first epoch
     * would pay for it. Tiny columns of 19 values reach both the vector loop and the scalar tail.
     */
    static synchronized void warmUp() {
        if (warmedUp) return;
        int dim = 19; // two vectors of 8 and a scalar tail
        byte[] px = new byte[dim];
        double[] mean = new double[dim];
        double[] invStd = new double[dim];
        double[] out = new double[dim];
        for (int i = 0; i < WARM_UP_ROUNDS; i++) INSTANCE.column(px, 0, mean, invStd, dim, out, 0);
        warmedUp = true;
    }

    /** Enough calls for C2 to compile the loop (measured: 10,000 were not), about 0.3 s on one core. */
    private static final int WARM_UP_ROUNDS = 20_000;

    /** The reference: one value at a time. */
    static final class Scalar extends RawPixelNormaliser {
        @Override
        void column(byte[] px, int base, double[] mean, double[] invStd, int dim, double[] out, int outBase) {
            for (int j = 0; j < dim; j++) out[outBase + j] = ((px[base + j] & 0xFF) - mean[j]) * invStd[j];
        }
    }
}
