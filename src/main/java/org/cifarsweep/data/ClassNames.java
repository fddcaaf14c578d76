package org.cifarsweep.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;

/**
 * The 10 class names, from batches.meta.txt, else batches.meta.mat, else the well-known standard list. The loader
 * refuses a data folder whose names do not read; the report, which only labels pictures with them, notes that and
 * shows {@link #STANDARD}.
 */
public final class ClassNames {
    /** CIFAR-10's classes, in label order: the names are fixed by the data set. */
    public static final List<String> STANDARD = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    private ClassNames() {
    }

    /**
     * The names of the data folder {@code dir}: its meta file's, or {@link #STANDARD} when it has none.
     *
     * @throws DataFormatException when a meta file cannot be read or does not hold 10 names
     */
    public static List<String> read(Path dir) {
        Path txt = dir.resolve("batches.meta.txt");
        Path mat = dir.resolve("batches.meta.mat");
        List<String> names;
        Path source;
        if (Files.exists(txt)) {
            names = fromText(txt);
            source = txt;
        } else if (Files.exists(mat)) {
            names = fromMat(mat);
            source = mat;
        } else {
            return STANDARD; // the names are fixed by the data set; the meta file is a convenience
        }
        if (names.size() != Images.CLASSES) {
            throw DataFormatException.of(source, "has " + names.size() + " class names, expected "
                    + Images.CLASSES + ": " + names);
        }
        return List.copyOf(names);
    }

    /** One name per line; blank lines (the file ends with one) are skipped. */
    private static List<String> fromText(Path file) {
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw DataFormatException.of(file, "cannot read: " + e, e);
        }
    }

    /** Variable {@code label_names}: a cell array of char, as in the course's batches.meta.mat. */
    private static List<String> fromMat(Path file) {
        Mat5File mat = MatFiles.open(file);
        try {
            Array a = MatFiles.variable(mat, file, "label_names");
            if (!(a instanceof Cell cell)) {
                throw DataFormatException.of(file, "variable 'label_names' has class " + MatFiles.className(a)
                        + ", expected a cell array of char");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < cell.getNumElements(); i++) {
                Array item = cell.get(i);
                if (!(item instanceof Char c)) {
                    throw DataFormatException.of(file, "label_names{" + (i + 1) + "} has class "
                            + MatFiles.className(item) + ", expected char");
                }
                names.add(c.getString().strip());
            }
            return names;
        } finally {
            MatFiles.close(mat);
        }
    }
}
