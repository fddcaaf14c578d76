package org.cifarsweep.sweep;

import org.cifarsweep.train.TrainingState;

/**
 * Where a run stopped, read back from an output folder: what a successive-halving survivor of a run recorded before a
 * resume continues from (a live run hands its state to the schedule directly).
 */
@FunctionalInterface
public interface RecordedStates {

    /** A new sweep has no recorded runs. */
    RecordedStates NONE = runId -> {
        throw new IllegalStateException("run " + runId + " has no recorded state (not a resumed sweep)");
    };

    /** The end state (W, b and curves) of the recorded run {@code runId}. */
    TrainingState of(String runId);
}
