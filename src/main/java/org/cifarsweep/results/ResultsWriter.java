package org.cifarsweep.results;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochMetrics;

/**
 * Writes finished trials into an output folder: {@code weights/<trial>.mat}, then the trial's rows of
 * {@code curves.csv}, then its row of {@code results.csv}. The results row goes last because it marks the trial
 * as complete: whatever precedes it without it belongs to a trial still in flight.
 */
public final class ResultsWriter implements AutoCloseable {
    public static final String RESULTS = "results.csv";
    public static final String CURVES = "curves.csv";
    public static final String WEIGHTS = "weights";

    private final Path dir;
    private final IntUnaryOperator rungOfEpoch;
    private final CsvAppender results;
    private final CsvAppender curves;

    /** A writer for runs outside successive halving (their curves have no rung). */
    public ResultsWriter(Path dir) {
        this(dir, epoch -> TrialSpec.NO_RUNG);
    }

    /** {@code rungOfEpoch}: the successive-halving rung that trains each epoch, for curves.csv's rung column. */
    public ResultsWriter(Path dir, IntUnaryOperator rungOfEpoch) {
        this.dir = dir;
        this.rungOfEpoch = rungOfEpoch;
        this.curves = new CsvAppender(dir.resolve(CURVES), CurveRows.COLUMNS);
        this.results = new CsvAppender(dir.resolve(RESULTS), ResultsRow.COLUMNS);
    }

    public static Path weightsFile(Path dir, String trial) {
        return dir.resolve(WEIGHTS).resolve(trial + ".mat");
    }

    public synchronized void record(ResultsRow row, List<EpochMetrics> trialCurves, double[][] w, double[] b) {
        if (w != null) WeightsFile.write(weightsFile(dir, row.trial()), w, b);
        curves.append(CurveRows.of(row.trial(), trialCurves, rungOfEpoch));
        results.append(List.of(row.values()));
    }

    @Override
    public void close() {
        curves.close();
        results.close();
    }
}
