package org.cifarsweep.gradcheck;

import java.math.BigDecimal;
import org.apache.commons.numbers.core.DD;

/**
 * exp, log and dot products in double-double (about 32 significant digits), on top of Commons Numbers' DD.
 * A centred difference with h = 1e-6 divides the cost's rounding error by 2h: in float64 that error is about
 * 2e-10 on every numerical gradient entry, which swamps the relative error of small entries.
 */
final class DoubleDoubleMath {
    private static final DD LN2 = DD.from(new BigDecimal("0.69314718055994530941723212145817656807550013436026"));
    /** exp(r) for |r| ≤ ln2/2 is computed on r/2^SQUARINGS, then squared back. */
    private static final int SQUARINGS = 10;
    private static final int TAYLOR_TERMS = 14;

    private DoubleDoubleMath() { }

    static DD exp(DD x) {
        if (x.hi() < -700) return DD.ZERO;
        long k = Math.round(x.hi() / LN2.hi());
        DD r = x.subtract(LN2.multiply((double) k)).scalb(-SQUARINGS);
        // Horner form of Σ r^i / i!.
        DD sum = DD.ONE;
        for (int i = TAYLOR_TERMS; i >= 1; i--) sum = DD.ONE.add(sum.multiply(r).divide(i));
        for (int i = 0; i < SQUARINGS; i++) sum = sum.square();
        return sum.scalb((int) k);
    }

    /** log(u) for u > 0: Math.log, then one Newton step y + u·e^{−y} − 1, which doubles the digits. */
    static DD log(DD u) {
        DD y = DD.of(Math.log(u.hi()));
        return y.add(u.multiply(exp(y.negate()))).subtract(1.0);
    }

    /**
     * Σ a[aFrom + i·aStride] · b[bFrom + i] for i < n, as if computed in double-double: each product's rounding
     * error is recovered with an FMA and each addition's with TwoSum (Ogita, Rump and Oishi's Dot2).
     */
    static DD dot(double[] a, int aFrom, int aStride, double[] b, int bFrom, int n) {
        double sum = 0;
        double compensation = 0;
        for (int i = 0; i < n; i++) {
            double x = a[aFrom + i * aStride];
            double y = b[bFrom + i];
            double product = x * y;
            double productError = Math.fma(x, y, -product);
            double newSum = sum + product;
            double z = newSum - sum;
            double sumError = (sum - (newSum - z)) + (product - z);
            sum = newSum;
            compensation += sumError + productError;
        }
        return DD.ofSum(sum, compensation);
    }
}
