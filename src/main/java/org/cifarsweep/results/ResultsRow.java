package org.cifarsweep.results;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.sweep.TrialName;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingStatus;

/** One row of results.csv: a trial's settings, how it ended, and its final numbers. */
public record ResultsRow(String trial, TrainConfig config, String preprocess, String split, TrainingStatus status,
                       double trainLoss, double trainAcc, double trainCost, double valLoss, double valAcc,
                       double valCost, double testAcc, int bestEpoch, double seconds, String host, String executor,
                       String reason, int rung, String pack, int bracket) implements java.io.Serializable {

    /** The columns, in file order: {@link ResultsColumns#ALL}, where they are defined. */
    public static final List<String> COLUMNS = ResultsColumns.ALL;

    public ResultsRow {
        if (pack == null) throw new IllegalArgumentException("pack must be given (empty for a run trained alone)");
        if (bracket < TrialSpec.NO_BRACKET) throw new IllegalArgumentException("bracket " + bracket + " must be >= -1");
    }

    /** A row outside Hyperband (no bracket). */
    public ResultsRow(String trial, TrainConfig config, String preprocess, String split, TrainingStatus status,
                      double trainLoss, double trainAcc, double trainCost, double valLoss, double valAcc,
                      double valCost, double testAcc, int bestEpoch, double seconds, String host, String executor,
                      String reason, int rung, String pack) {
        this(trial, config, preprocess, split, status, trainLoss, trainAcc, trainCost, valLoss, valAcc, valCost,
                testAcc, bestEpoch, seconds, host, executor, reason, rung, pack, TrialSpec.NO_BRACKET);
    }

    /** A row of a run trained alone (no pack). */
    public ResultsRow(String trial, TrainConfig config, String preprocess, String split, TrainingStatus status,
                      double trainLoss, double trainAcc, double trainCost, double valLoss, double valAcc,
                      double valCost, double testAcc, int bestEpoch, double seconds, String host, String executor,
                      String reason, int rung) {
        this(trial, config, preprocess, split, status, trainLoss, trainAcc, trainCost, valLoss, valAcc, valCost,
                testAcc, bestEpoch, seconds, host, executor, reason, rung, "");
    }

    /** The row of {@code run} trained alone: {@link #of(TrialSpec, String, String, TrainingOutcome, String, String, String)}. */
    public static ResultsRow of(TrialSpec run, String preprocess, String split, TrainingOutcome outcome, String host,
                                String executor) {
        return of(run, preprocess, split, outcome, host, executor, "");
    }

    /**
     * The row of {@code run}, trained on {@code split} with {@code preprocess}, that ended as {@code outcome}, in the
     * pack labelled {@code pack} (empty: trained alone).
     */
    public static ResultsRow of(TrialSpec run, String preprocess, String split, TrainingOutcome outcome, String host,
                                String executor, String pack) {
        EpochMetrics last = outcome.last();
        double nan = Double.NaN;
        return new ResultsRow(run.id(), run.config(), preprocess, split, outcome.status(),
                last == null ? nan : last.trainLoss(), last == null ? nan : last.trainAcc(),
                last == null ? nan : last.trainCost(), last == null ? nan : last.valLoss(),
                last == null ? nan : last.valAcc(), last == null ? nan : last.valCost(),
                outcome.testAccuracy(), outcome.bestEpoch(), outcome.seconds(), host, executor, outcome.reason(),
                run.rung(), pack, run.bracket());
    }

    /**
     * The inverse of {@link #values()}: a row of results.csv read back, its fields in {@link #COLUMNS} order.
     *
     * @throws IllegalArgumentException naming the column, the value and the rule, if a field does not parse
     */
    public static ResultsRow parse(List<String> fields) {
        if (fields.size() != COLUMNS.size()) {
            throw new IllegalArgumentException(fields.size() + " fields, expected " + COLUMNS.size());
        }
        Fields f = new Fields(fields);
        String trial = f.text(ResultsColumns.TRIAL);
        if (trial.isEmpty()) throw new IllegalArgumentException("column trial: empty");
        TrainConfig config;
        try {
            TrainOptions options = new TrainOptions(LossKind.parse(f.text(ResultsColumns.LOSS)),
                    f.real(ResultsColumns.FLIP), decay(f.text(ResultsColumns.DECAY)));
            config = new TrainConfig(f.real(ResultsColumns.ETA), f.real(ResultsColumns.LAMBDA),
                    f.int32(ResultsColumns.N_BATCH), f.int32(ResultsColumns.N_EPOCHS), f.integer(ResultsColumns.SEED),
                    f.bool(ResultsColumns.SHUFFLE), Precision.parse(f.text(ResultsColumns.PRECISION)), options,
                    TrialName.repeatOf(trial));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("column ") ? e : new IllegalArgumentException(e.getMessage(), e);
        }
        // The config column is not read back: it is the trial's name without _rep<k> (configName()), written for
        // the file's readers, and a row whose trial was changed is refused as a trial of another sweep.
        TrainingStatus status;
        try {
            status = TrainingStatus.parse(f.text(ResultsColumns.STATUS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("column status: '" + f.text(ResultsColumns.STATUS) + "' is not one of ok, diverged, failed");
        }
        return new ResultsRow(trial, config, f.text(ResultsColumns.PREPROCESS), f.text(ResultsColumns.SPLIT), status,
                f.real(ResultsColumns.TRAIN_LOSS), f.real(ResultsColumns.TRAIN_ACC), f.real(ResultsColumns.TRAIN_COST),
                f.real(ResultsColumns.VAL_LOSS), f.real(ResultsColumns.VAL_ACC), f.real(ResultsColumns.VAL_COST),
                f.real(ResultsColumns.TEST_ACC), f.int32(ResultsColumns.BEST_EPOCH), f.real(ResultsColumns.SECONDS),
                f.text(ResultsColumns.HOST), f.text(ResultsColumns.EXECUTOR), f.text(ResultsColumns.REASON),
                rung(f.int32(ResultsColumns.RUNG)), f.text(ResultsColumns.PACK), bracket(f.text(ResultsColumns.BRACKET)));
    }

    /** The bracket column: empty outside Hyperband (and in files from before it). */
    private static int bracket(String text) {
        if (text.isEmpty()) return TrialSpec.NO_BRACKET;
        try {
            int b = Integer.parseInt(text);
            if (b >= 0) return b;
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("column bracket: '" + text + "' is not empty or a whole number >= 0");
    }

    private static int rung(int rung) {
        if (rung < TrialSpec.NO_RUNG) throw new IllegalArgumentException("column rung: " + rung + " must be >= -1");
        return rung;
    }

    /** The inverse of {@link Decay#toString()}: {@code none}, {@code step0.5x10} or {@code exp0.95}. */
    private static Decay decay(String text) {
        Matcher m = DECAY.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("column decay: '" + text + "' is not none, step<rate>x<every> or exp<rate>");
        }
        if (m.group(1) != null) return Decay.NONE;
        if (m.group(2) != null) return Decay.step(Double.parseDouble(m.group(2)), Integer.parseInt(m.group(3)));
        return Decay.exp(Double.parseDouble(m.group(4)));
    }

    private static final Pattern DECAY = Pattern.compile("(none)|step([0-9.]+)x([0-9]+)|exp([0-9.]+)");

    /** Typed access to the fields of one results.csv row, with errors that name the column. */
    private record Fields(List<String> values) {
        String text(String column) {
            return values.get(COLUMNS.indexOf(column));
        }

        double real(String column) {
            String v = text(column);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column " + column + ": '" + v + "' is not a number");
            }
        }

        long integer(String column) {
            String v = text(column);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column " + column + ": '" + v + "' is not an integer");
            }
        }

        int int32(String column) {
            long v = integer(column);
            if (v != (int) v) throw new IllegalArgumentException("column " + column + ": " + v + " is out of range");
            return (int) v;
        }

        boolean bool(String column) {
            String v = text(column);
            if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
            throw new IllegalArgumentException("column " + column + ": '" + v + "' is not true or false");
        }
    }

    /** The values in {@link #COLUMNS} order. Doubles print with Double.toString, which round-trips exactly. */
    public List<Object> values() {
        return List.of(trial, config.eta(), config.lambda(), config.nBatch(), config.nEpochs(), config.seed(),
                preprocess, config.precision(), status, trainAcc, valAcc, testAcc, trainCost, valCost, seconds,
                bestEpoch, trainLoss, valLoss, config.shuffle(), split, host, executor, reason,
                config.options().loss(), config.options().flip(), config.options().decay(), rung, pack,
                configName(), bracket == TrialSpec.NO_BRACKET ? "" : bracket);
    }

    /** The configuration this run is a repeat of: results.csv's {@code config} column ({@link TrialName#configOf}). */
    public String configName() {
        return TrialName.configOf(trial);
    }
}
