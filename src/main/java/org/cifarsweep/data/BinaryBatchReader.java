package org.cifarsweep.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one batch of the CIFAR-10 binary version: records of 1 label byte then {@link Images#PIXELS} pixel bytes
 * (R, G, B planes, each 32x32 row-major), so a record is already in {@link Images}' byte order.
 */
public final class BinaryBatchReader {
    /** Bytes per record: 1 label byte + 3072 pixel bytes. */
    static final int RECORD = 1 + Images.PIXELS;

    private BinaryBatchReader() {
    }

    /** @throws DataFormatException if the file is missing, empty, truncated or has a label above 9 */
    public static Images read(Path file) {
        byte[] all = readAll(file);
        int n = all.length / RECORD;
        byte[] labels = new byte[n];
        byte[] pixels = new byte[n * Images.PIXELS];
        for (int i = 0; i < n; i++) {
            int label = all[i * RECORD] & 0xFF;
            if (label >= Images.CLASSES) {
                throw DataFormatException.of(file, "record " + i + " has label " + label + ", labels must be 0-9");
            }
            labels[i] = (byte) label;
            System.arraycopy(all, i * RECORD + 1, pixels, i * Images.PIXELS, Images.PIXELS);
        }
        return new Images(pixels, labels);
    }

    /** The whole file in one bulk read, after checking its size (cheap) so a wrong file fails before reading. */
    private static byte[] readAll(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw DataFormatException.of(file, "is a folder, expected a file");
            }
            long size = Files.size(file);
            if (size == 0) {
                throw DataFormatException.of(file, "empty file");
            }
            if (size % RECORD != 0) {
                throw DataFormatException.of(file, "size " + size + " bytes is not a multiple of " + RECORD
                        + " (1 label byte + " + Images.PIXELS + " pixel bytes)");
            }
            if (size / RECORD * Images.PIXELS > Integer.MAX_VALUE - 8) {
                throw DataFormatException.of(file, "size " + size + " bytes is too large for one batch");
            }
            byte[] all = Files.readAllBytes(file);
            if (all.length != size) {
                throw DataFormatException.of(file, "size changed while reading (" + size + " -> " + all.length
                        + " bytes)");
            }
            return all;
        } catch (NoSuchFileException e) {
            throw DataFormatException.of(file, "file not found", e);
        } catch (IOException e) {
            throw DataFormatException.of(file, "cannot read: " + e, e);
        }
    }
}
