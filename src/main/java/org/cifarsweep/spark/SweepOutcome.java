package org.cifarsweep.spark;

import java.util.List;
import java.util.Map;

/**
 * How a sweep's Spark jobs went, beside the runs the sink received: the timing, what the search did (successive
 * halving's rungs; empty for a plain search), what each executor JVM used, and the warnings those facts call for.
 *
 * @param timing    spark_seconds, job_seconds and sum_trial_seconds (the overhead figure)
 * @param search    the schedule's summary, for provenance.json's "search" and the console
 * @param executors the executors' BLAS, decodes, decoded bytes and float32 kernels, by provenance key
 * @param warnings  one line each: BLAS that differs between JVMs, executors left on the scalar kernel
 * @param lost      the runs Spark gave up on (every attempt failed, not by the trial's own error), recorded as
 *                  {@code failed} rows; the sweep stopped after their job
 * @param packing   the packs trained, for provenance.json's "packing" ({@link PackLog})
 */
public record SweepOutcome(Map<String, Object> timing, Map<String, Object> search, Map<String, Object> executors,
                           List<String> warnings, List<LostRun> lost, Map<String, Object> packing) {
    public SweepOutcome {
        warnings = List.copyOf(warnings);
        lost = List.copyOf(lost);
    }
}
