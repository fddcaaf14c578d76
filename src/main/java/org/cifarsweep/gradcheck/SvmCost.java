package org.cifarsweep.gradcheck;

import org.apache.commons.numbers.core.DD;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.MultiClassHinge;

/**
 * J = (1/n) Σ_i Σ_{k≠y_i} max(0, s_ik − s_iy + Δ) + λ‖W‖², with s = W x + b and Δ = 1, in double-double.
 *
 * <p>The hinge has a kink where a margin s_k − s_y + Δ is 0, and no derivative there. Between kinks J is linear in
 * each entry, so a centred difference is exact up to rounding, as long as neither J(θ+h) nor J(θ−h) lies across a
 * kink. {@link #kinkDistance} gives the smallest |margin|, which the checker compares with the largest change a
 * perturbation can make to a score.
 */
public final class SvmCost implements CostFunction {

    @Override
    public DD cost(double[] w, double[] b, FeatureMatrix x, double lambda) {
        int classes = b.length;
        DD[] scores = new DD[classes];
        DD lossSum = DD.ZERO;
        for (int i = 0; i < x.count(); i++) {
            CostFunction.scores(w, b, x, i, scores);
            DD trueScore = scores[x.labels()[i]];
            for (int k = 0; k < classes; k++) {
                if (k == x.labels()[i]) continue;
                DD margin = scores[k].subtract(trueScore).add(MultiClassHinge.MARGIN);
                if (margin.hi() > 0) lossSum = lossSum.add(margin);
            }
        }
        return CostFunction.regularised(lossSum, x.count(), w, lambda);
    }

    @Override
    public double kinkDistance(double[] w, double[] b, FeatureMatrix x) {
        DD[] scores = new DD[b.length];
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.count(); i++) {
            CostFunction.scores(w, b, x, i, scores);
            DD trueScore = scores[x.labels()[i]];
            for (int k = 0; k < b.length; k++) {
                if (k == x.labels()[i]) continue;
                closest = Math.min(closest, Math.abs(scores[k].subtract(trueScore).add(MultiClassHinge.MARGIN).hi()));
            }
        }
        return closest;
    }
}
