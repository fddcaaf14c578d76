package org.cifarsweep.gradcheck;

/** The largest relative errors between analytic and numerical gradients of W and of b, for one case. */
public record CheckResult(CheckCase checkCase, double maxRelativeErrorW, double maxRelativeErrorB) {

    public boolean passes(double threshold) {
        return maxRelativeErrorW < threshold && maxRelativeErrorB < threshold;
    }
}
