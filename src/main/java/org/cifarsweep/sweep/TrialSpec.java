package org.cifarsweep.sweep;

import java.io.Serializable;
import java.util.Objects;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingState;

/**
 * One run of a trial in a sweep: its name and its full training configuration (seed included). What a Spark task
 * receives.
 *
 * @param id     {@link TrialName#of}: names the run's rows and weights file
 * @param config the validated configuration, with the trial's derived (or explicit) seed
 * @param start  where to continue from (a successive-halving survivor), or null to train from the seeded start
 * @param rung   the successive-halving rung this run ends at (0 = first), or {@link #NO_RUNG} outside halving
 */
public record TrialSpec(String id, TrainConfig config, TrainingState start, int rung) implements Serializable {

    public static final int NO_RUNG = -1;

    /** Why 30: a rough per-step overhead (BLAS call set-up, the bias update) measured in "images' worth" of work. */
    private static final double STEP_OVERHEAD = 30.0;

    public TrialSpec {
        Objects.requireNonNull(config, "config");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a trial needs an id");
        if (rung < NO_RUNG) throw new IllegalArgumentException("rung " + rung + " must be >= 0 (or -1 for none)");
        if (start != null && start.epochs() >= config.nEpochs()) {
            throw new IllegalArgumentException("trial " + id + " starts at epoch " + start.epochs()
                    + ", not before its n_epochs " + config.nEpochs());
        }
    }

    /** A trial trained from its seeded start. */
    public TrialSpec(String id, TrainConfig config) {
        this(id, config, null, NO_RUNG);
    }

    /** The same run, continuing from {@code state}. */
    public TrialSpec startingFrom(TrainingState state) {
        return new TrialSpec(id, config, state, rung);
    }

    /** The trial named as everywhere else; {@code explicitSeed} when the conf gave the seed rather than deriving it. */
    public static TrialSpec of(TrainConfig config, boolean explicitSeed) {
        return new TrialSpec(TrialName.of(config, explicitSeed), config);
    }

    /**
     * A relative cost, used only to start the longest trials first so the last ones do not run alone: a heuristic,
     * not a prediction of seconds. {@code n_epochs × (1 + 30 / n_batch)}: each epoch touches every image once, and
     * small batches pay a per-step overhead on top. The same for every η and λ.
     */
    public double estimatedCost() {
        int epochs = config.nEpochs() - (start == null ? 0 : start.epochs());
        return epochs * (1 + STEP_OVERHEAD / config.nBatch());
    }
}
