package org.cifarsweep.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/**
 * Reads and writes one batch in the layout of the course's MATLAB files ({@code data_batch_1.mat} ...): variables
 * {@code data} (N x 3072 uint8, row i = image i in CIFAR byte order), {@code labels} (N x 1 uint8) and
 * {@code batch_label} (char). The MAT-file format itself is handled by MFL.
 */
public final class MatBatchReader {
    private static final Pattern TRAINING = Pattern.compile("data_batch_(\\d+)");

    private MatBatchReader() {
    }

    /** @throws DataFormatException if the file is missing or not a MAT-file, or a variable is missing or wrong */
    public static Images read(Path file) {
        Mat5File mat = MatFiles.open(file);
        try {
            Matrix data = MatFiles.uint8Matrix(mat, file, "data", -1, Images.PIXELS);
            int n = data.getNumRows();
            if (n == 0) {
                throw DataFormatException.of(file, "variable 'data' has no rows (no images)");
            }
            Matrix labelMatrix = MatFiles.uint8Matrix(mat, file, "labels", n, 1);
            return new Images(pixels(data, n), labels(labelMatrix, n, file));
        } finally {
            MatFiles.close(mat);
        }
    }

    private static byte[] pixels(Matrix data, int n) {
        byte[] pixels = new byte[n * Images.PIXELS];
        // MATLAB stores column-major: walk each column (feature) down the rows, reading the buffer in order.
        for (int j = 0; j < Images.PIXELS; j++) {
            for (int i = 0; i < n; i++) {
                pixels[i * Images.PIXELS + j] = data.getByte(i, j);
            }
        }
        return pixels;
    }

    private static byte[] labels(Matrix labels, int n, Path file) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = labels.getByte(i) & 0xFF;
            if (label >= Images.CLASSES) {
                throw DataFormatException.of(file, "record " + i + " has label " + label + ", labels must be 0-9");
            }
            out[i] = (byte) label;
        }
        return out;
    }

    /**
     * Writes {@code images} like the course files: {@code data}, {@code labels}, {@code batch_label}
     * ("training batch k of 5" for data_batch_k, "testing batch 1 of 1" for test_batch), uncompressed v5.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Images images) {
        Objects.requireNonNull(images, "images");
        int n = images.count();
        byte[] pixels = images.rawPixels();
        Mat5File mat = Mat5.newMatFile();
        Matrix data = Mat5.newMatrix(n, Images.PIXELS, MatlabType.UInt8);
        for (int j = 0; j < Images.PIXELS; j++) {
            for (int i = 0; i < n; i++) {
                data.setByte(i, j, pixels[i * Images.PIXELS + j]);
            }
        }
        Matrix labels = Mat5.newMatrix(n, 1, MatlabType.UInt8);
        for (int i = 0; i < n; i++) {
            labels.setByte(i, 0, (byte) images.label(i));
        }
        mat.addArray("data", data).addArray("labels", labels).addArray("batch_label", Mat5.newString(batchLabel(file)));
        // The course files are uncompressed; compression would also make writing several times slower.
        try (Sink sink = Sinks.newStreamingFile(file.toFile())) {
            Mat5.newWriter(sink).setDeflateLevel(Deflater.NO_COMPRESSION).writeMat(mat);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The {@code batch_label} text the original files carry, derived from the file name. */
    static String batchLabel(Path file) {
        Path name = file.getFileName();
        String stem = name == null ? "" : name.toString().replaceFirst("\\.mat$", "");
        Matcher m = TRAINING.matcher(stem);
        if (m.matches()) {
            return "training batch " + m.group(1) + " of 5";
        }
        return stem.equals("test_batch") ? "testing batch 1 of 1" : stem;
    }
}
