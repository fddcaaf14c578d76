package org.cifarsweep.spark;

import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.ModelWeights;

/**
 * How many runs one Spark job may hold so that its task results stay under half of
 * {@code spark.driver.maxResultSize}. Spark adds up the serialized results of every task of a job (one task set)
 * and aborts the job once the sum passes that setting (1g by default), even though the driver writes each result
 * away as it arrives. So a sweep's list of runs is cut into consecutive jobs, from an upper estimate of one result.
 *
 * <p>A job's input is bounded too. A successive-halving survivor's task carries the state it continues from (W, b
 * and curves), which the driver reads in when it submits the job and holds in the job's partitions until the job
 * ends: a job of continuations holds at most {@link #STATE_BUDGET} of them. Pure arithmetic.
 */
final class ResultBudget {
    /** Spark's default spark.driver.maxResultSize. */
    static final long SPARK_DEFAULT = 1L << 30;
    /** The row, the executor facts, Spark's own wrapping (accumulator updates, metrics): generously. */
    static final long FIXED_BYTES = 16 * 1024;
    /** One epoch of curves, Java-serialized (8 numbers and the object's header), generously. */
    static final long EPOCH_BYTES = 128;
    /** The arrays' own headers and class descriptors. */
    static final long ARRAY_BYTES = 1024;
    /** The states of continuations one job may hold on the driver: 64 MiB, about 270 float64 states of CIFAR-10. */
    static final long STATE_BUDGET = 64L << 20;

    private ResultBudget() { }

    /**
     * An upper estimate of one task result's serialized bytes: W and b (when sent: 8 bytes a value in float64, 4 in
     * float32), the curves of {@code maxEpochs} epochs, and the rest.
     */
    static long resultBytes(int classes, int dim, Precision precision, boolean weights, int maxEpochs) {
        long w = weights ? ModelWeights.valueBytes(classes, dim, precision) + ARRAY_BYTES : 0;
        return w + (long) maxEpochs * EPOCH_BYTES + FIXED_BYTES;
    }

    /**
     * How many results fit in half of {@code maxResultSize} (at least 1); {@link Integer#MAX_VALUE} when
     * {@code maxResultSize} is 0 (Spark's "unlimited").
     */
    static int runsPerJob(long maxResultSize, long resultBytes) {
        if (maxResultSize <= 0) return Integer.MAX_VALUE;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (maxResultSize / 2) / resultBytes));
    }

    /**
     * An upper estimate of the driver's bytes for one continuation's state: W and b as doubles (a state holds
     * doubles in either precision), each row's array, and {@code epochs} epochs of curves.
     */
    static long stateBytes(int classes, int dim, int epochs) {
        return (long) classes * (dim + 1) * Double.BYTES + (long) classes * 16 + ARRAY_BYTES + (long) epochs * EPOCH_BYTES;
    }

    /** How many continuations' states fit in {@code budget} (at least 1). */
    static int statesPerJob(long budget, long stateBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / stateBytes));
    }

    /** {@code runs} cut into consecutive jobs of at most {@code perJob}, in order. */
    static <T> List<List<T>> split(List<T> runs, int perJob) {
        List<List<T>> jobs = new ArrayList<>();
        for (int from = 0; from < runs.size(); from += perJob) {
            jobs.add(List.copyOf(runs.subList(from, (int) Math.min(runs.size(), (long) from + perJob))));
        }
        return jobs;
    }
}
