package org.cifarsweep.sweep;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingState;

/**
 * One run of a trial in a sweep: its name and its full training configuration (seed included). What a Spark task
 * receives.
 *
 * <p>A successive-halving survivor continues from the state of the run before it. The schedule hands it on as a
 * reference ({@code from}: that run's name and epochs), not the state itself, so that a rung of thousands of
 * survivors holds no W on the driver; {@link Schedule#prepared} reads the state in only when the run's Spark job is
 * submitted, a bounded number of runs at a time.
 *
 * @param id     {@link TrialName#of}: names the run's rows and weights file
 * @param config the validated configuration, with the trial's derived (or explicit) seed
 * @param start  where to continue from (a successive-halving survivor), or null to train from the seeded start
 * @param rung   the successive-halving rung this run ends at (0 = first), or {@link #NO_RUNG} outside halving
 * @param from   the run whose state this run continues from, not read in yet (then {@code start} is null), or null
 * @param bracket the Hyperband bracket of the run's trial, or {@link #NO_BRACKET} outside Hyperband
 */
public record TrialSpec(String id, TrainConfig config, TrainingState start, int rung, StateRef from, int bracket)
        implements Serializable {

    /**
     * The run a continuation starts from, by name: its state is read in when the continuation's job is submitted.
     *
     * @param run    the run whose end state it is (successive halving's {@code state/<run>.mat})
     * @param epochs the epochs that run trained
     */
    public record StateRef(String run, int epochs) implements Serializable {
        public StateRef {
            Objects.requireNonNull(run, "run");
            if (epochs < 1) throw new IllegalArgumentException("a state reference needs at least one epoch done");
        }
    }

    public static final int NO_RUNG = -1;
    public static final int NO_BRACKET = -1;

    /** Longest first by {@link #estimatedCost}, ties by id: the order runs and packs start in. */
    public static final Comparator<TrialSpec> LONGEST_FIRST =
            Comparator.comparingDouble(TrialSpec::estimatedCost).reversed().thenComparing(TrialSpec::id);

    /** Why 30: a rough per-step overhead (BLAS call set-up, the bias update) measured in "images' worth" of work. */
    private static final double STEP_OVERHEAD = 30.0;

    public TrialSpec {
        Objects.requireNonNull(config, "config");
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a trial needs an id");
        if (rung < NO_RUNG) throw new IllegalArgumentException("rung " + rung + " must be >= 0 (or -1 for none)");
        if (bracket < NO_BRACKET) throw new IllegalArgumentException("bracket " + bracket + " must be >= 0 (or -1 for none)");
        if (start != null && from != null) throw new IllegalArgumentException("trial " + id + " has a state and a reference");
        int startEpochs = start != null ? start.epochs() : from != null ? from.epochs() : 0;
        if (startEpochs >= config.nEpochs()) {
            throw new IllegalArgumentException("trial " + id + " starts at epoch " + startEpochs
                    + ", not before its n_epochs " + config.nEpochs());
        }
    }

    /** A run outside Hyperband. */
    public TrialSpec(String id, TrainConfig config, TrainingState start, int rung, StateRef from) {
        this(id, config, start, rung, from, NO_BRACKET);
    }

    /** This run in Hyperband's bracket {@code b}. */
    public TrialSpec inBracket(int b) {
        return new TrialSpec(id, config, start, rung, from, b);
    }

    /** A run starting from {@code start} (or from the seeded start, when null). */
    public TrialSpec(String id, TrainConfig config, TrainingState start, int rung) {
        this(id, config, start, rung, null);
    }

    /** A trial trained from its seeded start. */
    public TrialSpec(String id, TrainConfig config) {
        this(id, config, null, NO_RUNG);
    }

    /** The same run, continuing from {@code state}. */
    public TrialSpec startingFrom(TrainingState state) {
        return new TrialSpec(id, config, state, rung, null, bracket);
    }

    /** The epochs done before this run starts: of its state, or of the state it refers to. */
    public int startEpochs() {
        return start != null ? start.epochs() : from != null ? from.epochs() : 0;
    }

    /** The trial named as everywhere else; {@code explicitSeed} when the conf gave the seed rather than deriving it. */
    public static TrialSpec of(TrainConfig config, boolean explicitSeed) {
        return new TrialSpec(TrialName.of(config, explicitSeed), config);
    }

    /**
     * Repeat {@code index} ≥ 2 of this trial (repeat 1): trained with {@link SeedDerivation#repeatSeed} of this
     * trial's seed, derived or explicit, and named as this trial with {@code _rep<index>} (an explicit seed stays in
     * the name, so all repeats name their configuration).
     */
    public TrialSpec repeat(int index) {
        if (start != null || from != null || rung != NO_RUNG) {
            throw new IllegalStateException("trial " + id + " is a run of a schedule, not a configuration to repeat");
        }
        boolean explicitSeed = id.equals(TrialName.of(config, true));
        TrainConfig c = config.repeat(index, SeedDerivation.repeatSeed(config.seed(), index), explicitSeed);
        return new TrialSpec(TrialName.of(c, explicitSeed), c);
    }

    /**
     * A relative cost, used only to start the longest trials first so the last ones do not run alone: a heuristic,
     * not a prediction of seconds. {@code n_epochs × (1 + 30 / n_batch)}: each epoch touches every image once, and
     * small batches pay a per-step overhead on top. The same for every η and λ.
     */
    public double estimatedCost() {
        int epochs = config.nEpochs() - startEpochs();
        return epochs * (1 + STEP_OVERHEAD / config.nBatch());
    }
}
