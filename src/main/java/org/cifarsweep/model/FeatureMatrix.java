package org.cifarsweep.model;

import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;

/**
 * One split as a d×n column-major matrix (image i is column i, contiguous), in one precision, with its labels.
 * Exactly one of {@link #doubles()} and {@link #floats()} is non-null.
 */
public final class FeatureMatrix {
    private final Precision precision;
    private final double[] doubles;
    private final float[] floats;
    private final int[] labels;
    private final int dim;
    private final int count;

    private FeatureMatrix(Precision precision, double[] doubles, float[] floats, int[] labels, int dim) {
        this.precision = precision;
        this.doubles = doubles;
        this.floats = floats;
        this.labels = labels;
        this.dim = dim;
        this.count = labels.length;
        int length = doubles != null ? doubles.length : floats.length;
        if (length != dim * count) {
            throw new IllegalArgumentException("matrix has " + length + " values, expected " + dim + "×" + count);
        }
    }

    public static FeatureMatrix of(Precision precision, Normalization normalization, Images images) {
        return precision == Precision.DOUBLE
                ? ofDoubles(normalization.toDoubleMatrix(images), images.labels(), Images.PIXELS)
                : ofFloats(normalization.toFloatMatrix(images), images.labels(), Images.PIXELS);
    }

    public static FeatureMatrix ofDoubles(double[] values, int[] labels, int dim) {
        return new FeatureMatrix(Precision.DOUBLE, values, null, labels, dim);
    }

    public static FeatureMatrix ofFloats(float[] values, int[] labels, int dim) {
        return new FeatureMatrix(Precision.FLOAT, null, values, labels, dim);
    }

    /** An uninitialised matrix of {@code count} columns, used as the buffer of a shuffled mini-batch. */
    public static FeatureMatrix buffer(Precision precision, int dim, int count) {
        return precision == Precision.DOUBLE
                ? ofDoubles(new double[dim * count], new int[count], dim)
                : ofFloats(new float[dim * count], new int[count], dim);
    }

    /** Copies columns {@code order[from..from+n)} of this matrix into the first n columns of {@code target}. */
    public void gatherColumns(int[] order, int from, int n, FeatureMatrix target) {
        for (int c = 0; c < n; c++) {
            int source = order[from + c];
            if (doubles != null) {
                System.arraycopy(doubles, source * dim, target.doubles, c * dim, dim);
            } else {
                System.arraycopy(floats, source * dim, target.floats, c * dim, dim);
            }
            target.labels[c] = labels[source];
        }
    }

    public Precision precision() { return precision; }
    public double[] doubles() { return doubles; }
    public float[] floats() { return floats; }
    /** The labels, 0..K-1, one per column. Not copied: do not modify. */
    public int[] labels() { return labels; }
    public int dim() { return dim; }
    public int count() { return count; }

    public double value(int feature, int column) {
        int index = feature + dim * column;
        return doubles != null ? doubles[index] : floats[index];
    }
}
