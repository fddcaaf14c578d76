package org.cifarsweep.run;

/**
 * A sweep that ended without a result for every trial, though not by a user error: the results it has are on disk,
 * and {@code --resume} finishes it. The command line prints the message (when there is one) as one error line and
 * exits with {@link #exitCode()}.
 */
public final class IncompleteSweepException extends RuntimeException {
    /** Spark gave up on some trials (every attempt failed for lack of resources); they are recorded as failed. */
    public static final int TRIALS_LOST = 4;

    private final int exitCode;

    /** {@code message}: the one line, or null when it has been printed already (by a shutdown hook). */
    IncompleteSweepException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
