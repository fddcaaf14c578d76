package org.cifarsweep.model;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PixelKernel} for CPUs with 256-bit vectors (AVX2): each of the contract's 16 lane sums is split over two
 * 8-lane vectors, low lanes 0–7 and high lanes 8–15, so the bits equal {@link ScalarPixelKernel}'s and
 * {@link Vector512PixelKernel}'s. Five classes at a time keep 10 accumulators within AVX2's 16 registers.
 */
final class Vector256PixelKernel extends PixelKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_64;
    private static final int HALF = 8;
    private static final int BLOCK = 5;

    private final float[] lanes = new float[LANES];
    private final ScalarPixelKernel scalar = new ScalarPixelKernel();

    /** Null when this kernel runs at full speed here, else why it would not. */
    static String unsupportedReason() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return bits >= F.vectorBitSize() ? null : "the CPU's preferred vectors have " + bits + " bits, not 256";
    }

    @Override
    public void dot(float[] v, int classes, int dim, byte[] x, int first, int n, float[] out) {
        if (dim % LANES != 0) {
            scalar.dot(v, classes, dim, x, first, n, out);
            return;
        }
        int blocked = classes - classes % BLOCK;
        FloatVector z = FloatVector.zero(F);
        for (int c = 0; c < n; c++) {
            int x0 = (first + c) * dim;
            for (int k0 = 0; k0 < blocked; k0 += BLOCK) {
                int row0 = (k0 + 0) * dim;
                int row1 = (k0 + 1) * dim;
                int row2 = (k0 + 2) * dim;
                int row3 = (k0 + 3) * dim;
                int row4 = (k0 + 4) * dim;
                FloatVector l0 = z, h0 = z, l1 = z, h1 = z, l2 = z, h2 = z, l3 = z, h3 = z, l4 = z, h4 = z;
                for (int p = 0; p < dim; p += LANES) {
                    FloatVector xl = widen(x, x0 + p);
                    FloatVector xh = widen(x, x0 + p + HALF);
                    l0 = FloatVector.fromArray(F, v, row0 + p).fma(xl, l0);
                    h0 = FloatVector.fromArray(F, v, row0 + p + HALF).fma(xh, h0);
                    l1 = FloatVector.fromArray(F, v, row1 + p).fma(xl, l1);
                    h1 = FloatVector.fromArray(F, v, row1 + p + HALF).fma(xh, h1);
                    l2 = FloatVector.fromArray(F, v, row2 + p).fma(xl, l2);
                    h2 = FloatVector.fromArray(F, v, row2 + p + HALF).fma(xh, h2);
                    l3 = FloatVector.fromArray(F, v, row3 + p).fma(xl, l3);
                    h3 = FloatVector.fromArray(F, v, row3 + p + HALF).fma(xh, h3);
                    l4 = FloatVector.fromArray(F, v, row4 + p).fma(xl, l4);
                    h4 = FloatVector.fromArray(F, v, row4 + p + HALF).fma(xh, h4);
                }
                out[k0 + 0 + classes * c] = laneSum(l0, h0);
                out[k0 + 1 + classes * c] = laneSum(l1, h1);
                out[k0 + 2 + classes * c] = laneSum(l2, h2);
                out[k0 + 3 + classes * c] = laneSum(l3, h3);
                out[k0 + 4 + classes * c] = laneSum(l4, h4);
            }
            for (int k = blocked; k < classes; k++) {
                FloatVector l = z, h = z;
                for (int p = 0; p < dim; p += LANES) {
                    l = FloatVector.fromArray(F, v, k * dim + p).fma(widen(x, x0 + p), l);
                    h = FloatVector.fromArray(F, v, k * dim + p + HALF).fma(widen(x, x0 + p + HALF), h);
                }
                out[k + classes * c] = laneSum(l, h);
            }
        }
    }

    @Override
    public void weightedSum(float[] gs, int classes, int dim, byte[] x, int first, int n, float[] out) {
        if (dim % LANES != 0) {
            scalar.weightedSum(gs, classes, dim, x, first, n, out);
            return;
        }
        int blocked = classes - classes % BLOCK;
        FloatVector z = FloatVector.zero(F);
        for (int k0 = 0; k0 < blocked; k0 += BLOCK) {
            for (int p = 0; p < dim; p += LANES) {
                FloatVector l0 = z, h0 = z, l1 = z, h1 = z, l2 = z, h2 = z, l3 = z, h3 = z, l4 = z, h4 = z;
                for (int c = 0; c < n; c++) {
                    int x0 = (first + c) * dim + p;
                    FloatVector xl = widen(x, x0);
                    FloatVector xh = widen(x, x0 + HALF);
                    int gc = k0 + classes * c;
                    FloatVector g;
                    g = FloatVector.broadcast(F, gs[gc + 0]); l0 = g.fma(xl, l0); h0 = g.fma(xh, h0);
                    g = FloatVector.broadcast(F, gs[gc + 1]); l1 = g.fma(xl, l1); h1 = g.fma(xh, h1);
                    g = FloatVector.broadcast(F, gs[gc + 2]); l2 = g.fma(xl, l2); h2 = g.fma(xh, h2);
                    g = FloatVector.broadcast(F, gs[gc + 3]); l3 = g.fma(xl, l3); h3 = g.fma(xh, h3);
                    g = FloatVector.broadcast(F, gs[gc + 4]); l4 = g.fma(xl, l4); h4 = g.fma(xh, h4);
                }
                l0.intoArray(out, (k0 + 0) * dim + p); h0.intoArray(out, (k0 + 0) * dim + p + HALF);
                l1.intoArray(out, (k0 + 1) * dim + p); h1.intoArray(out, (k0 + 1) * dim + p + HALF);
                l2.intoArray(out, (k0 + 2) * dim + p); h2.intoArray(out, (k0 + 2) * dim + p + HALF);
                l3.intoArray(out, (k0 + 3) * dim + p); h3.intoArray(out, (k0 + 3) * dim + p + HALF);
                l4.intoArray(out, (k0 + 4) * dim + p); h4.intoArray(out, (k0 + 4) * dim + p + HALF);
            }
        }
        for (int k = blocked; k < classes; k++) {
            for (int p = 0; p < dim; p += HALF) {
                FloatVector acc = z;
                for (int c = 0; c < n; c++) {
                    acc = FloatVector.broadcast(F, gs[k + classes * c]).fma(widen(x, (first + c) * dim + p), acc);
                }
                acc.intoArray(out, k * dim + p);
            }
        }
    }

    @Override
    public float foldRow(float[] w, float[] scale, float[] offset, int k, int dim, float[] v) {
        if (dim % LANES != 0) return scalar.foldRow(w, scale, offset, k, dim, v);
        int row = k * dim;
        FloatVector l = FloatVector.zero(F), h = l;
        for (int j = 0; j < dim; j += LANES) {
            FloatVector fl = FloatVector.fromArray(F, w, row + j).mul(FloatVector.fromArray(F, scale, j));
            FloatVector fh = FloatVector.fromArray(F, w, row + j + HALF).mul(FloatVector.fromArray(F, scale, j + HALF));
            fl.intoArray(v, row + j);
            fh.intoArray(v, row + j + HALF);
            l = fl.fma(FloatVector.fromArray(F, offset, j), l);
            h = fh.fma(FloatVector.fromArray(F, offset, j + HALF), h);
        }
        return laneSum(l, h);
    }

    @Override
    public void finishGradientRow(float[] sums, float[] offset, float[] scale, float gSum, float inverseN,
                                  float twoLambda, float[] w, int k, int dim, float[] dW) {
        if (dim % HALF != 0) {
            scalar.finishGradientRow(sums, offset, scale, gSum, inverseN, twoLambda, w, k, dim, dW);
            return;
        }
        int row = k * dim;
        for (int j = 0; j < dim; j += HALF) {
            FloatVector centred = FloatVector.fromArray(F, sums, row + j)
                    .sub(FloatVector.fromArray(F, offset, j).mul(gSum));
            FloatVector decay = FloatVector.fromArray(F, w, row + j).mul(twoLambda);
            centred.mul(FloatVector.fromArray(F, scale, j)).mul(inverseN).add(decay).intoArray(dW, row + j);
        }
    }

    /** The 16 lane sums held as low and high halves, added in lane order. */
    private float laneSum(FloatVector low, FloatVector high) {
        low.intoArray(lanes, 0);
        high.intoArray(lanes, HALF);
        return sumInLaneOrder(lanes, 0);
    }

    /** 8 signed bytes to 8 floats. */
    private static FloatVector widen(byte[] x, int offset) {
        return (FloatVector) ByteVector.fromArray(B, x, offset).convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    public String describe() {
        return "Vector API pixel kernel (256-bit, jdk.incubator.vector)";
    }
}
