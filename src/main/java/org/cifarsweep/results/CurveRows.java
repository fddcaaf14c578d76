package org.cifarsweep.results;

import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.train.EpochMetrics;

/** The rows of curves.csv: one per trial and epoch. */
public final class CurveRows {
    /** The columns, in file order: {@link CurvesColumns#ALL}, where they are defined. */
    public static final List<String> COLUMNS = CurvesColumns.ALL;

    private CurveRows() { }

    public static List<List<Object>> of(String trial, List<EpochMetrics> curves) {
        List<List<Object>> rows = new ArrayList<>(curves.size());
        for (EpochMetrics m : curves) {
            rows.add(List.of(trial, m.epoch(), m.trainLoss(), m.trainCost(), m.trainAcc(),
                    m.valLoss(), m.valCost(), m.valAcc(), m.eta(), m.rung()));
        }
        return rows;
    }
}
