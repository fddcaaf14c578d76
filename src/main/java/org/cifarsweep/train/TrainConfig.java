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
 */
public record TrainConfig(double eta, double lambda, int nBatch, int nEpochs, long seed, boolean shuffle,
                          Precision precision, TrainOptions options) implements Serializable {

    /** The standard deviation of the N(0, σ²) initialisation of W and b, as in the assignment. */
    public static final double INIT_STD = 0.01;

    public TrainConfig {
        if (!(eta > 0) || Double.isInfinite(eta)) throw new IllegalArgumentException("eta " + eta + " must be > 0 and finite");
        if (!(lambda >= 0) || Double.isInfinite(lambda)) throw new IllegalArgumentException("lambda " + lambda + " must be >= 0 and finite");
        if (nBatch < 1) throw new IllegalArgumentException("n_batch " + nBatch + " must be >= 1");
        if (nEpochs < 1) throw new IllegalArgumentException("n_epochs " + nEpochs + " must be >= 1");
        if (precision == null) throw new IllegalArgumentException("precision must be given");
        if (options == null) throw new IllegalArgumentException("options must be given");
    }

    /** The plain assignment's configuration: softmax, no flips, no decay. */
    public TrainConfig(double eta, double lambda, int nBatch, int nEpochs, long seed, boolean shuffle, Precision precision) {
        this(eta, lambda, nBatch, nEpochs, seed, shuffle, precision, TrainOptions.DEFAULT);
    }

    /** The same run stopped after {@code epochs} epochs, seed kept (a rung of successive halving). */
    public TrainConfig withEpochs(int epochs) {
        return new TrainConfig(eta, lambda, nBatch, epochs, seed, shuffle, precision, options);
    }

    /** Rejects a batch larger than the training set, which would silently train on fewer images per step. */
    public void checkAgainst(int trainingSize) {
        if (nBatch > trainingSize) {
            throw new IllegalArgumentException("n_batch " + nBatch + " must be <= the training size " + trainingSize);
        }
    }
}
