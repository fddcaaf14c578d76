package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.List;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.train.EpochMetrics;

/**
 * What a task sends back to the driver: the results row, the curves, the final W and b (null when the trial
 * failed before having them), and facts about the executor that ran it, for the provenance file. Or, instead of all
 * of that, {@code stop}: the line that stops the sweep because the task's JVM has too little memory for it
 * ({@link MemoryCheck#checkHeap}); the task then trained nothing.
 */
public record TaskResult(ResultsRow row, List<EpochMetrics> curves, double[][] w, double[] b,
                          ExecutorFacts executor, String stop) implements Serializable {

    public TaskResult(ResultsRow row, List<EpochMetrics> curves, double[][] w, double[] b, ExecutorFacts executor) {
        this(row, curves, w, b, executor, null);
    }

    /** A task that trained nothing, and the line that stops the sweep. */
    static TaskResult stopping(String line) {
        return new TaskResult(null, List.of(), null, null, null, line);
    }
}
