package org.cifarsweep.gradcheck;

import org.apache.commons.numbers.core.DD;
import org.cifarsweep.model.FeatureMatrix;

/** J = (1/n) Σ_i [log Σ_k exp(s_ik) − s_iy] + λ‖W‖², with s = W x + b, all in double-double. */
public final class SoftmaxCost implements CostFunction {

    @Override
    public DD cost(double[] w, double[] b, FeatureMatrix x, double lambda) {
        int classes = b.length;
        DD[] scores = new DD[classes];
        DD lossSum = DD.ZERO;
        for (int i = 0; i < x.count(); i++) {
            CostFunction.scores(w, b, x, i, scores);
            double max = Double.NEGATIVE_INFINITY;
            for (DD score : scores) max = Math.max(max, score.hi());
            DD sumExp = DD.ZERO;
            for (int k = 0; k < classes; k++) sumExp = sumExp.add(DoubleDoubleMath.exp(scores[k].subtract(max)));
            DD logSumExp = DoubleDoubleMath.log(sumExp).add(max);
            lossSum = lossSum.add(logSumExp.subtract(scores[x.labels()[i]]));
        }
        return CostFunction.regularised(lossSum, x.count(), w, lambda);
    }
}
