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
}
