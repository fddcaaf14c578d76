package org.cifarsweep.data;

import java.nio.file.Path;

/**
 * A data file is missing or does not hold what CIFAR-10 should. The message is one line that starts with the
 * file (as the caller gave it) and says what is wrong, e.g.
 * {@code data_batch_1.bin: record 17 has label 12, labels must be 0-9}, so it can be shown to users as is.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String message) {
        super(message);
    }

    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<file>: <problem>"}. */
    static DataFormatException of(Path file, String problem) {
        return new DataFormatException(file + ": " + problem);
    }

    static DataFormatException of(Path file, String problem, Throwable cause) {
        return new DataFormatException(file + ": " + problem, cause);
    }
}
