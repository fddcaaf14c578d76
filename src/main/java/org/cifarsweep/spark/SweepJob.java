package org.cifarsweep.spark;

import java.util.Objects;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;

/**
 * What {@link SweepRunner} runs: a sweep's spec (its Spark settings, precision and preprocessing), the data set it
 * trains on (loaded and checked), and the plan of runs (a new sweep, or what a resume left to do).
 */
public record SweepJob(SweepSpec spec, Dataset dataset, SweepPlan plan) {
    public SweepJob {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(plan, "plan");
    }
}
