package org.cifarsweep.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/**
 * The learned parameters as a MATLAB v5 file: {@code W} (K×3072 double, row k = class k's template, features in
 * CIFAR order R, G, B planes) and {@code b} (K×1 double). MATLAB's {@code load} and SciPy's {@code loadmat} read it
 * as they are, and so does the report code. Written to a temporary file, fsync'ed and renamed, so a crash never
 * leaves a half-written weights file (at most a {@code .mat.tmp}, which a resume deletes).
 */
public final class WeightsFile {

    private WeightsFile() { }

    public record Weights(double[][] w, double[] b) {
        public Weights {
            if (w.length != b.length) throw new IllegalArgumentException("W has " + w.length + " rows but b has " + b.length);
        }
    }

    public static void write(Path file, double[][] w, double[] b) {
        int classes = w.length;
        int dim = w[0].length;
        Matrix wMatrix = Mat5.newMatrix(classes, dim);
        Matrix bMatrix = Mat5.newMatrix(classes, 1);
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) wMatrix.setDouble(k, j, w[k][j]);
            bMatrix.setDouble(k, 0, b[k]);
        }
        byte[] bytes;
        try (Mat5File mat = Mat5.newMatFile()) {
            mat.addArray("W", wMatrix).addArray("b", bMatrix);
            bytes = serialize(mat);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot make the weights file: " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new OutputWriteException(file + ": cannot write: " + e.getMessage(), e);
        }
        // Written with plain writes, then fsync'ed and renamed (DurableFiles), so the results row that follows
        // never points at an empty file; a full disk is an IOException naming the file.
        DurableFiles.replace(file, bytes);
    }

    /**
     * The MAT file's bytes, made in memory (about 240 kB). Not Mat5.writeToFile: that memory-maps the file, and on a
     * full disk a write to the mapping is a SIGBUS, which the JVM raises as an InternalError in whichever thread
     * wrote, instead of an IOException. In a sweep that thread is Spark's scheduler, which then died and recursed
     * until a StackOverflowError, with 40 MB of traces.
     */
    static byte[] serialize(Mat5File mat) throws IOException {
        // Native order, as the mapped file of Mat5.writeToFile: the same bytes as the files written before.
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(mat.getUncompressedSerializedSize()))
                .order(ByteOrder.nativeOrder());
        try (Sink sink = Sinks.wrap(buffer)) {
            mat.writeTo(sink);
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    public static Weights read(Path file) {
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            Matrix wMatrix = mat.getMatrix("W");
            Matrix bMatrix = mat.getMatrix("b");
            int classes = wMatrix.getNumRows();
            int dim = wMatrix.getNumCols();
            if (bMatrix.getNumRows() != classes || bMatrix.getNumCols() != 1) {
                throw new IllegalArgumentException(file + ": b has shape " + bMatrix.getNumRows() + "x"
                        + bMatrix.getNumCols() + ", expected " + classes + "x1");
            }
            double[][] w = new double[classes][dim];
            double[] b = new double[classes];
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < dim; j++) w[k][j] = wMatrix.getDouble(k, j);
                b[k] = bMatrix.getDouble(k, 0);
            }
            return new Weights(w, b);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read weights: " + e.getMessage(), e);
        }
    }
}
