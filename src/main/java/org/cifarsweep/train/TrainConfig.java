package org.cifarsweep.train;

import java.io.Serializable;
import org.cifarsweep.model.Precision;

/**
 * One training configuration of mini-batch gradient descent. Validated on construction, so a bad value is reported
 * before any work starts.
 *
 * @param eta       learning rate η, > 0 and finite (the base rate, before {@link Decay})
 * @param lambda    L2 penalty λ on W, ≥ 0
 * @param nBatch    mini-batch size, ≥ 1
 * @param nEpochs   passes over the training set, ≥ 1 (the total, counting epochs of a continued run's earlier rungs)
 * @param seed      seeds the initial W, b, the shuffling and the flips
 * @param shuffle   reshuffle the training set each epoch (the assignment keeps data order)
 * @param precision float64 or float32 arithmetic
 * @param options   loss, flips and learning-rate decay
 * @param repeat    which repeat over seeds of its configuration this run is ({@link Repeat#FIRST} outside repeats):
 *                  names the run, trains nothing differently (its {@code seed} is already the repeat's own)
 */
public record TrainConfig(double eta, double lambda, int nBatch, int nEpochs, long seed, boolean shuffle,
                          Precision precision, TrainOptions options, Repeat repeat) implements Serializable {

    /**
     * Repeat {@code index} (1-based) of a configuration run with several seeds (a sweep's {@code repeats = N}).
     * Repeat 1 is the configuration's own trial, {@link #FIRST}; repeat k ≥ 2 trains with a seed derived from the
     * first repeat's. Only the run's name uses it.
     *
     * @param index     1, 2, … N
     * @param firstSeed the seed of repeat 1 when the conf gave it, which the name then shows; 0 for a derived seed
     *                  (which names leave out) and for {@link #FIRST}
     */
    public record Repeat(int index, long firstSeed) implements Serializable {
        /** The configuration's own run: every trial outside repeats. */
        public static final Repeat FIRST = new Repeat(1, 0);

        public Repeat {
            if (index < 1) throw new IllegalArgumentException("repeat " + index + " must be >= 1");
            if (index == 1 && firstSeed != 0) throw new IllegalArgumentException("repeat 1 is FIRST");
        }
    }

    /** The standard deviation of the N(0, σ²) initialisation of W and b, as in the assignment. */
    public static final double INIT_STD = 0.01;

    public TrainConfig {
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("eta " + eta + " must be > 0 and finite");
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("lambda " + lambda + " must be >= 0 and finite");
        if (nBatch < 1) throw new IllegalArgumentException("n_batch " + nBatch + " must be >= 1");
        if (nEpochs < 1) throw new IllegalArgumentException("n_epochs " + nEpochs + " must be >= 1");
        if (precision == null) throw new IllegalArgumentException("precision must be given");
        if (options == null) throw new IllegalArgumentException("options must be given");
        if (repeat == null) throw new IllegalArgumentException("repeat must be given");
    }

    /** The configuration's own run (no repeat). */
    public TrainConfig(double eta, double lambda, int nBatch, int nEpochs, long seed, boolean shuffle, Precision precision,
                       TrainOptions options) {
        this(eta, lambda, nBatch, nEpochs, seed, shuffle, precision, options, Repeat.FIRST);
    }

    /** The plain assignment's configuration: softmax, no flips, no decay. */
    public TrainConfig(double eta, double lambda, int nBatch, int nEpochs, long seed, boolean shuffle, Precision precision) {
        this(eta, lambda, nBatch, nEpochs, seed, shuffle, precision, TrainOptions.DEFAULT);
    }

    /** The same run stopped after {@code epochs} epochs, seed kept (a rung of successive halving). */
    public TrainConfig withEpochs(int epochs) {
        return new TrainConfig(eta, lambda, nBatch, epochs, seed, shuffle, precision, options, repeat);
    }

    /**
     * Repeat {@code index} ≥ 2 of this configuration (which must be repeat 1), trained with {@code seed};
     * {@code explicitSeed} when this configuration's seed was given rather than derived.
     */
    public TrainConfig repeat(int index, long seed, boolean explicitSeed) {
        if (repeat.index() != 1) throw new IllegalStateException("only repeat 1 has repeats, not repeat " + repeat.index());
        if (index < 2) throw new IllegalArgumentException("repeat " + index + ": repeats 2, 3, … differ from the configuration");
        return new TrainConfig(eta, lambda, nBatch, nEpochs, seed, shuffle, precision, options,
                new Repeat(index, explicitSeed ? this.seed : 0));
    }

    /** Rejects a batch larger than the training set, which would silently train on fewer images per step. */
    public void checkAgainst(int trainingSize) {
        if (nBatch > trainingSize) {
            throw new IllegalArgumentException("n_batch " + nBatch + " must be <= the training size " + trainingSize);
        }
    }
}
