package org.cifarsweep.train;

import java.util.List;
import org.cifarsweep.model.LinearModel;

/**
 * What one run produced: its status (and why, if not ok), the per-epoch curves, the test accuracy of the final
 * model (NaN unless ok), the final model, and the training time in seconds.
 */
public record TrainingOutcome(TrainingStatus status, String reason, List<EpochMetrics> curves, double testAccuracy,
                              LinearModel model, double seconds) {

    public TrainingOutcome {
        curves = List.copyOf(curves);
    }

    public EpochMetrics last() {
        return curves.isEmpty() ? null : curves.get(curves.size() - 1);
    }

    /** The 1-based epoch with the highest validation accuracy (the first if tied), or 0 without curves. */
    public int bestEpoch() {
        int best = 0;
        double bestAcc = Double.NEGATIVE_INFINITY;
        for (EpochMetrics m : curves) {
            if (m.valAcc() > bestAcc) {
                bestAcc = m.valAcc();
                best = m.epoch();
            }
        }
        return best;
    }
}
