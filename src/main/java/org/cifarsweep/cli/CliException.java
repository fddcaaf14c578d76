package org.cifarsweep.cli;

/** A problem the user can fix (bad option, file or value), reported as one line with no stack trace. */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
