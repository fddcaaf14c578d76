package org.cifarsweep.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** The two on-disk layouts of CIFAR-10 we read: the official binary version and the course's MATLAB files. */
public enum DataFormat {
    BINARY(".bin"),
    MAT(".mat");

    private final String extension;

    DataFormat(String extension) {
        this.extension = extension;
    }

    /**
     * The format of the batches in {@code dir}, judged by which {@code data_batch_1} is present (binary wins if
     * both are, being the faster and checksummed download).
     *
     * @throws DataFormatException if the folder is missing or holds neither
     */
    public static DataFormat detect(Path dir) {
        if (!Files.exists(dir)) {
            throw DataFormatException.of(dir, "data folder not found");
        }
        if (!Files.isDirectory(dir)) {
            throw DataFormatException.of(dir, "is a file, expected the data folder");
        }
        for (DataFormat format : values()) {
            if (Files.exists(dir.resolve(format.fileName("data_batch_1")))) {
                return format;
            }
        }
        throw DataFormatException.of(dir, "no CIFAR-10 batches found (expected data_batch_1.bin or data_batch_1.mat)");
    }

    /**
     * A warning when {@code dir} holds both versions (detect then reads the binary one), or null: a folder with
     * both is easily made by unpacking the two downloads into one place, and which one trains should not be a
     * surprise.
     */
    public static String bothVersionsWarning(Path dir) {
        if (!Files.isDirectory(dir)) return null;
        for (DataFormat format : values()) {
            if (!Files.exists(dir.resolve(format.fileName("data_batch_1")))) return null;
        }
        return dir + " holds both the binary (.bin) and the MATLAB (.mat) version of CIFAR-10; reading the .bin"
                + " files (to train on the .mat files, give a folder that holds only them)";
    }

    /** The file holding {@code batch}, e.g. {@code fileName("test_batch")} = {@code "test_batch.bin"}. */
    public String fileName(String batch) {
        return batch + extension;
    }

    /** Reads one batch file in this format. */
    public Images read(Path file) {
        return this == BINARY ? BinaryBatchReader.read(file) : MatBatchReader.read(file);
    }
}
