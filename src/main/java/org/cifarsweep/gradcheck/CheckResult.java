package org.cifarsweep.gradcheck;

/**
 * The largest relative errors between analytic and numerical gradients of W and of b, for one case; for a cost with
 * kinks, the distance of the point from the nearest kink and the largest change one perturbation makes to a score.
 */
public record CheckResult(CheckCase checkCase, double maxRelativeErrorW, double maxRelativeErrorB,
                          double kinkDistance, double largestScoreChange) {

    /** A result for a smooth cost, which has no kinks. */
    public CheckResult(CheckCase checkCase, double maxRelativeErrorW, double maxRelativeErrorB) {
        this(checkCase, maxRelativeErrorW, maxRelativeErrorB, Double.POSITIVE_INFINITY, 0);
    }

    /**
     * False when a perturbation could have moved a score across a kink of the cost (a hinge margin of 0): the
     * numerical gradient would then mix two slopes, and the comparison says nothing.
     */
    public boolean clearOfKinks() {
        return kinkDistance > largestScoreChange;
    }

    /** Both errors below the threshold, and measured away from kinks. */
    public boolean passes(double threshold) {
        return maxRelativeErrorW < threshold && maxRelativeErrorB < threshold && clearOfKinks();
    }
}
