package org.cifarsweep.results;

import java.nio.file.Path;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.EpochMetrics;

/**
 * Writes finished trials into an output folder: {@code weights/<trial>.mat} (when {@link KeptWeights} keeps it),
 * then the trial's rows of {@code curves.csv}, then its row of {@code results.csv}, then deletes the weights file
 * of a run that dropped out of the kept ones. The results row marks the trial as complete: whatever precedes it
 * without it belongs to a trial still in flight.
 */
public final class ResultsWriter implements AutoCloseable {
    public static final String RESULTS = "results.csv";
    public static final String CURVES = "curves.csv";
    public static final String WEIGHTS = "weights";

    private final Path dir;
    private final IntUnaryOperator rungOfEpoch;
    private final CsvAppender results;
    private final CsvAppender curves;
    private final KeptWeights kept;

    /** A writer for runs outside successive halving (their curves have no rung) that keeps every run's weights. */
    public ResultsWriter(Path dir) {
        this(dir, epoch -> TrialSpec.NO_RUNG, new KeptWeights(dir, WeightsPolicy.ALL));
    }

    /**
     * @param rungOfEpoch the successive-halving rung that trains each epoch, for curves.csv's rung column
     * @param kept        which runs keep their weights file
     */
    public ResultsWriter(Path dir, IntUnaryOperator rungOfEpoch, KeptWeights kept) {
        this.dir = dir;
        this.rungOfEpoch = rungOfEpoch;
        this.kept = kept;
        this.curves = new CsvAppender(dir.resolve(CURVES), CurveRows.COLUMNS);
        this.results = new CsvAppender(dir.resolve(RESULTS), ResultsRow.COLUMNS);
    }

    public static Path weightsFile(Path dir, String trial) {
        return dir.resolve(WEIGHTS).resolve(trial + ".mat");
    }

    /** Records a finished run; {@code weights} may be null (a failed run, or one whose weights nobody keeps). */
    public synchronized void record(ResultsRow row, List<EpochMetrics> trialCurves, ModelWeights weights) {
        KeptWeights.Admission admission = kept.admit(row, weights != null);
        if (admission.write()) WeightsFile.write(weightsFile(dir, row.trial()), weights);
        curves.append(CurveRows.of(row.trial(), trialCurves, rungOfEpoch));
        results.append(List.of(row.values()));
        if (admission.evicted() != null) kept.evict(admission.evicted());
    }

    @Override
    public void close() {
        curves.close();
        results.close();
    }
}
