package org.cifarsweep.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sink;
import us.hebi.matlab.mat.types.Sinks;

/**
 * The learned parameters as a MATLAB v5 file: {@code W} (K×3072, row k = class k's template, features in CIFAR
 * order R, G, B planes) and {@code b} (K×1), double for a float64 run and single for a float32 one. MATLAB's {@code load} and SciPy's {@code loadmat} read it
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

    /** Writes W and b as double arrays. */
    public static void write(Path file, double[][] w, double[] b) {
        write(file, ModelWeights.ofDoubles(w, b));
    }

    /** Writes W and b in their precision: double, or single for float32 weights. */
    public static void write(Path file, ModelWeights weights) {
        write(file, weights, Map.of());
    }

    /**
     * Writes W, b and {@code extra} named double matrices (rows of equal length; e.g. a halving state's curves), in
     * one durable file.
     */
    public static void write(Path file, ModelWeights weights, Map<String, double[][]> extra) {
        int classes = weights.classes();
        int dim = weights.dim();
        boolean single = weights.single();
        MatlabType type = single ? MatlabType.Single : MatlabType.Double;
        Matrix wMatrix = Mat5.newMatrix(classes, dim, type);
        Matrix bMatrix = Mat5.newMatrix(classes, 1, type);
        double[][] w = single ? null : weights.w();
        double[] b = single ? null : weights.b();
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < dim; j++) {
                if (single) wMatrix.setFloat(k, j, weights.getW(k, j));
                else wMatrix.setDouble(k, j, w[k][j]);
            }
            if (single) bMatrix.setFloat(k, 0, weights.getB(k));
            else bMatrix.setDouble(k, 0, b[k]);
        }
        byte[] bytes;
        try (Mat5File mat = Mat5.newMatFile()) {
            mat.addArray("W", wMatrix).addArray("b", bMatrix);
            for (Map.Entry<String, double[][]> e : extra.entrySet()) {
                double[][] rows = e.getValue();
                Matrix m = Mat5.newMatrix(rows.length, rows.length == 0 ? 0 : rows[0].length);
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < rows[i].length; j++) m.setDouble(i, j, rows[i][j]);
                }
                mat.addArray(e.getKey(), m);
            }
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

    /** W and b, as doubles whether the file holds double or single arrays (widening is exact). */
    public static Weights read(Path file) {
        return read(file, List.of()).weights();
    }

    /** What {@link #read(Path, List)} reads: W and b, and the extra named matrices asked for. */
    public record Contents(Weights weights, boolean single, Map<String, double[][]> extra) { }

    /** W and b (double or single arrays), and the named double matrices {@code extra} (each must be present). */
    public static Contents read(Path file, List<String> extra) {
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
            Map<String, double[][]> more = new LinkedHashMap<>();
            for (String name : extra) {
                Matrix m = mat.getMatrix(name);
                double[][] rows = new double[m.getNumRows()][m.getNumCols()];
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < rows[i].length; j++) rows[i][j] = m.getDouble(i, j);
                }
                more.put(name, rows);
            }
            return new Contents(new Weights(w, b), wMatrix.getType() == MatlabType.Single, more);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read weights: " + e.getMessage(), e);
        }
    }
}
