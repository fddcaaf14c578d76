package org.cifarsweep.sweep;

import java.nio.file.Path;

/**
 * A sweep conf that cannot be used. The message is one line that names the file, the key, the value and the rule,
 * e.g. {@code conf/x.conf: grid.eta: -1 must be > 0}, so the command line can show it as is, with no stack trace.
 */
public final class ConfException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ConfException(String message) {
        super(oneLine(message));
    }

    public ConfException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** {@code "<file>: <problem>"}. */
    static ConfException of(Path file, String problem) {
        return new ConfException(file + ": " + problem);
    }

    /** {@code "<file>: <key>: <problem>"}. */
    static ConfException at(Path file, String key, String problem) {
        return new ConfException(file + ": " + key + ": " + problem);
    }

    // Typesafe's messages, and values quoted in ours, can hold line breaks; a terminal line must not.
    private static String oneLine(String message) {
        return message == null ? null : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
