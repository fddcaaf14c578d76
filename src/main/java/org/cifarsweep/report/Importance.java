package org.cifarsweep.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hyperparameter importance: the share of the variance of validation accuracy that each parameter explains on its
 * own, as functional ANOVA defines it (Hutter, Hoos and Leyton-Brown, ICML 2014). For a function f over a product of
 * parameter levels, weighted by a product of per-parameter weights, the main effect of parameter j is the variance,
 * over j's levels, of f's mean over all the other parameters; its share is that variance over the variance of f. The
 * shares of all parameters add up to at most 1; the rest is what only combinations of parameters explain
 * (interactions), plus, on a grid with repeated trials, the spread between repeats.
 *
 * <ul>
 *   <li>{@link #exact}: a full grid. f is each cell's mean val_acc, every cell weighing the same; the shares are
 *       exact.</li>
 *   <li>{@link #forest}: anything else (random search, halving, a grid with holes). f is a random-forest regression
 *       fitted to the trials ({@link ForestSurrogate}), evaluated over the product of the parameters' observed
 *       levels, each level weighted by how often the trials have it: exactly when that product has at most
 *       {@link #MAX_ENUMERATED} cells, else by Monte Carlo. A parameter of many values is cut into at most
 *       {@link #BINS} bins of equal counts first, the forest's levels.</li>
 * </ul>
 * A response without variance (all trials equal) has no shares: every parameter gets 0.
 */
final class Importance {
    /** Levels of a many-valued parameter for the forest: quantile bins. */
    static final int BINS = 16;
    /** The forest is fitted to at most this many trials (a seeded sample of them). */
    static final int MAX_FIT = 4000;
    static final int TREES = ForestSurrogate.TREES;
    /** The forest's product of levels is enumerated up to this many cells, and sampled beyond. */
    static final int MAX_ENUMERATED = 4096;
    /** Monte Carlo: background points per parameter level. */
    static final int BACKGROUND = 128;
    private static final long SEED = 1;

    enum Method { EXACT_GRID, FOREST }

    /**
     * The shares, one per parameter in the order given, each in [0, 1], with {@code variance} the variance they are
     * shares of (0: nothing to explain).
     */
    record Result(Method method, double[] shares, double variance, int trials, int fitted) {
        double explained() {
            return Arrays.stream(shares).sum();
        }
    }

    private Importance() { }

    /**
     * Exact functional ANOVA of a full grid: {@code x[i][j]} is trial i's level of parameter j (0 ≤ level <
     * {@code levels[j]}), {@code y[i]} its response. Every combination of levels must occur; repeated trials of a cell
     * are averaged.
     */
    static Result exact(int[] levels, int[][] x, double[] y) {
        int p = levels.length;
        int cells = cells(levels);
        double[] sum = new double[cells];
        int[] count = new int[cells];
        for (int i = 0; i < y.length; i++) {
            int cell = cell(levels, x[i]);
            sum[cell] += y[i];
            count[cell]++;
        }
        double[] f = new double[cells];
        for (int c = 0; c < cells; c++) {
            if (count[c] == 0) throw new IllegalArgumentException("not a full grid: cell " + c + " has no trial");
            f[c] = sum[c] / count[c];
        }
        double[][] weights = new double[p][];
        for (int j = 0; j < p; j++) {
            weights[j] = new double[levels[j]];
            Arrays.fill(weights[j], 1.0 / levels[j]);
        }
        double[] shares = anova(levels, weights, f);
        return new Result(Method.EXACT_GRID, shares, variance(levels, weights, f), y.length, y.length);
    }

    /**
     * Functional ANOVA of a random forest fitted to the trials: {@code x[i][j]} is trial i's value of parameter j (a
     * number; a word as its index), {@code y[i]} its response.
     */
    static Result forest(double[][] x, double[] y) {
        int n = y.length;
        int p = n == 0 ? 0 : x[0].length;
        if (n == 0 || p == 0) throw new IllegalArgumentException("no trials or no parameters");
        double mean = Arrays.stream(y).average().orElse(0);
        if (Arrays.stream(y).allMatch(v -> v == mean)) return new Result(Method.FOREST, new double[p], 0, n, 0);

        // Each parameter's levels: its distinct values, or bins of equal counts when it has more than BINS.
        int[] levels = new int[p];
        int[][] level = new int[n][p];
        double[][] weights = new double[p][];
        for (int j = 0; j < p; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) column[i] = x[i][j];
            int[] of = levelsOf(column);
            int k = Arrays.stream(of).max().orElse(0) + 1;
            levels[j] = k;
            weights[j] = new double[k];
            for (int i = 0; i < n; i++) {
                level[i][j] = of[i];
                weights[j][of[i]] += 1.0 / n;
            }
        }

        ForestSurrogate model = ForestSurrogate.fit(level, y, MAX_FIT, SEED);
        Random random = new Random(SEED);
        if (cells(levels) <= MAX_ENUMERATED) {
            int cells = cells(levels);
            List<int[]> points = new ArrayList<>(cells);
            for (int c = 0; c < cells; c++) points.add(decode(levels, c));
            double[] f = model.predict(points);
            return new Result(Method.FOREST, anova(levels, weights, f), variance(levels, weights, f), n,
                    Math.min(n, MAX_FIT));
        }
        return monteCarlo(model, levels, weights, level, random, n);
    }

    /**
     * The main effects by sampling: for each parameter j and level l, the forest's mean over {@link #BACKGROUND}
     * points whose other coordinates are drawn independently from their observed levels. The points of one
     * parameter, pooled over its levels (weighted by them), are a sample of the whole product, so the variance is
     * estimated from them all.
     */
    private static Result monteCarlo(ForestSurrogate model, int[] levels, double[][] weights, int[][] level,
                                     Random random, int n) {
        int p = levels.length;
        int[][] background = new int[BACKGROUND][p];
        for (int m = 0; m < BACKGROUND; m++) {
            for (int j = 0; j < p; j++) background[m][j] = level[random.nextInt(n)][j];
        }
        List<int[]> points = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            for (int l = 0; l < levels[j]; l++) {
                for (int m = 0; m < BACKGROUND; m++) {
                    int[] z = background[m].clone();
                    z[j] = l;
                    points.add(z);
                }
            }
        }
        double[] f = model.predict(points);
        double[][] main = new double[p][];
        double total = 0;
        double totalSquares = 0;
        int at = 0;
        for (int j = 0; j < p; j++) {
            main[j] = new double[levels[j]];
            for (int l = 0; l < levels[j]; l++) {
                double s = 0;
                for (int m = 0; m < BACKGROUND; m++) {
                    double v = f[at++];
                    s += v;
                    total += weights[j][l] * v / (p * (double) BACKGROUND);
                    totalSquares += weights[j][l] * v * v / (p * (double) BACKGROUND);
                }
                main[j][l] = s / BACKGROUND;
            }
        }
        double variance = Math.max(0, totalSquares - total * total);
        double[] shares = new double[p];
        for (int j = 0; j < p; j++) {
            double vj = 0;
            for (int l = 0; l < levels[j]; l++) vj += weights[j][l] * sq(main[j][l] - total);
            shares[j] = variance > 0 ? Math.min(1, vj / variance) : 0;
        }
        return new Result(Method.FOREST, shares, variance, n, Math.min(n, MAX_FIT));
    }

    /** Each value's level: the index of its distinct value, or of its bin of equal counts when there are many. */
    static int[] levelsOf(double[] column) {
        double[] distinct = Arrays.stream(column).distinct().sorted().toArray();
        int[] of = new int[column.length];
        if (distinct.length <= BINS) {
            for (int i = 0; i < column.length; i++) of[i] = Arrays.binarySearch(distinct, column[i]);
            return of;
        }
        // Bin edges at the quantiles; equal values share a bin, so a bin may hold more than its share.
        double[] sorted = column.clone();
        Arrays.sort(sorted);
        double[] upper = new double[BINS];
        for (int b = 0; b < BINS; b++) upper[b] = sorted[(int) Math.min(sorted.length - 1, (long) (b + 1) * sorted.length / BINS - 1)];
        double[] edges = Arrays.stream(upper).distinct().toArray();
        for (int i = 0; i < column.length; i++) {
            int b = Arrays.binarySearch(edges, column[i]);
            of[i] = b >= 0 ? b : Math.min(edges.length - 1, -b - 1);
        }
        return of;
    }

    /** The main-effect shares of f over the product of levels, each cell weighted by the product of its levels' weights. */
    static double[] anova(int[] levels, double[][] weights, double[] f) {
        int p = levels.length;
        double mean = 0;
        double[][] main = new double[p][];
        for (int j = 0; j < p; j++) main[j] = new double[levels[j]];
        for (int c = 0; c < f.length; c++) {
            int[] z = decode(levels, c);
            double w = weight(weights, z);
            mean += w * f[c];
            for (int j = 0; j < p; j++) main[j][z[j]] += w / weights[j][z[j]] * f[c];
        }
        double variance = variance(levels, weights, f);
        double[] shares = new double[p];
        if (!(variance > 1e-300)) return shares;
        for (int j = 0; j < p; j++) {
            double vj = 0;
            for (int l = 0; l < levels[j]; l++) if (weights[j][l] > 0) vj += weights[j][l] * sq(main[j][l] - mean);
            shares[j] = Math.min(1, vj / variance);
        }
        return shares;
    }

    private static double variance(int[] levels, double[][] weights, double[] f) {
        double mean = 0;
        for (int c = 0; c < f.length; c++) mean += weight(weights, decode(levels, c)) * f[c];
        double v = 0;
        for (int c = 0; c < f.length; c++) v += weight(weights, decode(levels, c)) * sq(f[c] - mean);
        // Below the rounding of the mean, it is no variance at all (a constant response).
        return v <= 1e-24 * Math.max(1, mean * mean) ? 0 : v;
    }

    private static double weight(double[][] weights, int[] z) {
        double w = 1;
        for (int j = 0; j < z.length; j++) w *= weights[j][z[j]];
        return w;
    }

    private static int cells(int[] levels) {
        long cells = 1;
        for (int k : levels) {
            cells *= k;
            if (cells > Integer.MAX_VALUE / 2) return Integer.MAX_VALUE / 2;
        }
        return (int) cells;
    }

    private static int cell(int[] levels, int[] z) {
        int c = 0;
        for (int j = 0; j < levels.length; j++) c = c * levels[j] + z[j];
        return c;
    }

    private static int[] decode(int[] levels, int c) {
        int[] z = new int[levels.length];
        for (int j = levels.length - 1; j >= 0; j--) {
            z[j] = c % levels[j];
            c /= levels[j];
        }
        return z;
    }

    private static double sq(double v) {
        return v * v;
    }
}
