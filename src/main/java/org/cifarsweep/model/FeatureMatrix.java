package org.cifarsweep.model;

import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;

/**
 * One split as a d×n column-major matrix (image i is column i, contiguous), with its labels, held in one of four
 * ways:
 * <ul>
 *   <li>float64 values ({@link #doubles()}), for small hand-made cases, the gradient check's own copy, and the
 *   buffers a float64 model reads: a mini-batch or an evaluation chunk normalised from raw pixels;</li>
 *   <li>float32 values ({@link #floats()}), for small hand-made cases;</li>
 *   <li>raw pixels ({@link #rawPixels()}): the float64 path for images. The {@link Images}' own bytes, 0..255, not
 *   copied, with the normalisation kept beside them as per-feature {@link #mean()} and {@link #invStd()}: feature
 *   j is ((pixel &amp; 0xFF) − mean[j]) · invStd[j], the element formula of {@link Normalization#toDoubleMatrix}
 *   and so the same bits. A split takes 1 byte per value; a float64 model normalises the columns it needs into a
 *   reusable double buffer ({@link #normaliseColumns}, {@link #gatherColumns}) and runs dgemm on that. Read-only:
 *   nothing may write into a raw-pixel matrix;</li>
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
    private final byte[] rawPixels;
    private final double[] mean;
    private final double[] invStd;
    private final byte[] pixels;
    private final double[] pixelOffset;
    private final double[] pixelScale;
    private final float[] pixelOffsetFloats;
    private final float[] pixelScaleFloats;
    private final int[] labels;
    private final int dim;
    private final int count;

    private FeatureMatrix(double[] doubles, float[] floats, byte[] rawPixels, double[] mean, double[] invStd,
                          byte[] pixels, double[] pixelOffset, double[] pixelScale, int[] labels, int dim) {
        this.precision = doubles != null || rawPixels != null ? Precision.DOUBLE : Precision.FLOAT;
        this.doubles = doubles;
        this.floats = floats;
        this.rawPixels = rawPixels;
        this.mean = mean;
        this.invStd = invStd;
        this.pixels = pixels;
        this.pixelOffset = pixelOffset;
        this.pixelScale = pixelScale;
        this.pixelOffsetFloats = toFloats(pixelOffset);
        this.pixelScaleFloats = toFloats(pixelScale);
        this.labels = labels;
        this.dim = dim;
        this.count = labels.length;
        int length = doubles != null ? doubles.length : floats != null ? floats.length
                : rawPixels != null ? rawPixels.length : pixels.length;
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

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) doubles[i] = values[i];
        return doubles;
    }

    /**
     * The features of {@code images}: raw pixels for DOUBLE (the images' own bytes, not copied), shifted pixels for
     * FLOAT (one copy). Either way the split takes 1 byte per value. For DOUBLE this also compiles the normalising
     * loop, once per JVM, so that the cost falls on the data preparation and not on the first epoch.
     */
    public static FeatureMatrix of(Precision precision, Normalization normalization, Images images) {
        if (precision == Precision.DOUBLE) {
            RawPixelNormaliser.warmUp();
            // float → double is exact, so ((px & 0xFF) − mean[j]) · invStd[j] in double is toDoubleMatrix's element.
            return new FeatureMatrix(null, null, images.rawPixels(), toDoubles(normalization.mean()),
                    toDoubles(normalization.invStd()), null, null, null, images.labels(), Images.PIXELS);
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
        return new FeatureMatrix(null, null, null, null, null, shifted, offset, scale, images.labels(), Images.PIXELS);
    }

    public static FeatureMatrix ofDoubles(double[] values, int[] labels, int dim) {
        return new FeatureMatrix(values, null, null, null, null, null, null, null, labels, dim);
    }

    public static FeatureMatrix ofFloats(float[] values, int[] labels, int dim) {
        return new FeatureMatrix(null, values, null, null, null, null, null, null, labels, dim);
    }

    /**
     * An uninitialised matrix of {@code columns} columns that {@link #gatherColumns} can fill from this one, the
     * buffer of a gathered mini-batch: held like this one, except that raw pixels gather into float64 values.
     */
    public FeatureMatrix emptyLike(int columns) {
        int[] newLabels = new int[columns];
        if (doubles != null || rawPixels != null) return ofDoubles(new double[dim * columns], newLabels, dim);
        if (floats != null) return ofFloats(new float[dim * columns], newLabels, dim);
        return new FeatureMatrix(null, null, null, null, null, new byte[dim * columns], pixelOffset, pixelScale,
                newLabels, dim);
    }

    /**
     * Copies columns {@code order[from..from+n)} of this matrix into the first n columns of {@code target}, with
     * their labels. Raw pixels are normalised into a float64 target on the way (see {@link #normaliseColumns}).
     */
    public void gatherColumns(int[] order, int from, int n, FeatureMatrix target) {
        if (target.dim != dim) throw new IllegalArgumentException("cannot gather into a matrix of another dim");
        if (rawPixels != null) {
            if (target.doubles == null) throw new IllegalArgumentException("raw pixels gather into float64 values");
            for (int c = 0; c < n; c++) {
                int column = order[from + c];
                normaliseColumn(column, target.doubles, c * dim);
                target.labels[c] = labels[column];
            }
            return;
        }
        Object source = storage();
        Object destination = target.storage();
        if (source.getClass() != destination.getClass()) {
            throw new IllegalArgumentException("cannot gather into a matrix held differently");
        }
        for (int c = 0; c < n; c++) {
            int column = order[from + c];
            System.arraycopy(source, column * dim, destination, c * dim, dim);
            target.labels[c] = labels[column];
        }
    }

    /**
     * Writes the float64 features of columns [from, from+n) of this raw-pixel matrix into {@code out[0, d·n)},
     * column after column: element for element {@link Normalization#toDoubleMatrix}'s, bit for bit.
     */
    public void normaliseColumns(int from, int n, double[] out) {
        if (rawPixels == null) throw new IllegalStateException("only raw pixels are normalised on read");
        if (from < 0 || n < 0 || from + n > count) {
            throw new IllegalArgumentException("columns [" + from + ", " + (from + n) + ") outside 0.." + count);
        }
        for (int c = 0; c < n; c++) normaliseColumn(from + c, out, c * dim);
    }

    private void normaliseColumn(int column, double[] out, int outBase) {
        RawPixelNormaliser.get().column(rawPixels, column * dim, mean, invStd, dim, out, outBase);
    }

    private Object storage() {
        return doubles != null ? doubles : floats != null ? floats : pixels;
    }

    public Precision precision() { return precision; }
    /** The float64 values, or null (raw pixels, floats, pixels). Not copied. */
    public double[] doubles() { return doubles; }
    public float[] floats() { return floats; }
    /** Whether this is a float64 split held as the images' raw bytes (see the class comment). */
    public boolean isRawPixels() { return rawPixels != null; }
    /**
     * The images' own bytes, 0..255 (the {@link Images#rawPixels()} array itself, not a copy); null unless
     * {@link #isRawPixels()}. Do not modify.
     */
    public byte[] rawPixels() { return rawPixels; }
    /** Per feature of raw pixels: the mean in byte units, as a double. Not copied: do not modify. */
    public double[] mean() { return mean; }
    /** Per feature of raw pixels: 1 / std in byte units, as a double. Not copied: do not modify. */
    public double[] invStd() { return invStd; }
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
        if (rawPixels != null) return ((rawPixels[index] & 0xFF) - mean[feature]) * invStd[feature];
        return (pixels[index] - pixelOffset[feature]) * pixelScale[feature];
    }
}
