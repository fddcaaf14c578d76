package org.cifarsweep.gradcheck;

import org.apache.commons.numbers.core.DD;
import org.cifarsweep.model.FeatureMatrix;

/** J = (1/n) Σ_i [log Σ_k exp(s_ik) − s_iy] + λ‖W‖², with s = W x + b, all in double-double. */
public final class SoftmaxCost implements CostFunction {

    @Override
    public DD cost(double[] w, double[] b, FeatureMatrix x, double lambda) {
        int classes = b.length;
        int dim = x.dim();
        DD[] scores = new DD[classes];
        DD lossSum = DD.ZERO;
        for (int i = 0; i < x.count(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                scores[k] = DoubleDoubleMath.dot(w, k, classes, x.doubles(), i * dim, dim).add(b[k]);
                max = Math.max(max, scores[k].hi());
            }
            DD sumExp = DD.ZERO;
            for (int k = 0; k < classes; k++) sumExp = sumExp.add(DoubleDoubleMath.exp(scores[k].subtract(max)));
            DD logSumExp = DoubleDoubleMath.log(sumExp).add(max);
            lossSum = lossSum.add(logSumExp.subtract(scores[x.labels()[i]]));
        }
        DD normSquared = DoubleDoubleMath.dot(w, 0, 1, w, 0, w.length);
        return lossSum.divide(x.count()).add(normSquared.multiply(lambda));
    }
}
