package org.cifarsweep.spark;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM-fatal error (an {@code OutOfMemoryError} or another {@code VirtualMachineError}) a task of this JVM died
 * of. The task notes it and rethrows it: Spark then ends the JVM (exit 52 for an OutOfMemoryError). In an executor
 * that is the executor, and Spark retries the task elsewhere; in local mode it is the driver, and the note lets it
 * say, in one line, what happened and how to finish the sweep. Nothing here carries on after the error.
 */
public final class FatalErrors {
    /** Spark's exit code for a JVM ended by an OutOfMemoryError (SparkExitCode.OOM). */
    public static final int SPARK_OOM_EXIT = 52;

    // Plain fields, no allocation when noting: the heap may be full.
    private static volatile String trial;
    private static volatile Throwable error;
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private FatalErrors() { }

    /**
     * Notes that the task of {@code failed} ("trial X", or "trials X, Y (one pack)") died of {@code e}, which the
     * caller then rethrows.
     */
    static void note(String failed, Throwable e) {
        trial = failed;
        error = e;
    }

    /** What a task of this JVM died of, e.g. "OutOfMemoryError: Java heap space in trial X", or null. */
    public static String noted() {
        Throwable e = error;
        if (e == null) return null;
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message + " in " + trial;
    }

    /** True the first time only: the one line is printed once, by whoever comes first (the run or a shutdown hook). */
    public static boolean claimReport() {
        return REPORTED.compareAndSet(false, true);
    }
}
