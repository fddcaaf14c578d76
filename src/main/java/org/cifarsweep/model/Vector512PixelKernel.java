package org.cifarsweep.model;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PixelKernel} on the Vector API with 512-bit vectors: one vector is exactly the 16 lane sums of the
 * contract, so the bits equal {@link ScalarPixelKernel}'s. For the 10 classes of CIFAR-10 the loops are unrolled
 * over all classes and two images (or two feature blocks), 20 accumulators that stay in registers, so each byte
 * vector is widened once and used 10 times. Other shapes take a plain loop with the same order.
 */
final class Vector512PixelKernel extends PixelKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_512;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_128;
    private static final int UNROLLED_CLASSES = 10;
    /** 10 rows × 768 floats of v (30 KB) stay in L1 while the images of a group stream past them. */
    private static final int FEATURE_BLOCK = 768;
    /** Lane sums of a group carried between feature blocks: 64 images × 10 classes × 16 lanes = 40 KB. */
    private static final int IMAGE_GROUP = 64;
    private static final int PAIR_STRIDE = UNROLLED_CLASSES * LANES;

    private final int featureBlock;
    private final int imageGroup;
    private final float[] partials;
    private final float[] lanes = new float[LANES];
    private final ScalarPixelKernel scalar = new ScalarPixelKernel();

    Vector512PixelKernel() {
        this(FEATURE_BLOCK, IMAGE_GROUP);
    }

    /** Smaller blocks give the same bits; {@link #warmUp} uses them to reach every branch on tiny inputs. */
    Vector512PixelKernel(int featureBlock, int imageGroup) {
        if (featureBlock % LANES != 0 || imageGroup % 2 != 0) {
            throw new IllegalArgumentException("featureBlock " + featureBlock + " must be a multiple of " + LANES
                    + " and imageGroup " + imageGroup + " even");
        }
        this.featureBlock = featureBlock;
        this.imageGroup = imageGroup;
        this.partials = new float[imageGroup * PAIR_STRIDE];
    }

    /** Null when this kernel runs at full speed here, else why it would not. */
    static String unsupportedReason() {
        int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
        return bits >= F.vectorBitSize() ? null : "the CPU's preferred vectors have " + bits + " bits, not 512";
    }

    @Override
    public void dot(float[] v, int classes, int dim, byte[] x, int first, int n, float[] out) {
        if (dim % LANES != 0) {
            scalar.dot(v, classes, dim, x, first, n, out);
            return;
        }
        if (classes != UNROLLED_CLASSES) {
            for (int c = 0; c < n; c++) dotOne(v, classes, dim, x, first + c, out, c);
            return;
        }
        for (int g0 = 0; g0 < n; g0 += imageGroup) {
            int size = Math.min(imageGroup, n - g0);
            int pairs = size & ~1;
            for (int p0 = 0; p0 < dim; p0 += featureBlock) {
                int pEnd = Math.min(dim, p0 + featureBlock);
                for (int i = 0; i < pairs; i += 2) {
                    dotPair(v, dim, x, (first + g0 + i) * dim, p0, pEnd, i * PAIR_STRIDE);
                }
            }
            for (int i = 0; i < pairs; i++) {
                for (int k = 0; k < UNROLLED_CLASSES; k++) {
                    out[k + classes * (g0 + i)] = sumInLaneOrder(partials, (i * UNROLLED_CLASSES + k) * LANES);
                }
            }
            if (pairs < size) dotOne(v, classes, dim, x, first + g0 + pairs, out, g0 + pairs);
        }
    }

    /** Features [p0, pEnd) of two adjacent images, continuing the lane sums kept at {@code partials[o..]}. */
    private void dotPair(float[] v, int dim, byte[] x, int xa0, int p0, int pEnd, int o) {
        float[] partials = this.partials;
        int xb0 = xa0 + dim;
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9;
        if (p0 == 0) {
            FloatVector z = FloatVector.zero(F);
            a0 = z; b0 = z; a1 = z; b1 = z; a2 = z; b2 = z; a3 = z; b3 = z; a4 = z; b4 = z; a5 = z; b5 = z; a6 = z; b6 = z; a7 = z; b7 = z; a8 = z; b8 = z; a9 = z; b9 = z;
        } else {
            a0 = FloatVector.fromArray(F, partials, o + 0); b0 = FloatVector.fromArray(F, partials, o + 160);
            a1 = FloatVector.fromArray(F, partials, o + 16); b1 = FloatVector.fromArray(F, partials, o + 176);
            a2 = FloatVector.fromArray(F, partials, o + 32); b2 = FloatVector.fromArray(F, partials, o + 192);
            a3 = FloatVector.fromArray(F, partials, o + 48); b3 = FloatVector.fromArray(F, partials, o + 208);
            a4 = FloatVector.fromArray(F, partials, o + 64); b4 = FloatVector.fromArray(F, partials, o + 224);
            a5 = FloatVector.fromArray(F, partials, o + 80); b5 = FloatVector.fromArray(F, partials, o + 240);
            a6 = FloatVector.fromArray(F, partials, o + 96); b6 = FloatVector.fromArray(F, partials, o + 256);
            a7 = FloatVector.fromArray(F, partials, o + 112); b7 = FloatVector.fromArray(F, partials, o + 272);
            a8 = FloatVector.fromArray(F, partials, o + 128); b8 = FloatVector.fromArray(F, partials, o + 288);
            a9 = FloatVector.fromArray(F, partials, o + 144); b9 = FloatVector.fromArray(F, partials, o + 304);
        }
        for (int p = p0; p < pEnd; p += LANES) {
            FloatVector xa = widen(x, xa0 + p);
            FloatVector xb = widen(x, xb0 + p);
            FloatVector w;
            w = FloatVector.fromArray(F, v, 0 * dim + p); a0 = w.fma(xa, a0); b0 = w.fma(xb, b0);
            w = FloatVector.fromArray(F, v, 1 * dim + p); a1 = w.fma(xa, a1); b1 = w.fma(xb, b1);
            w = FloatVector.fromArray(F, v, 2 * dim + p); a2 = w.fma(xa, a2); b2 = w.fma(xb, b2);
            w = FloatVector.fromArray(F, v, 3 * dim + p); a3 = w.fma(xa, a3); b3 = w.fma(xb, b3);
            w = FloatVector.fromArray(F, v, 4 * dim + p); a4 = w.fma(xa, a4); b4 = w.fma(xb, b4);
            w = FloatVector.fromArray(F, v, 5 * dim + p); a5 = w.fma(xa, a5); b5 = w.fma(xb, b5);
            w = FloatVector.fromArray(F, v, 6 * dim + p); a6 = w.fma(xa, a6); b6 = w.fma(xb, b6);
            w = FloatVector.fromArray(F, v, 7 * dim + p); a7 = w.fma(xa, a7); b7 = w.fma(xb, b7);
            w = FloatVector.fromArray(F, v, 8 * dim + p); a8 = w.fma(xa, a8); b8 = w.fma(xb, b8);
            w = FloatVector.fromArray(F, v, 9 * dim + p); a9 = w.fma(xa, a9); b9 = w.fma(xb, b9);
        }
        a0.intoArray(partials, o + 0); b0.intoArray(partials, o + 160);
        a1.intoArray(partials, o + 16); b1.intoArray(partials, o + 176);
        a2.intoArray(partials, o + 32); b2.intoArray(partials, o + 192);
        a3.intoArray(partials, o + 48); b3.intoArray(partials, o + 208);
        a4.intoArray(partials, o + 64); b4.intoArray(partials, o + 224);
        a5.intoArray(partials, o + 80); b5.intoArray(partials, o + 240);
        a6.intoArray(partials, o + 96); b6.intoArray(partials, o + 256);
        a7.intoArray(partials, o + 112); b7.intoArray(partials, o + 272);
        a8.intoArray(partials, o + 128); b8.intoArray(partials, o + 288);
        a9.intoArray(partials, o + 144); b9.intoArray(partials, o + 304);
    }

    /** All classes of one image, one class at a time: the same order as the unrolled loop. */
    private void dotOne(float[] v, int classes, int dim, byte[] x, int image, float[] out, int column) {
        int x0 = image * dim;
        for (int k = 0; k < classes; k++) {
            FloatVector acc = FloatVector.zero(F);
            for (int p = 0; p < dim; p += LANES) acc = FloatVector.fromArray(F, v, k * dim + p).fma(widen(x, x0 + p), acc);
            acc.intoArray(lanes, 0);
            out[k + classes * column] = sumInLaneOrder(lanes, 0);
        }
    }

    @Override
    public void weightedSum(float[] g, int classes, int dim, byte[] x, int first, int n, float[] out) {
        if (dim % LANES != 0) {
            scalar.weightedSum(g, classes, dim, x, first, n, out);
            return;
        }
        if (classes != UNROLLED_CLASSES || dim % (2 * LANES) != 0) {
            for (int k = 0; k < classes; k++) {
                for (int p = 0; p < dim; p += LANES) {
                    FloatVector acc = FloatVector.zero(F);
                    for (int c = 0; c < n; c++) {
                        acc = FloatVector.broadcast(F, g[k + classes * c]).fma(widen(x, (first + c) * dim + p), acc);
                    }
                    acc.intoArray(out, k * dim + p);
                }
            }
            return;
        }
        for (int p = 0; p < dim; p += 2 * LANES) weightedSumBlock(g, dim, x, first, n, p, out);
    }

    /** Features [p, p + 32) of every class: 20 accumulators over the n images. */
    private static void weightedSumBlock(float[] g, int dim, byte[] x, int first, int n, int p, float[] out) {
        FloatVector z = FloatVector.zero(F);
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9;
        a0 = z; b0 = z; a1 = z; b1 = z; a2 = z; b2 = z; a3 = z; b3 = z; a4 = z; b4 = z; a5 = z; b5 = z; a6 = z; b6 = z; a7 = z; b7 = z; a8 = z; b8 = z; a9 = z; b9 = z;
        for (int c = 0; c < n; c++) {
            int x0 = (first + c) * dim + p;
            FloatVector xa = widen(x, x0);
            FloatVector xb = widen(x, x0 + LANES);
            int gc = UNROLLED_CLASSES * c;
            FloatVector gk;
            gk = FloatVector.broadcast(F, g[gc + 0]); a0 = gk.fma(xa, a0); b0 = gk.fma(xb, b0);
            gk = FloatVector.broadcast(F, g[gc + 1]); a1 = gk.fma(xa, a1); b1 = gk.fma(xb, b1);
            gk = FloatVector.broadcast(F, g[gc + 2]); a2 = gk.fma(xa, a2); b2 = gk.fma(xb, b2);
            gk = FloatVector.broadcast(F, g[gc + 3]); a3 = gk.fma(xa, a3); b3 = gk.fma(xb, b3);
            gk = FloatVector.broadcast(F, g[gc + 4]); a4 = gk.fma(xa, a4); b4 = gk.fma(xb, b4);
            gk = FloatVector.broadcast(F, g[gc + 5]); a5 = gk.fma(xa, a5); b5 = gk.fma(xb, b5);
            gk = FloatVector.broadcast(F, g[gc + 6]); a6 = gk.fma(xa, a6); b6 = gk.fma(xb, b6);
            gk = FloatVector.broadcast(F, g[gc + 7]); a7 = gk.fma(xa, a7); b7 = gk.fma(xb, b7);
            gk = FloatVector.broadcast(F, g[gc + 8]); a8 = gk.fma(xa, a8); b8 = gk.fma(xb, b8);
            gk = FloatVector.broadcast(F, g[gc + 9]); a9 = gk.fma(xa, a9); b9 = gk.fma(xb, b9);
        }
        a0.intoArray(out, 0 * dim + p); b0.intoArray(out, 0 * dim + p + 16);
        a1.intoArray(out, 1 * dim + p); b1.intoArray(out, 1 * dim + p + 16);
        a2.intoArray(out, 2 * dim + p); b2.intoArray(out, 2 * dim + p + 16);
        a3.intoArray(out, 3 * dim + p); b3.intoArray(out, 3 * dim + p + 16);
        a4.intoArray(out, 4 * dim + p); b4.intoArray(out, 4 * dim + p + 16);
        a5.intoArray(out, 5 * dim + p); b5.intoArray(out, 5 * dim + p + 16);
        a6.intoArray(out, 6 * dim + p); b6.intoArray(out, 6 * dim + p + 16);
        a7.intoArray(out, 7 * dim + p); b7.intoArray(out, 7 * dim + p + 16);
        a8.intoArray(out, 8 * dim + p); b8.intoArray(out, 8 * dim + p + 16);
        a9.intoArray(out, 9 * dim + p); b9.intoArray(out, 9 * dim + p + 16);
    }

    @Override
    public float foldRow(float[] w, float[] scale, float[] offset, int k, int dim, float[] v) {
        if (dim % LANES != 0) return scalar.foldRow(w, scale, offset, k, dim, v);
        int row = k * dim;
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < dim; j += LANES) {
            FloatVector folded = FloatVector.fromArray(F, w, row + j).mul(FloatVector.fromArray(F, scale, j));
            folded.intoArray(v, row + j);
            acc = folded.fma(FloatVector.fromArray(F, offset, j), acc);
        }
        acc.intoArray(lanes, 0);
        return sumInLaneOrder(lanes, 0);
    }

    @Override
    public void finishGradientRow(float[] sums, float[] offset, float[] scale, float gSum, float inverseN,
                                  float twoLambda, float[] w, int k, int dim, float[] dW) {
        if (dim % LANES != 0) {
            scalar.finishGradientRow(sums, offset, scale, gSum, inverseN, twoLambda, w, k, dim, dW);
            return;
        }
        int row = k * dim;
        for (int j = 0; j < dim; j += LANES) {
            FloatVector centred = FloatVector.fromArray(F, sums, row + j)
                    .sub(FloatVector.fromArray(F, offset, j).mul(gSum));
            FloatVector decay = FloatVector.fromArray(F, w, row + j).mul(twoLambda);
            centred.mul(FloatVector.fromArray(F, scale, j)).mul(inverseN).add(decay).intoArray(dW, row + j);
        }
    }

    /** 16 signed bytes to 16 floats. */
    private static FloatVector widen(byte[] x, int offset) {
        return (FloatVector) ByteVector.fromArray(B, x, offset).convertShape(VectorOperators.B2F, F, 0);
    }

    @Override
    public String describe() {
        return "Vector API pixel kernel (512-bit, jdk.incubator.vector)";
    }
}
