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
    /** The lane sums a pack's image group carries between feature blocks: at most 1 MB, within L2. */
    private static final int PACK_PARTIALS_FLOATS = 1 << 18;
    /** The most rows whose lane sums for a full image group fit that budget (256): a pack's rows up to here. */
    static final int FULL_GROUP_ROWS = PACK_PARTIALS_FLOATS / (IMAGE_GROUP * LANES);

    private final int featureBlock;
    private final int imageGroup;
    private final float[] partials;
    private final float[] lanes = new float[LANES];
    private final ScalarPixelKernel scalar = new ScalarPixelKernel();
    /** Many-row paths: pixels widened once for all rows, and the rows' lane sums; grown on first use. */
    private float[] widened;
    private float[] rowPartials;
    private float[] vBlock;

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
        if (classes > UNROLLED_CLASSES) {
            dotRows(v, classes, dim, x, first, n, out);
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

    /**
     * The dot products of many rows (a pack: P models of 10 classes stacked), blocked three ways: groups of images,
     * blocks of features, blocks of 10 rows. Each (image group, feature block) of pixels is widened to floats once,
     * into {@code widened}, and then read by every row block. Each 10-row block of v is first interleaved into
     * {@code vBlock} (16 features of each row in turn, 30 KB, in L1), then two halves of 5 rows pass the group's
     * images 4 at a time: 20 accumulators and 9 loads per 20 fma, all aligned where the buffers are (see
     * {@link Alignment}). Each (row, image) keeps its 16 lane sums in {@code rowPartials} from one feature block to
     * the next, in increasing p, and adds them in lane order at the end: the contract's order, so a row's bits do
     * not depend on how many rows are stacked with it, nor on the tile it was computed in. The last 1 to 3 images of
     * a group take one image at a time, rows past the last full block of 10 one accumulator at a time.
     */
    private void dotRows(float[] v, int rows, int dim, byte[] x, int first, int n, float[] out) {
        int blocks = rows / UNROLLED_CLASSES;
        int group = groupFor(rows);
        int width = Math.min(featureBlock, dim);
        // Both buffers start where their floats are 64-byte aligned (as far as can be told): a 512-bit load across
        // two cache lines costs two, and these are read in the inner loop.
        float[] xf = widened = ensure(widened, group * width + LANES);
        int xo = Alignment.floatOffset(xf);
        float[] vb = vBlock = ensure(vBlock, UNROLLED_CLASSES * width + LANES);
        int vo = Alignment.floatOffset(vb);
        int rowStride = group * LANES;
        float[] part = rowPartials = ensure(rowPartials, rows * rowStride);
        for (int g0 = 0; g0 < n; g0 += group) {
            int size = Math.min(group, n - g0);
            int quads = size & ~3;
            for (int p0 = 0; p0 < dim; p0 += featureBlock) {
                int pEnd = Math.min(dim, p0 + featureBlock);
                int w = pEnd - p0;
                boolean start = p0 == 0;
                for (int i = 0; i < size; i++) {
                    int xBase = (first + g0 + i) * dim;
                    for (int p = p0; p < pEnd; p += LANES) widen(x, xBase + p).intoArray(xf, xo + i * w + p - p0);
                }
                for (int b = 0; b < blocks; b++) {
                    int vBase = b * UNROLLED_CLASSES * dim;
                    int o = b * UNROLLED_CLASSES * rowStride;
                    // The block's 10 rows interleaved, 16 features of each in turn: one aligned, sequential stream.
                    for (int p = p0; p < pEnd; p += LANES) {
                        int q = vo + (p - p0) * UNROLLED_CLASSES;
                        for (int k = 0; k < UNROLLED_CLASSES; k++) {
                            FloatVector.fromArray(F, v, vBase + k * dim + p).intoArray(vb, q + k * LANES);
                        }
                    }
                    for (int half = 0; half < 2; half++) {
                        int oh = o + half * 5 * rowStride;
                        for (int i = 0; i < quads; i += 4) {
                            quadOfInterleaved(vb, vo + half * 5 * LANES, xf, xo + i * w, w, part, oh + i * LANES, rowStride, start);
                        }
                    }
                    for (int i = quads; i < size; i++) {
                        oneOfRowBlock(v, vBase, dim, xf, xo + i * w, p0, pEnd, part, o + i * LANES, rowStride);
                    }
                }
                for (int r = blocks * UNROLLED_CLASSES; r < rows; r++) {
                    for (int i = 0; i < size; i++) {
                        int o = r * rowStride + i * LANES;
                        FloatVector acc = start ? FloatVector.zero(F) : FloatVector.fromArray(F, part, o);
                        for (int p = p0; p < pEnd; p += LANES) {
                            acc = FloatVector.fromArray(F, v, r * dim + p).fma(FloatVector.fromArray(F, xf, xo + i * w + p - p0), acc);
                        }
                        acc.intoArray(part, o);
                    }
                }
            }
            // Row by row, so the lane sums are read in order (a row's images are adjacent in rowPartials).
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < size; i++) out[r + rows * (g0 + i)] = sumInLaneOrder(part, r * rowStride + i * LANES);
            }
        }
    }



    /**
     * Five rows of an interleaved 10-row block ({@code vb} from {@code v0}: per 16 features, the 10 rows' 16
     * values in turn; rows 0–4 or 5–9 by {@code v0}) against 4 widened images {@code w} floats apart from
     * {@code xi0}, over the block's {@code w} features, continuing the lane sums at {@code part[o + k·rs + j·16]}
     * (row k, image j): 20 accumulators, 9 loads per 20 fma, every load 64-byte aligned where the buffers are.
     */
    private static void quadOfInterleaved(float[] vb, int v0, float[] xf, int xi0, int w, float[] part, int o, int rs,
                                          boolean start) {
        FloatVector a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33, a40, a41, a42, a43;
        if (start) {
            FloatVector z = FloatVector.zero(F);
            a00 = z; a01 = z; a02 = z; a03 = z; a10 = z; a11 = z; a12 = z; a13 = z; a20 = z; a21 = z; a22 = z; a23 = z; a30 = z; a31 = z; a32 = z; a33 = z; a40 = z; a41 = z; a42 = z; a43 = z;
        } else {
            a00 = FloatVector.fromArray(F, part, o + 0 * rs + 0); a01 = FloatVector.fromArray(F, part, o + 0 * rs + 16); a02 = FloatVector.fromArray(F, part, o + 0 * rs + 32); a03 = FloatVector.fromArray(F, part, o + 0 * rs + 48);
            a10 = FloatVector.fromArray(F, part, o + 1 * rs + 0); a11 = FloatVector.fromArray(F, part, o + 1 * rs + 16); a12 = FloatVector.fromArray(F, part, o + 1 * rs + 32); a13 = FloatVector.fromArray(F, part, o + 1 * rs + 48);
            a20 = FloatVector.fromArray(F, part, o + 2 * rs + 0); a21 = FloatVector.fromArray(F, part, o + 2 * rs + 16); a22 = FloatVector.fromArray(F, part, o + 2 * rs + 32); a23 = FloatVector.fromArray(F, part, o + 2 * rs + 48);
            a30 = FloatVector.fromArray(F, part, o + 3 * rs + 0); a31 = FloatVector.fromArray(F, part, o + 3 * rs + 16); a32 = FloatVector.fromArray(F, part, o + 3 * rs + 32); a33 = FloatVector.fromArray(F, part, o + 3 * rs + 48);
            a40 = FloatVector.fromArray(F, part, o + 4 * rs + 0); a41 = FloatVector.fromArray(F, part, o + 4 * rs + 16); a42 = FloatVector.fromArray(F, part, o + 4 * rs + 32); a43 = FloatVector.fromArray(F, part, o + 4 * rs + 48);
        }
        int x0 = xi0, x1 = x0 + w, x2 = x1 + w, x3 = x2 + w;
        for (int q = 0, vq = v0; q < w; q += LANES, vq += UNROLLED_CLASSES * LANES) {
            FloatVector y0 = FloatVector.fromArray(F, xf, x0 + q), y1 = FloatVector.fromArray(F, xf, x1 + q), y2 = FloatVector.fromArray(F, xf, x2 + q), y3 = FloatVector.fromArray(F, xf, x3 + q);
            FloatVector wv;
            wv = FloatVector.fromArray(F, vb, vq + 0); a00 = wv.fma(y0, a00); a01 = wv.fma(y1, a01); a02 = wv.fma(y2, a02); a03 = wv.fma(y3, a03);
            wv = FloatVector.fromArray(F, vb, vq + 16); a10 = wv.fma(y0, a10); a11 = wv.fma(y1, a11); a12 = wv.fma(y2, a12); a13 = wv.fma(y3, a13);
            wv = FloatVector.fromArray(F, vb, vq + 32); a20 = wv.fma(y0, a20); a21 = wv.fma(y1, a21); a22 = wv.fma(y2, a22); a23 = wv.fma(y3, a23);
            wv = FloatVector.fromArray(F, vb, vq + 48); a30 = wv.fma(y0, a30); a31 = wv.fma(y1, a31); a32 = wv.fma(y2, a32); a33 = wv.fma(y3, a33);
            wv = FloatVector.fromArray(F, vb, vq + 64); a40 = wv.fma(y0, a40); a41 = wv.fma(y1, a41); a42 = wv.fma(y2, a42); a43 = wv.fma(y3, a43);
        }
        a00.intoArray(part, o + 0 * rs + 0); a01.intoArray(part, o + 0 * rs + 16); a02.intoArray(part, o + 0 * rs + 32); a03.intoArray(part, o + 0 * rs + 48);
        a10.intoArray(part, o + 1 * rs + 0); a11.intoArray(part, o + 1 * rs + 16); a12.intoArray(part, o + 1 * rs + 32); a13.intoArray(part, o + 1 * rs + 48);
        a20.intoArray(part, o + 2 * rs + 0); a21.intoArray(part, o + 2 * rs + 16); a22.intoArray(part, o + 2 * rs + 32); a23.intoArray(part, o + 2 * rs + 48);
        a30.intoArray(part, o + 3 * rs + 0); a31.intoArray(part, o + 3 * rs + 16); a32.intoArray(part, o + 3 * rs + 32); a33.intoArray(part, o + 3 * rs + 48);
        a40.intoArray(part, o + 4 * rs + 0); a41.intoArray(part, o + 4 * rs + 16); a42.intoArray(part, o + 4 * rs + 32); a43.intoArray(part, o + 4 * rs + 48);
    }

    /** Images per group of {@link #dotRows}: the configured group, fewer when the rows' lane sums would pass 1 MB. */
    private int groupFor(int rows) {
        int fit = PACK_PARTIALS_FLOATS / (rows * LANES) & ~1;
        return Math.max(2, Math.min(imageGroup, fit));
    }

    /** One image against the 10 rows of a block, reading v as it is: the last 1 to 3 images of a group. */
    private static void oneOfRowBlock(float[] v, int vBase, int dim, float[] xf, int xa0, int p0, int pEnd,
                                      float[] part, int o, int rs) {
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9;
        if (p0 == 0) {
            FloatVector z = FloatVector.zero(F);
            a0 = z; a1 = z; a2 = z; a3 = z; a4 = z; a5 = z; a6 = z; a7 = z; a8 = z; a9 = z;
        } else {
            a0 = FloatVector.fromArray(F, part, o); a1 = FloatVector.fromArray(F, part, o + rs);
            a2 = FloatVector.fromArray(F, part, o + 2 * rs); a3 = FloatVector.fromArray(F, part, o + 3 * rs);
            a4 = FloatVector.fromArray(F, part, o + 4 * rs); a5 = FloatVector.fromArray(F, part, o + 5 * rs);
            a6 = FloatVector.fromArray(F, part, o + 6 * rs); a7 = FloatVector.fromArray(F, part, o + 7 * rs);
            a8 = FloatVector.fromArray(F, part, o + 8 * rs); a9 = FloatVector.fromArray(F, part, o + 9 * rs);
        }
        for (int p = p0; p < pEnd; p += LANES) {
            FloatVector xa = FloatVector.fromArray(F, xf, xa0 + p - p0);
            int q = vBase + p;
            a0 = FloatVector.fromArray(F, v, q).fma(xa, a0); q += dim;
            a1 = FloatVector.fromArray(F, v, q).fma(xa, a1); q += dim;
            a2 = FloatVector.fromArray(F, v, q).fma(xa, a2); q += dim;
            a3 = FloatVector.fromArray(F, v, q).fma(xa, a3); q += dim;
            a4 = FloatVector.fromArray(F, v, q).fma(xa, a4); q += dim;
            a5 = FloatVector.fromArray(F, v, q).fma(xa, a5); q += dim;
            a6 = FloatVector.fromArray(F, v, q).fma(xa, a6); q += dim;
            a7 = FloatVector.fromArray(F, v, q).fma(xa, a7); q += dim;
            a8 = FloatVector.fromArray(F, v, q).fma(xa, a8); q += dim;
            a9 = FloatVector.fromArray(F, v, q).fma(xa, a9);
        }
        a0.intoArray(part, o); a1.intoArray(part, o + rs); a2.intoArray(part, o + 2 * rs);
        a3.intoArray(part, o + 3 * rs); a4.intoArray(part, o + 4 * rs); a5.intoArray(part, o + 5 * rs);
        a6.intoArray(part, o + 6 * rs); a7.intoArray(part, o + 7 * rs); a8.intoArray(part, o + 8 * rs);
        a9.intoArray(part, o + 9 * rs);
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
        if (classes > UNROLLED_CLASSES) {
            weightedSumRows(g, classes, dim, x, first, n, out);
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

    /**
     * The weighted sums of many rows: for each block of 32 features, the n images' pixels are widened once into
     * {@code widened} (n × 32 floats), then every block of 10 rows runs {@link #weightedSumBlock}'s 20 accumulators
     * over them; rows past the last full block, and a last block of 16 features, one vector at a time. Each
     * (row, feature) sums its images in order from zero, as the contract says, whatever the other rows are.
     */
    private void weightedSumRows(float[] g, int rows, int dim, byte[] x, int first, int n, float[] out) {
        int blocks = rows / UNROLLED_CLASSES;
        float[] xw = widened = ensure(widened, n * 2 * LANES);
        for (int p0 = 0; p0 < dim; p0 += 2 * LANES) {
            int w = Math.min(2 * LANES, dim - p0);
            for (int c = 0; c < n; c++) {
                int x0 = (first + c) * dim + p0;
                for (int q = 0; q < w; q += LANES) widen(x, x0 + q).intoArray(xw, c * w + q);
            }
            int fullRows = 0;
            if (w == 2 * LANES) {
                for (int b = 0; b < blocks; b++) weightedSumRowBlock(g, rows, b * UNROLLED_CLASSES, dim, xw, n, p0, out);
                fullRows = blocks * UNROLLED_CLASSES;
            }
            for (int r = fullRows; r < rows; r++) {
                for (int q = 0; q < w; q += LANES) {
                    FloatVector acc = FloatVector.zero(F);
                    for (int c = 0; c < n; c++) {
                        acc = FloatVector.broadcast(F, g[r + rows * c]).fma(FloatVector.fromArray(F, xw, c * w + q), acc);
                    }
                    acc.intoArray(out, r * dim + p0 + q);
                }
            }
        }
    }

    /** Rows [r0, r0 + 10) and features [p, p + 32) from widened pixels (32 per image): 20 accumulators. */
    private static void weightedSumRowBlock(float[] g, int rows, int r0, int dim, float[] xw, int n, int p, float[] out) {
        FloatVector z = FloatVector.zero(F);
        FloatVector a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9;
        a0 = z; b0 = z; a1 = z; b1 = z; a2 = z; b2 = z; a3 = z; b3 = z; a4 = z; b4 = z; a5 = z; b5 = z; a6 = z; b6 = z; a7 = z; b7 = z; a8 = z; b8 = z; a9 = z; b9 = z;
        for (int c = 0; c < n; c++) {
            FloatVector xa = FloatVector.fromArray(F, xw, c * 2 * LANES);
            FloatVector xb = FloatVector.fromArray(F, xw, c * 2 * LANES + LANES);
            int gc = r0 + rows * c;
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
        int o = r0 * dim + p;
        a0.intoArray(out, o); b0.intoArray(out, o + LANES); o += dim;
        a1.intoArray(out, o); b1.intoArray(out, o + LANES); o += dim;
        a2.intoArray(out, o); b2.intoArray(out, o + LANES); o += dim;
        a3.intoArray(out, o); b3.intoArray(out, o + LANES); o += dim;
        a4.intoArray(out, o); b4.intoArray(out, o + LANES); o += dim;
        a5.intoArray(out, o); b5.intoArray(out, o + LANES); o += dim;
        a6.intoArray(out, o); b6.intoArray(out, o + LANES); o += dim;
        a7.intoArray(out, o); b7.intoArray(out, o + LANES); o += dim;
        a8.intoArray(out, o); b8.intoArray(out, o + LANES); o += dim;
        a9.intoArray(out, o); b9.intoArray(out, o + LANES);
    }

    private static float[] ensure(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
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
    public float foldRow(float[] w, int k, float[] scale, float[] offset, int dim, float[] v, int vRow) {
        if (dim % LANES != 0) return scalar.foldRow(w, k, scale, offset, dim, v, vRow);
        int row = k * dim;
        int out = vRow * dim;
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < dim; j += LANES) {
            FloatVector folded = FloatVector.fromArray(F, w, row + j).mul(FloatVector.fromArray(F, scale, j));
            folded.intoArray(v, out + j);
            acc = folded.fma(FloatVector.fromArray(F, offset, j), acc);
        }
        acc.intoArray(lanes, 0);
        return sumInLaneOrder(lanes, 0);
    }

    @Override
    public void finishGradientRow(float[] sums, int sumsRow, float[] offset, float[] scale, float gSum,
                                  float inverseN, float twoLambda, float[] w, int k, int dim, float[] dW) {
        if (dim % LANES != 0) {
            scalar.finishGradientRow(sums, sumsRow, offset, scale, gSum, inverseN, twoLambda, w, k, dim, dW);
            return;
        }
        int row = k * dim;
        int sumsBase = sumsRow * dim;
        for (int j = 0; j < dim; j += LANES) {
            FloatVector centred = FloatVector.fromArray(F, sums, sumsBase + j)
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
