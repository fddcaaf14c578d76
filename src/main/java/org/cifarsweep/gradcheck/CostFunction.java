package org.cifarsweep.gradcheck;

import org.apache.commons.numbers.core.DD;
import org.cifarsweep.model.FeatureMatrix;

/**
 * The cost J(W, b) = mean loss + λ‖W‖², written independently of the model's BLAS code and evaluated in
 * double-double, as the reference the analytic gradients are checked against.
 */
@FunctionalInterface
public interface CostFunction {
    /**
     * @param w K×d weights, column-major (element (k, j) at k + K·j)
     * @param b K biases
     * @param x float64 features, d×n column-major, with labels
     */
    DD cost(double[] w, double[] b, FeatureMatrix x, double lambda);

    /**
     * How far the point is from the nearest place where J is not differentiable, in units of a score (e.g. the
     * smallest |margin| of a hinge); +∞ for a smooth cost. A centred difference is only meaningful when no
     * perturbation moves a score by this much.
     */
    default double kinkDistance(double[] w, double[] b, FeatureMatrix x) {
        return Double.POSITIVE_INFINITY;
    }

    /** The scores s = W x_i + b of column i, each an FMA-compensated dot product, into {@code out}. */
    static void scores(double[] w, double[] b, FeatureMatrix x, int i, DD[] out) {
        int classes = b.length;
        for (int k = 0; k < classes; k++) {
            out[k] = DoubleDoubleMath.dot(w, k, classes, x.doubles(), i * x.dim(), x.dim()).add(b[k]);
        }
    }

    /** The cost from the summed loss of the n columns: lossSum / n + λ‖W‖². */
    static DD regularised(DD lossSum, int n, double[] w, double lambda) {
        DD normSquared = DoubleDoubleMath.dot(w, 0, 1, w, 0, w.length);
        return lossSum.divide(n).add(normSquared.multiply(lambda));
    }
}
