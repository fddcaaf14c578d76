package org.cifarsweep.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where an asynchronous schedule takes its next new trial from: a fixed set (a grid, random samples, explicit
 * trials), or a search that proposes from the results so far (TPE). Deterministic given the results in the order
 * they arrived.
 */
public interface TrialSource {

    /** A result the source may learn from: the trial (at its full epochs), the rung it reached, and how it ended. */
    record Observation(TrialSpec trial, int rung, double valAcc, boolean ok) { }

    /**
     * The next trial to start, given every result so far in arrival order, or null when the source has no more.
     * Called once per trial started, in order: the k-th call gives the k-th trial.
     */
    TrialSpec next(List<Observation> observed);

    /** How the last trial {@link #next} gave was chosen, for the decision log; empty when there is nothing to say. */
    default String note() {
        return "";
    }

    /** Whether {@link #next} would give no more trials. */
    boolean exhausted();

    /** How many trials the source gives in all. */
    int size();

    /** What the source is, for the decision log and provenance, e.g. "81 trials in a seeded random order". */
    String describe();

    /**
     * The trials of a conf, in an order drawn from the sweep seed: asynchronous halving promotes from the first
     * results, which should not all share the grid's outermost value.
     */
    static TrialSource shuffled(List<TrialSpec> trials, long sweepSeed) {
        List<TrialSpec> order = new ArrayList<>(trials);
        SplittableRandom rng = new SplittableRandom(SeedDerivation.derived(sweepSeed, "async-order"));
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        return new Fixed(order);
    }

    /** A fixed list of trials, in its order. */
    final class Fixed implements TrialSource {
        private final List<TrialSpec> trials;
        private int given;

        Fixed(List<TrialSpec> trials) {
            this.trials = List.copyOf(trials);
        }

        @Override
        public TrialSpec next(List<Observation> observed) {
            return given < trials.size() ? trials.get(given++) : null;
        }

        @Override
        public boolean exhausted() {
            return given >= trials.size();
        }

        @Override
        public int size() {
            return trials.size();
        }

        @Override
        public String describe() {
            return trials.size() + " trials in a seeded random order";
        }
    }
}
