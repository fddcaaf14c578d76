package org.cifarsweep.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The products of several linear models of one precision and shape (a trial pack's members) on the same columns,
 * reading each column once for all of them. Each member gets exactly the bits its own {@link LinearModel#scores}
 * and {@link LinearModel#gradient} give it alone; the members stay ordinary models ({@link LinearModel#step},
 * {@link LinearModel#weightRows}, ...).
 *
 * <ul>
 *   <li><b>float32 pixels</b>: the members' folded W are stacked into one P·K × d matrix and both products are one
 *   {@link PixelKernel} call of P·K rows, which widens each block of pixels once for all rows. The kernel's order is
 *   per row (see {@link PixelKernel}), and each member's fold, bias and gradient finish are the operations of
 *   {@link FloatLinearModel}, so every row has its single-trial bits.</li>
 *   <li><b>float64</b>: raw-pixel columns are normalised once into a buffer of the pack. Then, where OpenBLAS is
 *   known to give a row the same bits whatever the number of rows ({@link #stacksDgemm}: at least 64 columns, well
 *   off its small-matrix path, and one BLAS thread), the members' W are stacked into one P·K × d matrix and each
 *   product is one dgemm of P·K rows, 2.8–4× faster than P calls of K rows; elsewhere each member runs its own
 *   dgemm on the shared columns, with its single-trial shapes. The evidence is {@code DgemmRowsTest}: below about
 *   33 columns (OpenBLAS's small-matrix and gemv paths) and with two threads, rows get other bits with more rows.</li>
 *   <li>float32 values (small hand-made cases): each member's own call.</li>
 * </ul>
 * The active members are set with {@link #setActive}; a member that leaves is dropped and the rest are compacted.
 */
public final class LinearPack {
    private final int classes;
    private final int dim;
    private final Precision precision;
    private final List<LinearModel> active = new ArrayList<>();

    // float32: the stacked folded W, which model and which version of it each slot holds, and the buffers.
    private PixelKernel kernel;
    private float[] stackedV = new float[0];
    private double[][] foldedBias = new double[0][];
    private LinearModel[] foldedModel = new LinearModel[0];
    private long[] foldedVersion = new long[0];
    private double[] foldedOffset;
    private double[] foldedScale;
    private float[] stackedScores = new float[0];
    private float[] stackedGradient = new float[0];
    private float[] stackedSums = new float[0];
    // float64: one normalised copy of the columns for all members, and the stacked W, dW, scores and G.
    private double[] columns = new double[0];
    private double[] stackedW = new double[0];
    private LinearModel[] stackedModel = new LinearModel[0];
    private long[] stackedVersion = new long[0];
    private double[] stackedDW = new double[0];
    private double[] stackedOut = new double[0];
    private double[] stackedG = new double[0];

    /** Columns from which one dgemm of P·K rows gives each row the bits of K rows: see {@link #stacksDgemm}. */
    static final int STACKED_DGEMM_MIN_COLUMNS = 64;
    /** OpenBLAS takes its small-matrix kernels up to M·N·K = 10⁶ (0.3.31, SkylakeX); stack from twice that. */
    private static final long STACKED_DGEMM_MIN_VOLUME = 2_000_000L;
    private static final boolean ONE_BLAS_THREAD = "1".equals(System.getenv("OPENBLAS_NUM_THREADS"));
    private static final dev.ludovic.netlib.blas.BLAS BLAS_ = dev.ludovic.netlib.blas.BLAS.getInstance();

    /**
     * The largest float64 pack: stacked dgemm's gain levels off by 16 members (bench/README.md, "Trial packs"),
     * while each member adds its W, gradient and buffers to the task's memory.
     */
    static final int MAX_FLOAT64_MEMBERS = 16;

    /**
     * The most members a pack of {@code classes}-class models should take. float32: as many as the pixel kernels
     * run at full speed, their cache budget for the lane sums of a whole image group (256 rows on 512-bit vectors,
     * 512 on 256-bit; the smaller, so that a driver and executors of either width agree): 25 members of 10 classes.
     * float64: {@link #MAX_FLOAT64_MEMBERS}.
     */
    public static int maxMembers(Precision precision, int classes) {
        if (precision == Precision.DOUBLE) return MAX_FLOAT64_MEMBERS;
        int rows = Math.min(Vector512PixelKernel.FULL_GROUP_ROWS, Vector256PixelKernel.FULL_GROUP_ROWS);
        return Math.max(1, rows / classes);
    }

    /** A pack of {@code members}, all active; they must share precision, classes and dim. */
    public LinearPack(List<? extends LinearModel> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("a pack needs at least one member");
        LinearModel first = members.get(0);
        this.classes = first.classes();
        this.dim = first.dim();
        this.precision = first.precision();
        setActive(members);
    }

    /** The members that take part in the next products, in this order (the order of the callers' arrays). */
    public void setActive(List<? extends LinearModel> members) {
        for (LinearModel m : members) {
            if (m.classes() != classes || m.dim() != dim || m.precision() != precision) {
                throw new IllegalArgumentException("pack members must share precision, classes and dim: "
                        + m.precision() + " " + m.classes() + "×" + m.dim() + " vs " + precision + " " + classes + "×" + dim);
            }
        }
        active.clear();
        active.addAll(members);
    }

    public List<LinearModel> active() {
        return List.copyOf(active);
    }

    public int size() {
        return active.size();
    }

    public int classes() { return classes; }
    public int dim() { return dim; }
    public Precision precision() { return precision; }

    /** For each active member i, its {@link LinearModel#scores} into {@code out[i]} (K×n, column-major). */
    public void scores(FeatureMatrix x, int from, int n, double[][] out) {
        int p = active.size();
        for (LinearModel m : active) m.checkColumns(x, from, n);
        if (x.isPixels()) {
            int rows = p * classes;
            fold(x);
            float[] s = stackedScores = ensure(stackedScores, rows * n);
            kernel().dot(stackedV, rows, dim, x.pixels(), from, n, s);
            for (int i = 0; i < p; i++) {
                double[] o = out[i];
                double[] bias = foldedBias[i];
                int row0 = i * classes;
                for (int c = 0; c < n; c++) {
                    for (int k = 0; k < classes; k++) o[k + classes * c] = s[row0 + k + rows * c] + bias[k];
                }
            }
        } else if (precision == Precision.DOUBLE) {
            double[] values = x.isRawPixels() ? normalised(x, from, n) : x.doubles();
            int offset = x.isRawPixels() ? 0 : from * dim;
            if (stacksDgemm(p, n)) {
                stackedScores(values, offset, n, out);
            } else {
                for (int i = 0; i < p; i++) ((DoubleLinearModel) active.get(i)).scoresOfValues(values, offset, n, out[i]);
            }
        } else {
            for (int i = 0; i < p; i++) active.get(i).scores(x, from, n, out[i]);
        }
    }

    /**
     * Whether the float64 products of {@code members} models over n columns run as one dgemm of P·K rows. Measured
     * on the pinned OpenBLAS 0.3.31 (DgemmRowsTest, docs/architecture.md): with one thread, every row of W·X and
     * G·Xᵀ has the same bits for M = 10..160 rows at 37 to 2,000 columns; at 1 to 31 columns (the gemv and
     * small-matrix paths) and with two threads, rows change bits with M. So: one thread, and columns and
     * volume well above the small-matrix bound; elsewhere each member's own call.
     */
    static boolean stacksDgemm(int members, int n, int classes, int dim) {
        return members > 1 && ONE_BLAS_THREAD && n >= STACKED_DGEMM_MIN_COLUMNS
                && (long) classes * n * dim >= STACKED_DGEMM_MIN_VOLUME;
    }

    private boolean stacksDgemm(int members, int n) {
        return stacksDgemm(members, n, classes, dim);
    }

    /** out[i] = W_i X + b_i 1ᵀ for every member, as one dgemm of the stacked W with the members' biases. */
    private void stackedScores(double[] values, int offset, int n, double[][] out) {
        int p = active.size();
        int rows = p * classes;
        stackWeights();
        double[] s = stackedOut = ensure(stackedOut, rows * n);
        for (int i = 0; i < p; i++) {
            double[] b = ((DoubleLinearModel) active.get(i)).biasValues();
            for (int c = 0; c < n; c++) System.arraycopy(b, 0, s, i * classes + rows * c, classes);
        }
        BLAS_.dgemm("N", "N", rows, n, dim, 1.0, stackedW, 0, rows, values, offset, dim, 1.0, s, 0, rows);
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < n; c++) System.arraycopy(s, i * classes + rows * c, out[i], classes * c, classes);
        }
    }

    /**
     * Every member's dW = 2λ_i W_i + (1/n) G_i Xᵀ as one dgemm of the stacked G into the stacked 2λW (beta = 1, as
     * alone), then written back into each member's dW; db as alone.
     */
    private void stackedGradient(double[] values, int offset, int n, double[][] g, double[] lambda) {
        int p = active.size();
        int rows = p * classes;
        stackWeights();
        double[] dWs = stackedDW = ensure(stackedDW, rows * dim);
        double[] w = stackedW;
        for (int i = 0; i < p; i++) {
            double twoLambda = 2.0 * lambda[i];
            int row0 = i * classes;
            for (int j = 0; j < dim; j++) {
                int base = row0 + rows * j;
                for (int k = 0; k < classes; k++) dWs[base + k] = twoLambda * w[base + k];
            }
        }
        double[] gs = stackedG = ensure(stackedG, rows * n);
        for (int i = 0; i < p; i++) {
            for (int c = 0; c < n; c++) System.arraycopy(g[i], classes * c, gs, i * classes + rows * c, classes);
        }
        BLAS_.dgemm("N", "T", rows, dim, n, 1.0 / n, gs, 0, rows, values, offset, dim, 1.0, dWs, 0, rows);
        for (int i = 0; i < p; i++) {
            DoubleLinearModel m = (DoubleLinearModel) active.get(i);
            double[] dW = m.weightGradients();
            for (int j = 0; j < dim; j++) System.arraycopy(dWs, i * classes + rows * j, dW, classes * j, classes);
            m.biasGradient(g[i], n);
        }
    }

    /** Copies into the stacked W the members whose slot, or whose W, changed since the last copy. */
    private void stackWeights() {
        int p = active.size();
        int rows = p * classes;
        if (stackedModel.length != p) {
            stackedW = new double[rows * dim];
            stackedModel = new LinearModel[p];
            stackedVersion = new long[p];
        }
        for (int i = 0; i < p; i++) {
            DoubleLinearModel m = (DoubleLinearModel) active.get(i);
            if (stackedModel[i] == m && stackedVersion[i] == m.version()) continue;
            double[] w = m.weights();
            for (int j = 0; j < dim; j++) System.arraycopy(w, classes * j, stackedW, i * classes + rows * j, classes);
            stackedModel[i] = m;
            stackedVersion[i] = m.version();
        }
    }

    /**
     * For each active member i, its {@link LinearModel#gradient} with score gradient {@code scoreGradient[i]} and
     * penalty {@code lambda[i]}: afterwards each member's {@link LinearModel#step} applies its own.
     */
    public void gradient(FeatureMatrix x, int from, int n, double[][] scoreGradient, double[] lambda) {
        int p = active.size();
        for (LinearModel m : active) m.checkColumns(x, from, n);
        if (x.isPixels()) {
            int rows = p * classes;
            float[] gf = stackedGradient = ensure(stackedGradient, rows * n);
            for (int i = 0; i < p; i++) {
                double[] g = scoreGradient[i];
                int row0 = i * classes;
                for (int c = 0; c < n; c++) {
                    for (int k = 0; k < classes; k++) gf[row0 + k + rows * c] = (float) g[k + classes * c];
                }
            }
            float[] sums = stackedSums = ensure(stackedSums, rows * dim);
            PixelKernel kernel = kernel();
            kernel.weightedSum(gf, rows, dim, x.pixels(), from, n, sums);
            for (int i = 0; i < p; i++) {
                FloatLinearModel m = (FloatLinearModel) active.get(i);
                m.finishPixelGradient(kernel, x, sums, i * classes, gf, rows, i * classes, n, lambda[i]);
                m.biasGradient(scoreGradient[i], n);
            }
        } else if (precision == Precision.DOUBLE) {
            double[] values = x.isRawPixels() ? normalised(x, from, n) : x.doubles();
            int offset = x.isRawPixels() ? 0 : from * dim;
            if (stacksDgemm(p, n)) {
                stackedGradient(values, offset, n, scoreGradient, lambda);
            } else {
                for (int i = 0; i < p; i++) {
                    ((DoubleLinearModel) active.get(i)).gradientOfValues(values, offset, n, scoreGradient[i], lambda[i]);
                }
            }
        } else {
            for (int i = 0; i < p; i++) active.get(i).gradient(x, from, n, scoreGradient[i], lambda[i]);
        }
    }

    /** Refolds the slots whose model, model version or normalisation changed since their last fold. */
    private void fold(FeatureMatrix x) {
        int p = active.size();
        double[] offset = x.pixelOffset();
        double[] scale = x.pixelScale();
        boolean sameNormalisation = (offset == foldedOffset || java.util.Arrays.equals(offset, foldedOffset))
                && (scale == foldedScale || java.util.Arrays.equals(scale, foldedScale));
        foldedOffset = offset;
        foldedScale = scale;
        if (foldedModel.length < p) {
            stackedV = new float[p * classes * dim];
            foldedBias = new double[p][classes];
            foldedModel = new LinearModel[p];
            foldedVersion = new long[p];
        }
        for (int i = 0; i < p; i++) {
            FloatLinearModel m = (FloatLinearModel) active.get(i);
            if (sameNormalisation && foldedModel[i] == m && foldedVersion[i] == m.version()) continue;
            m.foldInto(kernel(), x, stackedV, i * classes, foldedBias[i]);
            foldedModel[i] = m;
            foldedVersion[i] = m.version();
        }
    }

    private double[] normalised(FeatureMatrix x, int from, int n) {
        int size = n * dim;
        if (columns.length < size) columns = new double[size];
        x.normaliseColumns(from, n, columns);
        return columns;
    }

    private PixelKernel kernel() {
        if (kernel == null) kernel = PixelKernel.create();
        return kernel;
    }

    private static float[] ensure(float[] buffer, int size) {
        return buffer.length >= size ? buffer : new float[size];
    }

    private static double[] ensure(double[] buffer, int size) {
        return buffer.length >= size ? buffer : new double[size];
    }
}
