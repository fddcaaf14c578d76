package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.List;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.train.EpochMetrics;

/**
 * What a task sends back to the driver: the results row, the curves, the final W and b (null when the trial
 * failed before having them), and facts about the executor that ran it, for the provenance file.
 */
public record TaskResult(ResultsRow row, List<EpochMetrics> curves, double[][] w, double[] b,
                          ExecutorFacts executor) implements Serializable {
}
