package org.cifarsweep.results;

/**
 * The mean and sample standard deviation of a stream of numbers, by Welford's update: one pass, three numbers held,
 * no cancellation of large sums. What {@code repeats = N} reports for each configuration's accuracies. NaN values
 * (a diverged or failed repeat has no test accuracy) are not counted. Not thread-safe.
 */
public final class MeanSd {
    private long n;
    private double mean;
    private double m2;

    /** Counts {@code x}, unless it is NaN. */
    public void add(double x) {
        if (Double.isNaN(x)) return;
        n++;
        double delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
    }

    /** How many numbers were counted. */
    public long count() {
        return n;
    }

    /** Their mean; NaN for none. */
    public double mean() {
        return n == 0 ? Double.NaN : mean;
    }

    /** Their sample standard deviation, √(Σ(x − mean)² / (n − 1)); NaN for fewer than two. */
    public double sd() {
        return n < 2 ? Double.NaN : Math.sqrt(Math.max(0, m2) / (n - 1));
    }

    /** {@code 0.3120 ± 0.0051}, or {@code 0.3120} alone when there is no sd, or {@code NaN}: as the table prints it. */
    public static String format(double mean, double sd) {
        if (Double.isNaN(mean)) return "NaN";
        return Double.isNaN(sd) ? String.format("%.4f", mean) : String.format("%.4f ± %.4f", mean, sd);
    }
}
