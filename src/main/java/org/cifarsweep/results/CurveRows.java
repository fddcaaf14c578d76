package org.cifarsweep.results;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.cifarsweep.train.EpochMetrics;

/** The rows of curves.csv: one per trial and epoch. */
public final class CurveRows {
    /** The columns, in file order: {@link CurvesColumns#ALL}, where they are defined. */
    public static final List<String> COLUMNS = CurvesColumns.ALL;

    private CurveRows() { }

    /** The rows of {@code trial}'s curves; {@code rungOfEpoch} gives the rung that trained each epoch (-1: none). */
    public static List<List<Object>> of(String trial, List<EpochMetrics> curves, IntUnaryOperator rungOfEpoch) {
        List<List<Object>> rows = new ArrayList<>(curves.size());
        for (EpochMetrics m : curves) {
            rows.add(List.of(trial, m.epoch(), m.trainLoss(), m.trainCost(), m.trainAcc(),
                    m.valLoss(), m.valCost(), m.valAcc(), m.eta(), rungOfEpoch.applyAsInt(m.epoch())));
        }
        return rows;
    }
}
