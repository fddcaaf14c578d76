package org.cifarsweep.spark;

/**
 * Where {@link SweepRunner} streams a sweep: once when Spark is up and the data is broadcast, then each finished run
 * as its result reaches the driver (one at a time, in arrival order). Keeping, writing and reporting are the sink's.
 */
public interface TrialSink {

    /** Spark has started and the data is broadcast; no run has started. */
    void started(SparkStart start);

    /** One run finished (ok, diverged or failed). */
    void finished(TaskResult result);
}
