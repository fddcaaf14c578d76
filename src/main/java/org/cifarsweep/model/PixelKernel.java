package org.cifarsweep.model;

/**
 * The two products of a float32 trial, computed straight from 1-byte pixels (the value minus 128, as a signed
 * byte) instead of 4-byte floats: a pass over a split then reads a quarter of the bytes, and the normalisation is
 * folded into W and b by {@link FloatLinearModel}.
 *
 * <p>Every implementation gives the same bits, because the order of the float operations is part of the contract:
 * <ul>
 *   <li>{@link #dot}: for each (class k, image c), 16 lane sums, lane l accumulating {@code fma(v, x, sum)} over the
 *   features p ≡ l (mod 16) in increasing p, then the 16 lanes added in lane order;</li>
 *   <li>{@link #weightedSum}: for each (class k, feature p), one sum accumulating {@code fma(g, x, sum)} over the
 *   images in order.</li>
 * </ul>
 * A sweep therefore gets the same numbers on machines with 512-bit vectors, with 256-bit ones, or with none.
 *
 * <p>The order is per row: a row's results do not depend on the other rows of the call. A trial pack stacks the
 * 10 rows of each of its P members into one call of P·10 rows (each kernel then widens each block of pixels once
 * for all of them), and every member gets the bits it gets alone.
 */
public abstract class PixelKernel {
    /** Lane sums per dot product; fixed, so the result does not depend on the hardware's vector width. */
    public static final int LANES = 16;

    /** {@code out[k + K·c] = Σ_p v[k·d + p] · x[(first + c)·d + p]} for c in [0, n): v is K×d row-major. */
    public abstract void dot(float[] v, int classes, int dim, byte[] x, int first, int n, float[] out);

    /** {@code out[k·d + p] = Σ_c g[k + K·c] · x[(first + c)·d + p]}: g is K×n column-major, out K×d row-major. */
    public abstract void weightedSum(float[] g, int classes, int dim, byte[] x, int first, int n, float[] out);

    /**
     * Folds the normalisation into row k of W: {@code v[k·d + j] = w[k·d + j] · scale[j]}, and returns
     * {@code Σ_j v[k·d + j] · offset[j]} in the order of {@link #dot} (16 lane fma chains, lanes added in order).
     */
    public final float foldRow(float[] w, float[] scale, float[] offset, int k, int dim, float[] v) {
        return foldRow(w, k, scale, offset, dim, v, k);
    }

    /**
     * As {@link #foldRow(float[], float[], float[], int, int, float[])}, writing the folded row into row
     * {@code vRow} of v instead of row k: a pack folds each member's rows into its own place in one stacked v.
     */
    public abstract float foldRow(float[] w, int k, float[] scale, float[] offset, int dim, float[] v, int vRow);

    /**
     * {@code dW[k·d + j] = (sums[k·d + j] − offset[j] · gSum) · scale[j] · inverseN + twoLambda · w[k·d + j]} for
     * row k, each operation rounded to float in that order: the gradient of the normalised features from the
     * pixel sums of {@link #weightedSum}.
     */
    public final void finishGradientRow(float[] sums, float[] offset, float[] scale, float gSum, float inverseN,
                                        float twoLambda, float[] w, int k, int dim, float[] dW) {
        finishGradientRow(sums, k, offset, scale, gSum, inverseN, twoLambda, w, k, dim, dW);
    }

    /**
     * As {@link #finishGradientRow(float[], float[], float[], float, float, float, float[], int, int, float[])},
     * reading the pixel sums from row {@code sumsRow} of {@code sums}: a pack's stacked weighted sums.
     */
    public abstract void finishGradientRow(float[] sums, int sumsRow, float[] offset, float[] scale, float gSum,
                                           float inverseN, float twoLambda, float[] w, int k, int dim, float[] dW);

    /** A one-line name for logs and provenance. */
    public abstract String describe();

    /** Adds the 16 lane sums at {@code values[offset..]} in lane order: the last step of {@link #dot}. */
    protected static float sumInLaneOrder(float[] values, int offset) {
        float sum = 0f;
        for (int l = 0; l < LANES; l++) sum += values[offset + l];
        return sum;
    }

    /** The fastest kernel this JVM can run: 512-bit or 256-bit Vector API where native, else the scalar one. */
    public static PixelKernel create() {
        return switch (VectorSupport.WIDTH) {
            case 512 -> VectorSupport.newKernel512();
            case 256 -> VectorSupport.newKernel256();
            default -> new ScalarPixelKernel();
        };
    }

    /**
     * Compiles the kernel of {@link #create()} before it meets real data, once per JVM, and returns the seconds it
     * took (the same number on later calls, which do nothing). Until C2 has compiled them, Vector API loops run interpreted, hundreds of
     * times slower: the first epoch of the first trial would take a second longer. Tiny inputs that reach every
     * branch get the same code compiled in a fraction of that.
     */
    public static synchronized double warmUp() {
        if (warmUpSeconds >= 0) return warmUpSeconds;
        long start = System.nanoTime();
        PixelKernel kernel = VectorSupport.WIDTH == 512 ? VectorSupport.newTinyKernel512() : create();
        if (!(kernel instanceof ScalarPixelKernel)) {
            int classes = 10;
            int dim = 64;
            int n = 7;
            float[] v = new float[classes * dim];
            float[] w = new float[classes * dim];
            float[] scale = new float[dim];
            float[] out = new float[classes * dim];
            byte[] x = new byte[dim * n];
            // A pack's P·10 rows take the kernels' many-row paths: 23 rows reach the blocks of 10 and the rest.
            float[] packV = new float[(2 * classes + 3) * dim];
            float[] packOut = new float[(2 * classes + 3) * Math.max(dim, n)];
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                kernel.dot(v, classes, dim, x, 0, n, out);
                kernel.dot(v, 3, dim, x, 0, 2, out);
                kernel.weightedSum(out, classes, dim, x, 0, n, w);
                kernel.weightedSum(out, 3, dim, x, 0, 2, w);
                kernel.dot(packV, 2 * classes + 3, dim, x, 0, n, packOut);
                kernel.weightedSum(packOut, 2 * classes + 3, dim, x, 0, n, packV);
                kernel.foldRow(w, scale, scale, i % classes, dim, v);
                kernel.finishGradientRow(out, scale, scale, 1f, 1f, 0f, w, i % classes, dim, v);
            }
        }
        warmUpSeconds = (System.nanoTime() - start) / 1e9;
        return warmUpSeconds;
    }

    /** The seconds {@link #warmUp} took in this JVM, or −1 if it has not run. */
    public static synchronized double warmUpSeconds() {
        return warmUpSeconds;
    }

    private static final int WARM_UP_ROUNDS = Integer.getInteger("cifarsweep.warmUpRounds", 4_000);
    private static double warmUpSeconds = -1;

    /** Null when a Vector API kernel is in use, else why not, in one line. */
    public static String warning() {
        return VectorSupport.WIDTH > 0 ? null
                : "float32 runs on the scalar pixel kernel (" + VectorSupport.REASON + "), many times slower;"
                        + " run on a JVM with --add-modules=jdk.incubator.vector (conf/jvm.properties)";
    }

    /** This JVM's kernel for provenance: the kernel, its one-off compile time, or why it is the slow one. */
    public static String describeInJvm() {
        String warning = warning();
        if (warning != null) return create().describe() + "; warning: " + warning;
        double compile = warmUpSeconds();
        return create().describe() + (compile < 0 ? "" : String.format(", compiled in %.2f s", compile));
    }

    /** The Vector API width the kernels use here: 512, 256, or 0 (scalar). Also picks the float64 normaliser. */
    static int vectorWidth() {
        return VectorSupport.WIDTH;
    }

    /** Checked once, without loading any jdk.incubator.vector class when the module is absent. */
    private static final class VectorSupport {
        static final String REASON;
        /** 512, 256, or 0 for none. */
        static final int WIDTH;

        static {
            String reason;
            int width = 0;
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                reason = "module jdk.incubator.vector is not loaded";
            } else {
                try {
                    reason = Vector512PixelKernel.unsupportedReason();
                    if (reason == null) {
                        width = 512;
                    } else if (Vector256PixelKernel.unsupportedReason() == null) {
                        width = 256;
                    } else {
                        reason = Vector256PixelKernel.unsupportedReason();
                    }
                } catch (LinkageError e) {
                    reason = "Vector API unusable: " + e;
                }
            }
            REASON = reason;
            WIDTH = width;
        }

        static PixelKernel newKernel512() {
            return new Vector512PixelKernel();
        }

        /** 16-feature blocks and groups of 4 images: every branch of the real kernel on tiny inputs. */
        static PixelKernel newTinyKernel512() {
            return new Vector512PixelKernel(LANES, 4);
        }

        static PixelKernel newKernel256() {
            return new Vector256PixelKernel();
        }
    }
}
