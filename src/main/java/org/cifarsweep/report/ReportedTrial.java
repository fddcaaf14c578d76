package org.cifarsweep.report;

import java.util.Map;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.results.ResultsColumns;
import org.cifarsweep.train.TrainingStatus;

/**
 * One trial as the report sees it: its row of results.csv, read back tolerantly from the file rather than from the
 * training code, so that results copied from a cluster or written by an older version still make a report. (The
 * writer's own, strictly typed row is {@link org.cifarsweep.results.ResultsRow}.) Numbers that are missing, empty or
 * not finite are NaN; {@code values} keeps every column as written, in file order.
 */
public record ReportedTrial(String trial, double eta, double lambda, int nBatch, int nEpochs, String status,
                            double trainAcc, double valAcc, double testAcc, double trainCost, double valCost,
                            double trainLoss, double valLoss, double seconds, int bestEpoch, String reason,
                            Map<String, String> values) {

    /** Whether the status column says {@code status}. */
    public boolean is(TrainingStatus status) {
        return status.toString().equals(this.status);
    }

    public boolean ok() {
        return is(TrainingStatus.OK);
    }

    /** The column as written in results.csv, or "" when the file has no such column. */
    public String value(String column) {
        return values.getOrDefault(column, "");
    }

    /**
     * The loss the trial trained with, by its function's name: "cross-entropy" (softmax) or "hinge" (svm). A
     * results.csv from before the loss column is softmax, the only loss there was; a loss this version does not know
     * is named as written.
     */
    public String lossName() {
        String written = value(ResultsColumns.LOSS).strip();
        if (written.isEmpty()) return LossKind.SOFTMAX.function();
        try {
            return LossKind.parse(written).function();
        } catch (IllegalArgumentException e) {
            return written;
        }
    }

    /** "η=0.01, λ=0.1, batch 100, 40 epochs": the parameters as the plots' subtitles show them. */
    public String params() {
        return "η=" + Numbers.plain(eta) + ", λ=" + Numbers.plain(lambda) + ", batch " + nBatch + ", "
                + nEpochs + (nEpochs == 1 ? " epoch" : " epochs");
    }

    /**
     * {@link #params()}, followed by the loss when {@code withLoss}: "η=0.01, λ=0.1, batch 100, 40 epochs, hinge". For
     * the places that set trials side by side, in a sweep that mixes losses.
     */
    public String params(boolean withLoss) {
        return withLoss ? params() + ", " + lossName() : params();
    }
}
