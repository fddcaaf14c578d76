package org.cifarsweep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/** Opening MAT-files (via MFL) and looking variables up, with errors that name the file and the variable. */
final class MatFiles {
    private MatFiles() {
    }

    /** Reads the whole MAT-file (version 5, the format MATLAB writes by default). */
    static Mat5File open(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw DataFormatException.of(file, "is a folder, expected a file");
            }
            if (Files.size(file) == 0) {
                throw DataFormatException.of(file, "empty file");
            }
            return Mat5.readFromFile(file.toFile());
        } catch (NoSuchFileException e) {
            throw DataFormatException.of(file, "file not found", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            // MFL reads only version 5 files; v7.3 files are HDF5 and end up here too.
            throw DataFormatException.of(file, "not a readable MAT-file (version 5 / -v7 expected; -v7.3 is "
                    + "not supported): " + e.getMessage(), e);
        }
    }

    static void close(MatFile mat) {
        try {
            mat.close();
        } catch (IOException ignored) {
            // Only releases in-memory buffers; nothing useful to report once the data is copied out.
        }
    }

    /** The variable named exactly {@code name} (MFL's own lookup also matches ignoring case). */
    static Array variable(MatFile mat, Path file, String name) {
        for (MatFile.Entry entry : mat.getEntries()) {
            if (entry.getName().equals(name)) {
                return entry.getValue();
            }
        }
        throw DataFormatException.of(file, "missing variable '" + name + "'");
    }

    /** A real, non-sparse, non-logical uint8 matrix with the given size; -1 accepts any number of rows. */
    static Matrix uint8Matrix(MatFile mat, Path file, String name, int rows, int cols) {
        Array a = variable(mat, file, name);
        boolean ok = a instanceof Matrix m
                && a.getType() == MatlabType.UInt8 && !m.isLogical() && !m.isComplex()
                && a.getNumDimensions() == 2 && a.getNumCols() == cols && (rows < 0 || a.getNumRows() == rows);
        if (!ok) {
            String expected = (rows < 0 ? "N" : String.valueOf(rows)) + "x" + cols + " uint8";
            throw DataFormatException.of(file, "variable '" + name + "' has shape " + shape(a) + " and class "
                    + className(a) + ", expected " + expected);
        }
        return (Matrix) a;
    }

    /** MATLAB's way of writing a size, e.g. {@code 10000x3072}. */
    static String shape(Array a) {
        return Arrays.stream(a.getDimensions()).mapToObj(String::valueOf).collect(Collectors.joining("x"));
    }

    /** MATLAB's class name ({@code uint8}, {@code double}, {@code logical}, {@code cell}, ...). */
    static String className(Array a) {
        if (a instanceof Matrix m && m.isLogical()) {
            return "logical";
        }
        String name = a.getType().toString();
        return a instanceof Matrix m && m.isComplex() ? "complex " + name : name;
    }
}
