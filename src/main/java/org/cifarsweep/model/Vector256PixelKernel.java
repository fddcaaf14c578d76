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
    /** Many rows: 5 rows × 512 features of v (10 KB) stay in L1 while a group's widened images pass them. */
    private static final int FEATURE_BLOCK = 512;
    private static final int IMAGE_GROUP = 32;
    /** The lane sums a group carries between feature blocks: at most 1 MB. */
    private static final int PACK_PARTIALS_FLOATS = 1 << 18;
    /** The most rows whose lane sums for a full image group fit that budget (512). */
    static final int FULL_GROUP_ROWS = PACK_PARTIALS_FLOATS / (IMAGE_GROUP * LANES);

    private final float[] lanes = new float[LANES];
    private final ScalarPixelKernel scalar = new ScalarPixelKernel();
    /** Many-row paths: pixels widened once for all rows, and the rows' lane sums; grown on first use. */
    private float[] widened;
    private float[] rowPartials;

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
        if (classes > 2 * BLOCK) {
            dotRows(v, classes, dim, x, first, n, out);
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
        if (classes > 2 * BLOCK) {
            weightedSumRows(gs, classes, dim, x, first, n, out);
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

    /**
     * The dot products of many rows (a pack's P·10): for each group of images and block of 512 features, the
     * pixels are widened once into {@code widened} and read by every block of 5 rows (10 accumulators, low and high
     * halves of the 16 lane sums), which carry their lane sums in {@code rowPartials} from one feature block to the
     * next. Rows past the last block of 5 take one (low, high) pair at a time. The order per (row, image) is the
     * contract's, so a row's bits do not depend on the rows stacked with it.
     */
    private void dotRows(float[] v, int rows, int dim, byte[] x, int first, int n, float[] out) {
        int blocks = rows / BLOCK;
        int group = Math.max(1, Math.min(IMAGE_GROUP, PACK_PARTIALS_FLOATS / (rows * LANES)));
        int width = Math.min(FEATURE_BLOCK, dim);
        float[] xf = widened = ensure(widened, group * width);
        int rs = group * LANES;
        float[] part = rowPartials = ensure(rowPartials, rows * rs);
        FloatVector z = FloatVector.zero(F);
        for (int g0 = 0; g0 < n; g0 += group) {
            int size = Math.min(group, n - g0);
            for (int p0 = 0; p0 < dim; p0 += FEATURE_BLOCK) {
                int pEnd = Math.min(dim, p0 + FEATURE_BLOCK);
                int w = pEnd - p0;
                for (int i = 0; i < size; i++) {
                    int xBase = (first + g0 + i) * dim;
                    for (int p = p0; p < pEnd; p += HALF) widen(x, xBase + p).intoArray(xf, i * w + p - p0);
                }
                for (int b = 0; b < blocks; b++) {
                    int q0 = b * BLOCK * dim;
                    int q1 = q0 + dim, q2 = q1 + dim, q3 = q2 + dim, q4 = q3 + dim;
                    for (int i = 0; i < size; i++) {
                        int o = b * BLOCK * rs + i * LANES;
                        FloatVector l0, h0, l1, h1, l2, h2, l3, h3, l4, h4;
                        if (p0 == 0) {
                            l0 = z; h0 = z; l1 = z; h1 = z; l2 = z; h2 = z; l3 = z; h3 = z; l4 = z; h4 = z;
                        } else {
                            l0 = FloatVector.fromArray(F, part, o); h0 = FloatVector.fromArray(F, part, o + HALF);
                            l1 = FloatVector.fromArray(F, part, o + rs); h1 = FloatVector.fromArray(F, part, o + rs + HALF);
                            l2 = FloatVector.fromArray(F, part, o + 2 * rs); h2 = FloatVector.fromArray(F, part, o + 2 * rs + HALF);
                            l3 = FloatVector.fromArray(F, part, o + 3 * rs); h3 = FloatVector.fromArray(F, part, o + 3 * rs + HALF);
                            l4 = FloatVector.fromArray(F, part, o + 4 * rs); h4 = FloatVector.fromArray(F, part, o + 4 * rs + HALF);
                        }
                        int xi = i * w - p0;
                        for (int p = p0; p < pEnd; p += LANES) {
                            FloatVector xl = FloatVector.fromArray(F, xf, xi + p);
                            FloatVector xh = FloatVector.fromArray(F, xf, xi + p + HALF);
                            l0 = FloatVector.fromArray(F, v, q0 + p).fma(xl, l0);
                            h0 = FloatVector.fromArray(F, v, q0 + p + HALF).fma(xh, h0);
                            l1 = FloatVector.fromArray(F, v, q1 + p).fma(xl, l1);
                            h1 = FloatVector.fromArray(F, v, q1 + p + HALF).fma(xh, h1);
                            l2 = FloatVector.fromArray(F, v, q2 + p).fma(xl, l2);
                            h2 = FloatVector.fromArray(F, v, q2 + p + HALF).fma(xh, h2);
                            l3 = FloatVector.fromArray(F, v, q3 + p).fma(xl, l3);
                            h3 = FloatVector.fromArray(F, v, q3 + p + HALF).fma(xh, h3);
                            l4 = FloatVector.fromArray(F, v, q4 + p).fma(xl, l4);
                            h4 = FloatVector.fromArray(F, v, q4 + p + HALF).fma(xh, h4);
                        }
                        l0.intoArray(part, o); h0.intoArray(part, o + HALF);
                        l1.intoArray(part, o + rs); h1.intoArray(part, o + rs + HALF);
                        l2.intoArray(part, o + 2 * rs); h2.intoArray(part, o + 2 * rs + HALF);
                        l3.intoArray(part, o + 3 * rs); h3.intoArray(part, o + 3 * rs + HALF);
                        l4.intoArray(part, o + 4 * rs); h4.intoArray(part, o + 4 * rs + HALF);
                    }
                }
                for (int r = blocks * BLOCK; r < rows; r++) {
                    for (int i = 0; i < size; i++) {
                        int o = r * rs + i * LANES;
                        FloatVector l = p0 == 0 ? z : FloatVector.fromArray(F, part, o);
                        FloatVector h = p0 == 0 ? z : FloatVector.fromArray(F, part, o + HALF);
                        int xi = i * w - p0;
                        for (int p = p0; p < pEnd; p += LANES) {
                            l = FloatVector.fromArray(F, v, r * dim + p).fma(FloatVector.fromArray(F, xf, xi + p), l);
                            h = FloatVector.fromArray(F, v, r * dim + p + HALF).fma(FloatVector.fromArray(F, xf, xi + p + HALF), h);
                        }
                        l.intoArray(part, o);
                        h.intoArray(part, o + HALF);
                    }
                }
            }
            for (int i = 0; i < size; i++) {
                for (int r = 0; r < rows; r++) out[r + rows * (g0 + i)] = sumInLaneOrder(part, r * rs + i * LANES);
            }
        }
    }

    /**
     * The weighted sums of many rows: for each block of 16 features the n images' pixels are widened once into
     * {@code widened} (n × 16 floats), then every block of 5 rows sums them with 10 accumulators, and the rows past
     * the last block with 2. Each (row, feature) sums its images in order from zero.
     */
    private void weightedSumRows(float[] gs, int rows, int dim, byte[] x, int first, int n, float[] out) {
        int blocks = rows / BLOCK;
        float[] xw = widened = ensure(widened, n * LANES);
        FloatVector z = FloatVector.zero(F);
        for (int p = 0; p < dim; p += LANES) {
            for (int c = 0; c < n; c++) {
                int x0 = (first + c) * dim + p;
                widen(x, x0).intoArray(xw, c * LANES);
                widen(x, x0 + HALF).intoArray(xw, c * LANES + HALF);
            }
            for (int b = 0; b < blocks; b++) {
                int k0 = b * BLOCK;
                FloatVector l0 = z, h0 = z, l1 = z, h1 = z, l2 = z, h2 = z, l3 = z, h3 = z, l4 = z, h4 = z;
                for (int c = 0; c < n; c++) {
                    FloatVector xl = FloatVector.fromArray(F, xw, c * LANES);
                    FloatVector xh = FloatVector.fromArray(F, xw, c * LANES + HALF);
                    int gc = k0 + rows * c;
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
            for (int r = blocks * BLOCK; r < rows; r++) {
                FloatVector l = z, h = z;
                for (int c = 0; c < n; c++) {
                    FloatVector g = FloatVector.broadcast(F, gs[r + rows * c]);
                    l = g.fma(FloatVector.fromArray(F, xw, c * LANES), l);
                    h = g.fma(FloatVector.fromArray(F, xw, c * LANES + HALF), h);
                }
                l.intoArray(out, r * dim + p);
                h.intoArray(out, r * dim + p + HALF);
            }
        }
    }

    private static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    @Override
    public float foldRow(float[] w, int k, float[] scale, float[] offset, int dim, float[] v, int vRow) {
        if (dim % LANES != 0) return scalar.foldRow(w, k, scale, offset, dim, v, vRow);
        int row = k * dim;
        int out = vRow * dim;
        FloatVector l = FloatVector.zero(F), h = l;
        for (int j = 0; j < dim; j += LANES) {
            FloatVector fl = FloatVector.fromArray(F, w, row + j).mul(FloatVector.fromArray(F, scale, j));
            FloatVector fh = FloatVector.fromArray(F, w, row + j + HALF).mul(FloatVector.fromArray(F, scale, j + HALF));
            fl.intoArray(v, out + j);
            fh.intoArray(v, out + j + HALF);
            l = fl.fma(FloatVector.fromArray(F, offset, j), l);
            h = fh.fma(FloatVector.fromArray(F, offset, j + HALF), h);
        }
        return laneSum(l, h);
    }

    @Override
    public void finishGradientRow(float[] sums, int sumsRow, float[] offset, float[] scale, float gSum,
                                  float inverseN, float twoLambda, float[] w, int k, int dim, float[] dW) {
        if (dim % HALF != 0) {
            scalar.finishGradientRow(sums, sumsRow, offset, scale, gSum, inverseN, twoLambda, w, k, dim, dW);
            return;
        }
        int row = k * dim;
        int sumsBase = sumsRow * dim;
        for (int j = 0; j < dim; j += HALF) {
            FloatVector centred = FloatVector.fromArray(F, sums, sumsBase + j)
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
