package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingStatus;

/**
 * Runs one trial inside a Spark task. An exception in training is caught and returned as a {@code failed} row,
 * so that Spark does not retry a deterministic failure; only a lost executor makes Spark rerun the task.
 */
final class TaskTrainer implements Serializable {
    private final String sweepId;
    private final Broadcast<SharedData> data;
    private final Precision precision;
    private final String preprocess;
    private final String split;

    TaskTrainer(String sweepId, Broadcast<SharedData> data, Precision precision, String preprocess, String split) {
        this.sweepId = sweepId;
        this.data = data;
        this.precision = precision;
        this.preprocess = preprocess;
        this.split = split;
    }

    TaskResult run(TaskContext context, TrialSpec trial) {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        String host = SparkEnv.get() == null ? "localhost" : SparkEnv.get().blockManager().blockManagerId().host();
        long start = System.nanoTime();
        try {
            TrainingData decoded = DecodedDataCache.get(sweepId, data, precision);
            TrainingOutcome outcome = new Trainer().train(trial.config(), decoded, EpochListener.NONE, trial.start());
            ResultsRow row = ResultsRow.of(trial, preprocess, split, outcome, host, executor);
            boolean hasWeights = outcome.status() != TrainingStatus.FAILED;
            return new TaskResult(row, outcome.curves(),
                    hasWeights ? outcome.model().weightRows() : null, hasWeights ? outcome.model().biases() : null,
                    ExecutorFacts.here(sweepId, precision));
        } catch (RuntimeException | OutOfMemoryError e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            TrainingOutcome failed = new TrainingOutcome(TrainingStatus.FAILED, reason, List.of(), Double.NaN, null,
                    (System.nanoTime() - start) / 1e9);
            return new TaskResult(ResultsRow.of(trial, preprocess, split, failed, host, executor),
                    List.of(), null, null, ExecutorFacts.here(sweepId, precision));
        }
    }
}
