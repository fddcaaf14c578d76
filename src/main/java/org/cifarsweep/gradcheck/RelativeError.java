package org.cifarsweep.gradcheck;

/** |ga − gn| / max(eps, |ga| + |gn|), the assignment's measure of agreement between two gradients. */
public final class RelativeError {
    /** Floor of the denominator: below it both gradients are zero for all practical purposes. */
    public static final double DEFAULT_EPS = 1e-10;

    private RelativeError() { }

    public static double of(double analytic, double numerical, double eps) {
        return Math.abs(analytic - numerical) / Math.max(eps, Math.abs(analytic) + Math.abs(numerical));
    }
}
