package org.cifarsweep.data;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * CIFAR-10 images kept as raw bytes (one byte per pixel value), the compact form: 50,000 images take 150 MB
 * instead of 1.2 GB as doubles. Image {@code i} occupies {@code pixels[i*PIXELS, (i+1)*PIXELS)} in the CIFAR
 * byte order: the 32x32 red plane row-major, then green, then blue.
 *
 * <p>The arrays given to the constructor are kept, not copied (copying 150 MB for nothing is wasteful), and are
 * handed out by {@link #rawPixels()} / {@link #rawLabels()}: nobody may mutate them.
 */
public final class Images implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int SIDE = 32, CHANNELS = 3, PIXELS = 3072, CLASSES = 10;

    private final byte[] pixels;
    private final byte[] labels;

    /**
     * @param pixels {@code labels.length * PIXELS} bytes, image after image (kept, not copied)
     * @param labels one byte 0..9 per image (kept, not copied)
     */
    public Images(byte[] pixels, byte[] labels) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if ((long) labels.length * PIXELS != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes, expected "
                    + (long) labels.length * PIXELS + " (" + labels.length + " labels x " + PIXELS + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= CLASSES) {
                throw new IllegalArgumentException("label of image " + i + " is " + label + ", labels must be 0-9");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
    }

    public int count() {
        return labels.length;
    }

    public int label(int i) {
        return labels[Objects.checkIndex(i, labels.length)];
    }

    /** A new array with the labels as ints. */
    public int[] labels() {
        int[] out = new int[labels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = labels[i];
        }
        return out;
    }

    /** The backing array (not a copy; do not mutate): image i is at [i*PIXELS, (i+1)*PIXELS), in CIFAR order. */
    public byte[] rawPixels() {
        return pixels;
    }

    /** The backing label array (not a copy; do not mutate). */
    public byte[] rawLabels() {
        return labels;
    }

    /** Pixel value 0..255 of feature {@code feature} (0..3071, CIFAR order) of image {@code image}. */
    public int pixel(int image, int feature) {
        Objects.checkIndex(image, labels.length);
        Objects.checkIndex(feature, PIXELS);
        return pixels[image * PIXELS + feature] & 0xFF;
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), copied. */
    public Images slice(int from, int to) {
        Objects.checkFromToIndex(from, to, labels.length);
        return new Images(Arrays.copyOfRange(pixels, from * PIXELS, to * PIXELS),
                Arrays.copyOfRange(labels, from, to));
    }

    /** The parts one after the other, copied into new arrays. */
    public static Images concat(List<Images> parts) {
        long total = 0;
        for (Images part : parts) {
            total += part.count();
        }
        if (total * PIXELS > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot concatenate " + total + " images: more than one array holds");
        }
        byte[] pixels = new byte[(int) total * PIXELS];
        byte[] labels = new byte[(int) total];
        int at = 0;
        for (Images part : parts) {
            System.arraycopy(part.pixels, 0, pixels, at * PIXELS, part.pixels.length);
            System.arraycopy(part.labels, 0, labels, at, part.labels.length);
            at += part.count();
        }
        return new Images(pixels, labels);
    }

    /** How many images have each label (length {@link #CLASSES}). */
    public int[] labelCounts() {
        int[] counts = new int[CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Images other
                && Arrays.equals(labels, other.labels)
                && Arrays.equals(pixels, other.pixels);
    }

    /** Hashes the labels only: consistent with equals, and avoids hashing 150 MB of pixels. */
    @Override
    public int hashCode() {
        return Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Images[count=" + count() + "]";
    }
}
