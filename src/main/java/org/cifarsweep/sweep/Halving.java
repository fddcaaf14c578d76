package org.cifarsweep.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * Synchronous successive halving: every trial trains for {@code rungs[0]} epochs; after each rung the best
 * 1/{@code reduction} of them by validation accuracy (at least one) continue, from where they stopped, to the next
 * rung's epochs.
 *
 * @param rungs     cumulative epochs at the end of each rung, strictly increasing, each ≥ 1
 * @param reduction how many trials a rung keeps one of, ≥ 2
 */
public record Halving(List<Integer> rungs, int reduction) implements Serializable {
    public static final int DEFAULT_REDUCTION = 3;

    public Halving {
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) throw new IllegalArgumentException("halving needs at least one rung");
        for (int i = 0; i < rungs.size(); i++) {
            if (rungs.get(i) < 1) throw new IllegalArgumentException("rungs[" + i + "] " + rungs.get(i) + " must be >= 1");
            if (i > 0 && rungs.get(i) <= rungs.get(i - 1)) {
                throw new IllegalArgumentException("rungs[" + i + "] " + rungs.get(i) + " must be > rungs[" + (i - 1)
                        + "] " + rungs.get(i - 1) + " (epochs at the end of each rung, increasing)");
            }
        }
        if (reduction < 2) throw new IllegalArgumentException("reduction " + reduction + " must be >= 2");
    }

    /** The epochs a trial reaches in its last rung: what every trial would train for in the full grid. */
    public int maxEpochs() {
        return rungs.get(rungs.size() - 1);
    }

    /** The rung that trains epoch {@code epoch} (1-based): the first whose end is at or after it. */
    public int rungOf(int epoch) {
        for (int r = 0; r < rungs.size(); r++) {
            if (epoch <= rungs.get(r)) return r;
        }
        throw new IllegalArgumentException("epoch " + epoch + " is after the last rung's " + maxEpochs());
    }

    /** How many of {@code n} trials of a rung go on to the next one: ⌊n / reduction⌋, at least 1. */
    public int survivors(int n) {
        return n == 0 ? 0 : Math.max(1, n / reduction);
    }
}
