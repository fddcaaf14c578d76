package org.cifarsweep.train;

import java.io.Serializable;
import java.util.List;

/**
 * Where a run stopped, enough to continue it exactly: W (K rows of d), b, and the curves of the epochs done (their
 * count is the epoch reached). The random streams are not stored: {@link Trainer} rebuilds them from the seed and
 * replays the draws of the epochs done (n draws per epoch and stream, microseconds), so they stand exactly where an
 * uninterrupted run has them.
 */
public record TrainingState(double[][] w, double[] b, List<EpochMetrics> curves) implements Serializable {

    public TrainingState {
        if (w == null || b == null) throw new IllegalArgumentException("a training state needs W and b");
        if (w.length != b.length) throw new IllegalArgumentException("W has " + w.length + " rows but b " + b.length + " values");
        curves = List.copyOf(curves);
        if (curves.isEmpty()) throw new IllegalArgumentException("a training state needs at least one epoch done");
    }

    public int epochs() {
        return curves.size();
    }
}
