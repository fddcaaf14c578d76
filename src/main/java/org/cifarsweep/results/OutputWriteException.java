package org.cifarsweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A file of the output folder could not be written while a run went on: a full disk, a quota, an I/O error. The
 * message names the file and the system's reason, e.g. {@code out/x/results.csv: cannot append: No space left on
 * device}. Whatever was written before is consistent (see docs/reliability.md), so a sweep can be resumed once the
 * cause is gone; the command line says so, in one line, with its own exit code.
 */
public final class OutputWriteException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public OutputWriteException(String message, IOException cause) {
        super(message, cause);
    }
}
