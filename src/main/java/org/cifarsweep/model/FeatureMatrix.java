package org.cifarsweep.model;

import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;

/**
 * One split as a d×n column-major matrix (image i is column i, contiguous), with its labels, held in one of three
 * ways:
 * <ul>
 *   <li>float64 values ({@link #doubles()}), for the gradient check and float64 training;</li>
 *   <li>float32 values ({@link #floats()}), for small hand-made cases;</li>
 *   <li>pixels ({@link #pixels()}): the float32 path for images. One signed byte per value, the pixel minus 128,
 *   with the normalisation kept beside it as per-feature {@link #pixelOffset()} and {@link #pixelScale()}:
 *   feature j is (pixel − 128 − offset[j]) · scale[j]. A pass over the split reads 1 byte per value instead of 4,
 *   and {@link FloatLinearModel} folds the normalisation into W and b.</li>
 * </ul>
 */
public final class FeatureMatrix {
    private static final int PIXEL_SHIFT = 128;

    private final Precision precision;
    private final double[] doubles;
    private final float[] floats;
    private final byte[] pixels;
    private final double[] pixelOffset;
    private final double[] pixelScale;
    private final float[] pixelOffsetFloats;
    private final float[] pixelScaleFloats;
    private final int[] labels;
    private final int dim;
    private final int count;

    private FeatureMatrix(double[] doubles, float[] floats, byte[] pixels, double[] pixelOffset, double[] pixelScale,
                          int[] labels, int dim) {
        this.precision = doubles != null ? Precision.DOUBLE : Precision.FLOAT;
        this.doubles = doubles;
        this.floats = floats;
        this.pixels = pixels;
        this.pixelOffset = pixelOffset;
        this.pixelScale = pixelScale;
        this.pixelOffsetFloats = toFloats(pixelOffset);
        this.pixelScaleFloats = toFloats(pixelScale);
        this.labels = labels;
        this.dim = dim;
        this.count = labels.length;
        int length = doubles != null ? doubles.length : floats != null ? floats.length : pixels.length;
        if (length != dim * count) {
            throw new IllegalArgumentException("matrix has " + length + " values, expected " + dim + "×" + count);
        }
    }

    private static float[] toFloats(double[] values) {
        if (values == null) return null;
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) floats[i] = (float) values[i];
        return floats;
    }

    /** The features of {@code images}: float64 values for DOUBLE, pixels for FLOAT. */
    public static FeatureMatrix of(Precision precision, Normalization normalization, Images images) {
        if (precision == Precision.DOUBLE) {
            return ofDoubles(normalization.toDoubleMatrix(images), images.labels(), Images.PIXELS);
        }
        byte[] raw = images.rawPixels();
        byte[] shifted = new byte[raw.length];
        // Flipping the top bit maps the unsigned byte u to the signed byte u − 128.
        for (int i = 0; i < raw.length; i++) shifted[i] = (byte) (raw[i] ^ 0x80);
        float[] mean = normalization.mean();
        float[] invStd = normalization.invStd();
        double[] offset = new double[Images.PIXELS];
        double[] scale = new double[Images.PIXELS];
        for (int j = 0; j < Images.PIXELS; j++) {
            offset[j] = (double) mean[j] - PIXEL_SHIFT;
            scale[j] = invStd[j];
        }
        return new FeatureMatrix(null, null, shifted, offset, scale, images.labels(), Images.PIXELS);
    }

    public static FeatureMatrix ofDoubles(double[] values, int[] labels, int dim) {
        return new FeatureMatrix(values, null, null, null, null, labels, dim);
    }

    public static FeatureMatrix ofFloats(float[] values, int[] labels, int dim) {
        return new FeatureMatrix(null, values, null, null, null, labels, dim);
    }

    /** An uninitialised matrix of {@code count} columns held like this one, the buffer of a gathered mini-batch. */
    public FeatureMatrix emptyLike(int columns) {
        int[] newLabels = new int[columns];
        if (doubles != null) return ofDoubles(new double[dim * columns], newLabels, dim);
        if (floats != null) return ofFloats(new float[dim * columns], newLabels, dim);
        return new FeatureMatrix(null, null, new byte[dim * columns], pixelOffset, pixelScale, newLabels, dim);
    }

    /** Copies columns {@code order[from..from+n)} of this matrix into the first n columns of {@code target}. */
    public void gatherColumns(int[] order, int from, int n, FeatureMatrix target) {
        Object source = storage();
        Object destination = target.storage();
        if (source.getClass() != destination.getClass() || target.dim != dim) {
            throw new IllegalArgumentException("cannot gather into a matrix held differently");
        }
        for (int c = 0; c < n; c++) {
            int column = order[from + c];
            System.arraycopy(source, column * dim, destination, c * dim, dim);
            target.labels[c] = labels[column];
        }
    }

    private Object storage() {
        return doubles != null ? doubles : floats != null ? floats : pixels;
    }

    public Precision precision() { return precision; }
    public double[] doubles() { return doubles; }
    public float[] floats() { return floats; }
    public boolean isPixels() { return pixels != null; }
    /** The pixels minus 128 (see the class comment); null unless {@link #isPixels()}. Not copied: do not modify. */
    public byte[] pixels() { return pixels; }
    /** Per feature: the mean in byte units minus 128. Not copied: do not modify. */
    public double[] pixelOffset() { return pixelOffset; }
    /** Per feature: 1 / std in byte units. Not copied: do not modify. */
    public double[] pixelScale() { return pixelScale; }
    /** {@link #pixelOffset()} rounded to float. Not copied: do not modify. */
    public float[] pixelOffsetFloats() { return pixelOffsetFloats; }
    /** {@link #pixelScale()} rounded to float (exact: it was a float). Not copied: do not modify. */
    public float[] pixelScaleFloats() { return pixelScaleFloats; }
    /** The labels, 0..K-1, one per column. Not copied: do not modify. */
    public int[] labels() { return labels; }
    public int dim() { return dim; }
    public int count() { return count; }

    public double value(int feature, int column) {
        int index = feature + dim * column;
        if (doubles != null) return doubles[index];
        if (floats != null) return floats[index];
        return (pixels[index] - pixelOffset[feature]) * pixelScale[feature];
    }
}
