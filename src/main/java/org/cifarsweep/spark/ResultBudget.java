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
 * Pure arithmetic.
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

    /** {@code runs} cut into consecutive jobs of at most {@code perJob}, in order. */
    static <T> List<List<T>> split(List<T> runs, int perJob) {
        List<List<T>> jobs = new ArrayList<>();
        for (int from = 0; from < runs.size(); from += perJob) {
            jobs.add(List.copyOf(runs.subList(from, (int) Math.min(runs.size(), (long) from + perJob))));
        }
        return jobs;
    }
}
