package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.List;
import org.cifarsweep.results.ModelWeights;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.train.EpochMetrics;

/**
 * What a task sends back to the driver: the results row, the curves, the final W and b in the trial's precision
 * (null when the trial failed before having them, or when the driver keeps no weights and no state), and facts about the executor that ran it, for the provenance file. Or, instead of all
 * of that, {@code stop}: the line that stops the sweep because the task's JVM has too little memory for it
 * ({@link MemoryCheck#checkHeap}); the task then trained nothing.
 */
public record TaskResult(ResultsRow row, List<EpochMetrics> curves, ModelWeights weights,
                          ExecutorFacts executor, String stop) implements Serializable {

    public TaskResult(ResultsRow row, List<EpochMetrics> curves, ModelWeights weights, ExecutorFacts executor) {
        this(row, curves, weights, executor, null);
    }

    /** A task that trained nothing, and the line that stops the sweep. */
    static TaskResult stopping(String line) {
        return new TaskResult(null, List.of(), null, null, line);
    }
}
