package org.cifarsweep.spark;

import java.util.List;
import org.cifarsweep.sweep.Decision;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.TrialSpec;

/**
 * Where {@link SweepRunner} streams a sweep: once when Spark is up and the data is broadcast, then each finished run
 * as its result reaches the driver (one at a time, in arrival order). Keeping, writing and reporting are the sink's.
 */
public interface TrialSink {

    /** Spark has started and the data is broadcast; no run has started. */
    void started(SparkStart start);

    /** One run finished (ok, diverged or failed). */
    void finished(TaskResult result);

    /**
     * Successive halving decided a rung: {@code finished} are its runs, {@code next} the next rung's (empty after
     * the last), built from the survivors' states. Called after the last {@link #finished} of the rung.
     */
    default void decided(List<Schedule.Finished> finished, List<TrialSpec> next) { }

    /**
     * An asynchronous schedule decided (a run starts or goes on, before it is submitted) or took in a result (after
     * {@link #finished} recorded its row): one line of the sweep's decision log, in order.
     */
    default void logged(Decision decision) { }

    /** An asynchronous schedule will never continue {@code runs}: their saved states may go. */
    default void released(List<String> runs) { }
}
