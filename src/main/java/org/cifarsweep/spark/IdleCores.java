package org.cifarsweep.spark;

import java.util.function.LongSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Idle core-seconds of a sweep: from its first job to its end, the time integral of the cores Spark has (its
 * default parallelism) less the tasks running. What a rung barrier costs: the cores that wait on the slowest trial.
 */
final class IdleCores extends SparkListener {
    private final int cores;
    private final LongSupplier clock;
    private long last;
    private int running;
    private double idleNanos;

    IdleCores(int cores) {
        this(cores, System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as System.nanoTime (tests pass their own); counting starts now. */
    IdleCores(int cores, LongSupplier clock) {
        this.cores = cores;
        this.clock = clock;
        this.last = clock.getAsLong();
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        started();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        ended();
    }

    synchronized void started() {
        advance();
        running++;
    }

    synchronized void ended() {
        advance();
        running = Math.max(0, running - 1);
    }

    private void advance() {
        long now = clock.getAsLong();
        idleNanos += (double) Math.max(0, cores - running) * (now - last);
        last = now;
    }

    /** The idle core-seconds up to now. */
    synchronized double idleCoreSeconds() {
        advance();
        return idleNanos / 1e9;
    }
}
