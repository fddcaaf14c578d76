package org.cifarsweep.results;

import java.util.List;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrialStatus;

/** One row of results.csv: a trial's settings, how it ended, and its final numbers. */
public record TrialRow(String trial, TrainConfig config, String preprocess, String split, TrialStatus status,
                       double trainLoss, double trainAcc, double trainCost, double valLoss, double valAcc,
                       double valCost, double testAcc, int bestEpoch, double seconds, String host, String executor,
                       String reason) implements java.io.Serializable {

    /** The columns, in file order. The first fifteen are the documented contract; the rest were added after. */
    public static final List<String> COLUMNS = List.of(
            "trial", "eta", "lambda", "n_batch", "n_epochs", "seed", "preprocess", "precision", "status",
            "train_acc", "val_acc", "test_acc", "train_cost", "val_cost", "seconds",
            "best_epoch", "train_loss", "val_loss", "shuffle", "split", "host", "executor", "reason");

    public static TrialRow of(String trial, TrainConfig config, String preprocess, String split,
                              TrainingOutcome outcome, String host, String executor) {
        EpochMetrics last = outcome.last();
        double nan = Double.NaN;
        return new TrialRow(trial, config, preprocess, split, outcome.status(),
                last == null ? nan : last.trainLoss(), last == null ? nan : last.trainAcc(),
                last == null ? nan : last.trainCost(), last == null ? nan : last.valLoss(),
                last == null ? nan : last.valAcc(), last == null ? nan : last.valCost(),
                outcome.testAccuracy(), outcome.bestEpoch(), outcome.seconds(), host, executor, outcome.reason());
    }

    /** The values in {@link #COLUMNS} order. Doubles print with Double.toString, which round-trips exactly. */
    public List<Object> values() {
        return List.of(trial, config.eta(), config.lambda(), config.nBatch(), config.nEpochs(), config.seed(),
                preprocess, config.precision(), status, trainAcc, valAcc, testAcc, trainCost, valCost, seconds,
                bestEpoch, trainLoss, valLoss, config.shuffle(), split, host, executor, reason);
    }
}
