package org.cifarsweep.model;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RawPixelNormaliser} on the Vector API: 8 bytes at a time, widened to doubles (as signed bytes, then 256
 * added to the negative ones: the unsigned value, exactly), minus the mean and times 1/std lane by lane. 512-bit
 * vectors take the 8 values at once, 256-bit ones in two halves; the bits are the scalar loop's either way. The
 * species and parts are constants, as the Vector API needs them to compile its operations to single instructions.
 */
final class VectorRawPixelNormaliser extends RawPixelNormaliser {
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final VectorSpecies<Double> D512 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Double> D256 = DoubleVector.SPECIES_256;
    private static final int STEP = 8;

    private final boolean wide;

    private VectorRawPixelNormaliser(boolean wide) {
        this.wide = wide;
    }

    /** For 512-bit or 256-bit vectors, as {@link PixelKernel#vectorWidth()} says. */
    static RawPixelNormaliser create(int width) {
        return new VectorRawPixelNormaliser(width >= 512);
    }

    @Override
    void column(byte[] px, int base, double[] mean, double[] invStd, int dim, double[] out, int outBase) {
        int vectorised = dim - dim % STEP;
        if (wide) {
            for (int j = 0; j < vectorised; j += STEP) {
                DoubleVector x = (DoubleVector) ByteVector.fromArray(B, px, base + j).convertShape(VectorOperators.B2D, D512, 0);
                x = x.add(256.0, x.lt(0.0));
                x.sub(DoubleVector.fromArray(D512, mean, j)).mul(DoubleVector.fromArray(D512, invStd, j)).intoArray(out, outBase + j);
            }
        } else {
            for (int j = 0; j < vectorised; j += STEP) {
                ByteVector bytes = ByteVector.fromArray(B, px, base + j);
                DoubleVector low = (DoubleVector) bytes.convertShape(VectorOperators.B2D, D256, 0);
                DoubleVector high = (DoubleVector) bytes.convertShape(VectorOperators.B2D, D256, 1);
                low = low.add(256.0, low.lt(0.0));
                high = high.add(256.0, high.lt(0.0));
                low.sub(DoubleVector.fromArray(D256, mean, j)).mul(DoubleVector.fromArray(D256, invStd, j)).intoArray(out, outBase + j);
                high.sub(DoubleVector.fromArray(D256, mean, j + 4)).mul(DoubleVector.fromArray(D256, invStd, j + 4)).intoArray(out, outBase + j + 4);
            }
        }
        for (int j = vectorised; j < dim; j++) out[outBase + j] = ((px[base + j] & 0xFF) - mean[j]) * invStd[j];
    }
}
