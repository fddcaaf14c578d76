package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.List;
import org.cifarsweep.train.PackTrainer;

/**
 * What one task sends back: the result of each run of its {@link org.cifarsweep.sweep.TrialPack}, in the pack's
 * order, and what the pack's products did (null for a run trained alone, or a pack whose members had to be trained
 * alone after it failed). Or, instead of both, {@code stop}: the line that stops the sweep because the task's JVM has
 * too little memory for it ({@link MemoryCheck#checkHeap}); the task then trained nothing.
 */
public record PackResult(List<TaskResult> results, PackTrainer.Stats stats, String stop) implements Serializable {

    public PackResult {
        results = List.copyOf(results);
    }

    /** A task that trained nothing, and the line that stops the sweep. */
    static PackResult stopping(String line) {
        return new PackResult(List.of(), null, line);
    }
}
