package org.cifarsweep.sweep;

import java.util.SplittableRandom;

/**
 * The standard normal distribution, as {@link TreeParzenEstimator} needs it: the density, the CDF Φ, its inverse and
 * draws from a truncated normal. Written here rather than taken from a library: the project has no statistics
 * dependency, and these are a few lines. StrictMath throughout, so a proposal is the same on every JVM.
 */
final class Normal {
    private static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * Math.PI);
    /** Below -TAIL, Φ comes from the continued fraction (relative accuracy); above it, from the series. */
    private static final double TAIL = 3;

    private Normal() { }

    static double logPdf(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /**
     * Φ(x). For |x| ≤ 3 Marsaglia's series ("Evaluating the Normal Distribution", J. Stat. Softw. 2004),
     * Φ(x) = 1/2 + φ(x)(x + x³/3 + x⁵/(3·5) + …); below -3 the continued fraction of the Mills ratio,
     * Φ(-z) = φ(z) / (z + 1/(z + 2/(z + 3/(z + …)))), evaluated by Lentz's method, which keeps the tail's relative
     * accuracy; above 3, 1 − Φ(-x).
     */
    static double cdf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        if (x < -TAIL) return lowerTail(-x);
        if (x > TAIL) return 1 - lowerTail(x);
        double sum = x;
        double term = x;
        double x2 = x * x;
        double before;
        int i = 1;
        do { // until a term no longer changes the sum
            before = sum;
            i += 2;
            term *= x2 / i;
            sum += term;
        } while (sum != before);
        return 0.5 + sum * StrictMath.exp(logPdf(x));
    }

    /** Φ(-z) for z > 0. */
    private static double lowerTail(double z) {
        if (z > 40) return 0; // below Double.MIN_VALUE
        double tiny = 1e-300;
        double f = z;
        double c = z;
        double d = 0;
        for (int n = 1; n < 5000; n++) {
            d = z + n * d;
            d = 1 / (d == 0 ? tiny : d);
            c = z + n / c;
            if (c == 0) c = tiny;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return StrictMath.exp(logPdf(z)) / f;
    }

    /** Φ(b) − Φ(a) for a ≤ b, taken on the side of 0 where both are small so that nothing cancels. */
    static double mass(double a, double b) {
        return a > 0 ? cdf(-a) - cdf(-b) : cdf(b) - cdf(a);
    }

    /**
     * Φ⁻¹(p): the Abramowitz and Stegun 26.2.23 start (error below 4.5e-4), then Halley steps on Φ(x) − p, which
     * triple the correct digits each. For p above 1/2, −Φ⁻¹(1 − p) (1 − p is exact there).
     */
    static double inverseCdf(double p) {
        if (!(p > 0 && p < 1)) return p == 0 ? Double.NEGATIVE_INFINITY : p == 1 ? Double.POSITIVE_INFINITY : Double.NaN;
        if (p > 0.5) return -inverseCdf(1 - p);
        double t = StrictMath.sqrt(-2 * StrictMath.log(p));
        double x = -(t - (2.515517 + t * (0.802853 + t * 0.010328))
                / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308))));
        for (int i = 0; i < 4; i++) {
            double u = (cdf(x) - p) * StrictMath.exp(-logPdf(x));
            if (!Double.isFinite(u)) break; // p below ~1e-300: the start is as good as it gets
            x -= u / (1 + x * u / 2);
        }
        return x;
    }

    /** A draw from the standard normal truncated to [a, b] (a < b, either may be infinite), by inversion. */
    static double truncated(double a, double b, SplittableRandom rng) {
        if (a > 0) return -truncated(-b, -a, rng); // invert on the side where Φ keeps its digits
        double lo = cdf(a);
        double x = inverseCdf(lo + rng.nextDouble() * (cdf(b) - lo));
        return Math.max(a, Math.min(b, x));
    }
}
