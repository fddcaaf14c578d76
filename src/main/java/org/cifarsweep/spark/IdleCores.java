package org.cifarsweep.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Idle core-seconds of a sweep: from its first job to its end, the time integral of the cores Spark has (its
 * default parallelism) less the tasks running. What a rung barrier costs: the cores that wait on the slowest trial.
 */
final class IdleCores extends SparkListener {
    private final int cores;
    private final long start;
    private long last;
    private int running;
    private double idleNanos;

    IdleCores(int cores) {
        this.cores = cores;
        this.start = System.nanoTime();
        this.last = start;
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart taskStart) {
        advance();
        running++;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        advance();
        running = Math.max(0, running - 1);
    }

    private void advance() {
        long now = System.nanoTime();
        idleNanos += (double) Math.max(0, cores - running) * (now - last);
        last = now;
    }

    /** The idle core-seconds up to now. */
    synchronized double idleCoreSeconds() {
        advance();
        return idleNanos / 1e9;
    }
}
