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
 *   <li><b>float64 raw pixels</b>: the columns are normalised once into a buffer of the pack, and each member then
 *   runs its own dgemm on it, with the single trial's shapes. One dgemm of P·K rows would be 2.8–4× faster, but
 *   OpenBLAS gives a row other bits depending on the number of rows below about 33 columns (its small-matrix and
 *   gemv paths) and with more than one thread (see docs/architecture.md), so the members keep their own calls.</li>
 *   <li>anything else (float values, float64 values): each member's own call.</li>
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
    // float64: one normalised copy of the columns for all members.
    private double[] columns = new double[0];

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
        } else if (x.isRawPixels()) {
            double[] values = normalised(x, from, n);
            for (int i = 0; i < p; i++) ((DoubleLinearModel) active.get(i)).scoresOfValues(values, 0, n, out[i]);
        } else {
            for (int i = 0; i < p; i++) active.get(i).scores(x, from, n, out[i]);
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
        } else if (x.isRawPixels()) {
            double[] values = normalised(x, from, n);
            for (int i = 0; i < p; i++) {
                ((DoubleLinearModel) active.get(i)).gradientOfValues(values, 0, n, scoreGradient[i], lambda[i]);
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
}
