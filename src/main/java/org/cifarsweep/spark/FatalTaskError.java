package org.cifarsweep.spark;

/**
 * A task died of a JVM-fatal error in local mode, where it ran in the driver: Spark is ending this JVM. The sweep
 * stops; its files are consistent, and {@code --resume} finishes it. The message is {@link FatalErrors#noted()}.
 */
public final class FatalTaskError extends RuntimeException {
    FatalTaskError(String message, Throwable cause) {
        super(message, cause);
    }
}
