package org.cifarsweep.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tree-structured Parzen estimator (TPE) of Bergstra, Bardenet, Bengio and Kégl, "Algorithms for
 * Hyper-Parameter Optimization" (NeurIPS 2011): proposes where good trials were. Pure and seeded: no Spark, no I/O,
 * and the same finished trials in the same order, the same space and the same rng seed give the same proposals,
 * bit for bit (StrictMath throughout).
 *
 * <p>With fewer than {@link Settings#startupTrials} finished trials a proposal is a draw from the prior, exactly as
 * random search draws ({@link Dimension.Range}, {@link Dimension.Choice}). After that the finished trials are split
 * into the good, the best γ(n) = min(⌈gammaFraction·n⌉, gammaCap) of n by loss, and the bad, the rest; a failed
 * trial (NaN or infinite loss) is never good. Each parameter, independently as in the paper, gets two univariate
 * densities, l(x) over the good values and g(x) over the bad ones, each with a prior component of weight
 * {@link Settings#priorWeight}:
 * <ul>
 *   <li>numeric: a mixture of normals truncated to [low, high] (in log space for a log parameter; an integer's range
 *       widened by ½ either side), one per value and the prior's at the middle with σ = high − low. Each σ is the
 *       larger gap to its sorted neighbours, clipped to [(high − low) / min(100, 1 + components), high − low]
 *       (the "magic clip" of hyperopt and Optuna). An integer is scored by the mass of its bin, not a density.</li>
 *   <li>categorical: the values' weighted counts plus priorWeight / options per option.</li>
 * </ul>
 * Each value's weight is 1, except that beyond 25 values in a group the older ones weigh less, on a ramp from 1/n
 * (hyperopt's linear forgetting, Optuna's default). {@link Settings#candidates} draws from l(x) are snapped as random
 * search writes its samples ({@link Dimension.Range#snap}), and the one with the largest l(x)/g(x) is proposed.
 *
 * <p><b>Proposals depend on the order of the finished trials</b>, not only on the set: ties in loss keep that order
 * when the good ones are picked, the forgetting ramp weighs the later ones more, and the rng is used in that order.
 * A caller that wants the same proposals again (e.g. on resume) must pass the trials in the same order, e.g. the
 * order in which they finished, as recorded.
 */
final class TreeParzenEstimator {
    /** Beyond this many values in a group, the older ones weigh less. */
    private static final int FORGETTING = 25;
    /** The magic clip's bound on the number of components that narrow the smallest σ. */
    private static final double MAX_CLIP_COMPONENTS = 100;

    /** One searched parameter, named as the values in a {@link Trial}'s map are. */
    sealed interface Param permits Numeric, Categorical {
        String name();
    }

    /** A real or integer parameter on [low, high], uniform or log-uniform a priori. */
    record Numeric(String name, double low, double high, boolean log, boolean integer) implements Param {
        Numeric {
            requireName(name);
            if (!(Double.isFinite(low) && Double.isFinite(high))) {
                throw new IllegalArgumentException(name + ": low and high must be finite, got " + low + ", " + high);
            }
            if (!(low < high)) {
                throw new IllegalArgumentException(name + ": needs low < high, got low = " + low + ", high = " + high
                        + " (a single value is fixed, not searched)");
            }
            if (log && !(low > 0)) throw new IllegalArgumentException(name + ": a log parameter needs low > 0, got " + low);
            if (integer && !(low == Math.rint(low) && high == Math.rint(high)
                    && low >= Integer.MIN_VALUE && high <= Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(name + ": an integer parameter needs int bounds, got " + low + ", " + high);
            }
        }

        /** The prior: random search's own distribution. */
        Dimension.Range prior() {
            return new Dimension.Range(low, high, log, integer);
        }
    }

    /** A parameter that takes one of its options, each equally likely a priori. */
    record Categorical(String name, List<Object> options) implements Param {
        Categorical {
            requireName(name);
            options = List.copyOf(options);
            if (options.isEmpty()) throw new IllegalArgumentException(name + ": needs at least one option");
            if (new HashSet<>(options).size() != options.size()) {
                throw new IllegalArgumentException(name + ": options must differ, got " + options);
            }
        }
    }

    /**
     * A finished trial: its values by {@link Param#name} (other keys are ignored) and its loss, lower better (the
     * caller passes 1 − validation accuracy). A NaN or infinite loss (failed, diverged) is worse than any finite one.
     */
    record Trial(Map<String, Object> params, double loss) {
        Trial {
            params = Map.copyOf(params);
        }
    }

    /**
     * @param startupTrials below this many finished trials, proposals are draws from the prior
     * @param candidates    the draws from l(x) per parameter among which l(x)/g(x) picks
     * @param gammaFraction with gammaCap, γ(n) = min(⌈gammaFraction·n⌉, gammaCap) good trials of n
     * @param priorWeight   the weight of each density's prior component (each trial weighs at most 1)
     */
    record Settings(int startupTrials, int candidates, double gammaFraction, int gammaCap, double priorWeight) {
        /** Optuna's defaults: 10 startup trials, 24 candidates, γ(n) = min(⌈0.1·n⌉, 25), prior weight 1. */
        static final Settings DEFAULT = new Settings(10, 24, 0.1, 25, 1.0);

        Settings {
            if (startupTrials < 0) throw new IllegalArgumentException("startupTrials must be >= 0, got " + startupTrials);
            if (candidates < 1) throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
            if (!(gammaFraction > 0 && gammaFraction <= 1)) {
                throw new IllegalArgumentException("gammaFraction must be in (0, 1], got " + gammaFraction);
            }
            if (gammaCap < 1) throw new IllegalArgumentException("gammaCap must be >= 1, got " + gammaCap);
            if (!(priorWeight > 0 && Double.isFinite(priorWeight))) {
                throw new IllegalArgumentException("priorWeight must be positive, got " + priorWeight);
            }
        }

        /** γ(n): how many of n finished trials count as good (fewer if fewer succeeded). */
        int good(int n) {
            return (int) Math.min(Math.ceil(gammaFraction * n), gammaCap);
        }
    }

    private final List<Param> space;
    private final Settings settings;

    TreeParzenEstimator(List<Param> space, Settings settings) {
        this.space = List.copyOf(space);
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        if (this.space.isEmpty()) throw new IllegalArgumentException("nothing to search: the space has no parameter");
        HashSet<String> names = new HashSet<>();
        for (Param p : this.space) {
            if (!names.add(p.name())) throw new IllegalArgumentException("parameter " + p.name() + " given twice");
        }
    }

    /**
     * The searched parameters of a {@code random {}} block, in {@link SearchParam} order and named by their conf key:
     * each {@code uniform}/{@code loguniform} a {@link Numeric}, each {@code choice} a {@link Categorical}. A fixed
     * value or a list (a grid within the block) is not searched; it stays as the block has it, and {@link #point}
     * puts it back beside each proposal. The entry point for {@code search = tpe}.
     */
    static List<Param> fromDimensions(Map<SearchParam, Dimension> dims) {
        List<Param> params = new ArrayList<>();
        for (SearchParam p : SearchParam.values()) {
            Dimension d = dims.get(p);
            if (d instanceof Dimension.Range r) params.add(new Numeric(p.key, r.a, r.b, r.log, r.integer));
            else if (d instanceof Dimension.Choice c) params.add(new Categorical(p.key, c.options));
        }
        return params;
    }

    /**
     * A proposal as a point of the search: the fixed values (the block's single values and its grid point), then the
     * proposal's, keyed by the {@link SearchParam} of each name. Refuses a name that is no conf key.
     */
    static Map<SearchParam, Object> point(Map<SearchParam, Object> fixed, Map<String, Object> proposal) {
        Map<SearchParam, Object> point = new EnumMap<>(SearchParam.class);
        point.putAll(fixed);
        int matched = 0;
        for (SearchParam p : SearchParam.values()) {
            Object v = proposal.get(p.key);
            if (v == null) continue;
            point.put(p, v);
            matched++;
        }
        if (matched != proposal.size()) {
            throw new IllegalArgumentException("not every name is a parameter: " + proposal.keySet());
        }
        return point;
    }

    /** A point's values by conf key: the params of a {@link Trial} for a trial that ran at that point. */
    static Map<String, Object> byKey(Map<SearchParam, Object> point) {
        Map<String, Object> params = new LinkedHashMap<>();
        point.forEach((p, v) -> params.put(p.key, v));
        return params;
    }

    /**
     * One proposal, a value for each parameter of the space (Double for a real, Integer for an integer, an option for
     * a categorical), given the finished trials in a fixed order (see the class comment).
     */
    Map<String, Object> propose(List<Trial> finished, SplittableRandom rng) {
        return propose(finished, List.of(), rng);
    }

    /**
     * n proposals for n idle slots, given the same finished trials. Each is drawn with its own substream
     * ({@code rng.split()}, in order) and with the "constant liar": the proposals already made in this batch count as
     * bad trials (as if they had failed), so g(x) grows around them and the next proposal looks elsewhere. Independent
     * substreams alone would spread the batch only by chance, around the same peak of l(x)/g(x); the liar spreads it
     * on purpose, as Optuna's {@code constant_liar} does for running trials. The liars count only in g(x), neither in
     * n nor towards the startup trials, so a batch proposed during startup is just n draws from the prior.
     */
    List<Map<String, Object>> proposeBatch(List<Trial> finished, int n, SplittableRandom rng) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        List<Map<String, Object>> proposals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) proposals.add(propose(finished, proposals, rng.split()));
        return proposals;
    }

    /** One proposal with {@code liars} (proposals still running) counted as bad trials: see {@link #proposeBatch}. */
    Map<String, Object> propose(List<Trial> finished, List<Map<String, Object>> liars, SplittableRandom rng) {
        Map<String, Object> proposal = new LinkedHashMap<>();
        if (finished.size() < settings.startupTrials) {
            for (Param p : space) {
                Dimension prior = p instanceof Numeric x ? x.prior() : new Dimension.Choice(((Categorical) p).options());
                proposal.put(p.name(), prior.sample(rng));
            }
            return proposal;
        }
        // The good: the best γ(n) of the trials that did not fail, ties in their given order (a stable sort).
        int n = finished.size();
        Integer[] byLoss = new Integer[n];
        Arrays.setAll(byLoss, i -> i);
        Arrays.sort(byLoss, Comparator.comparingDouble(i -> sortKey(finished.get(i).loss())));
        long succeeded = finished.stream().filter(t -> Double.isFinite(t.loss())).count();
        int good = (int) Math.min(settings.good(n), succeeded);
        boolean[] isGood = new boolean[n];
        for (int r = 0; r < good; r++) isGood[byLoss[r]] = true;
        List<Map<String, Object>> below = new ArrayList<>(good);
        List<Map<String, Object>> above = new ArrayList<>(n - good + liars.size());
        for (int i = 0; i < n; i++) (isGood[i] ? below : above).add(finished.get(i).params());
        above.addAll(liars);
        for (Param p : space) {
            proposal.put(p.name(), p instanceof Numeric x ? proposeNumeric(x, below, above, rng)
                    : proposeCategorical((Categorical) p, below, above, rng));
        }
        return proposal;
    }

    private static double sortKey(double loss) {
        return Double.isFinite(loss) ? loss : Double.POSITIVE_INFINITY;
    }

    private Object proposeNumeric(Numeric p, List<Map<String, Object>> below, List<Map<String, Object>> above,
                                  SplittableRandom rng) {
        NumericAxis axis = new NumericAxis(p);
        Mixture l = axis.mixture(below, settings.priorWeight);
        Mixture g = axis.mixture(above, settings.priorWeight);
        Dimension.Range prior = p.prior();
        Object best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < settings.candidates; c++) {
            Object v = prior.snap(axis.fromSpace(l.sample(rng)));
            double score = axis.logLikelihood(l, v) - axis.logLikelihood(g, v);
            if (best == null || score > bestScore) {
                best = v;
                bestScore = score;
            }
        }
        return best;
    }

    private Object proposeCategorical(Categorical p, List<Map<String, Object>> below, List<Map<String, Object>> above,
                                      SplittableRandom rng) {
        double[] l = histogram(p, below, settings.priorWeight);
        double[] g = histogram(p, above, settings.priorWeight);
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < settings.candidates; c++) {
            int k = pick(l, rng);
            double score = StrictMath.log(l[k]) - StrictMath.log(g[k]);
            if (best < 0 || score > bestScore) {
                best = k;
                bestScore = score;
            }
        }
        return p.options().get(best);
    }

    /** The options' weighted counts, plus priorWeight spread evenly; not normalised. */
    private static double[] histogram(Categorical p, List<Map<String, Object>> group, double priorWeight) {
        double[] counts = new double[p.options().size()];
        Arrays.fill(counts, priorWeight / counts.length);
        double[] w = weights(group.size());
        for (int i = 0; i < group.size(); i++) {
            Object v = value(p, group.get(i));
            int k = p.options().indexOf(v);
            if (k < 0) throw new IllegalArgumentException(p.name() + ": a trial's value " + v + " is not one of " + p.options());
            counts[k] += w[i];
        }
        return counts;
    }

    /** An index drawn with probability proportional to its weight. */
    private static int pick(double[] weights, SplittableRandom rng) {
        double total = 0;
        for (double w : weights) total += w;
        double u = rng.nextDouble() * total;
        for (int k = 0; k < weights.length - 1; k++) {
            u -= weights[k];
            if (u < 0) return k;
        }
        return weights.length - 1;
    }

    /**
     * The weights of a group's n values, in their order: all 1 up to 25; beyond, the first n − 25 on a ramp from 1/n
     * to 1 and the last 25 at 1.
     */
    static double[] weights(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        int ramp = n - FORGETTING;
        if (ramp <= 0) return w;
        for (int i = 0; i < ramp; i++) w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + i * (1 - 1.0 / n) / (ramp - 1);
        return w;
    }

    private static Object value(Param p, Map<String, Object> params) {
        Object v = params.get(p.name());
        if (v == null) throw new IllegalArgumentException("a trial has no value for " + p.name() + ": " + params);
        return v;
    }

    /** Where a numeric parameter's densities live: [lo, hi], in log space for a log parameter. */
    private static final class NumericAxis {
        private final Numeric p;
        private final double lo;
        private final double hi;

        NumericAxis(Numeric p) {
            this.p = p;
            double half = p.integer() ? 0.5 : 0; // an integer's bin reaches ½ beyond the bounds
            this.lo = toSpace(p.low() - half);
            this.hi = toSpace(p.high() + half);
        }

        double toSpace(double v) {
            return p.log() ? StrictMath.log(v) : v;
        }

        double fromSpace(double t) {
            return p.log() ? StrictMath.exp(t) : t;
        }

        Mixture mixture(List<Map<String, Object>> group, double priorWeight) {
            double[] at = new double[group.size()];
            for (int i = 0; i < at.length; i++) {
                Object v = value(p, group.get(i));
                double x = v instanceof Number num ? num.doubleValue() : Double.NaN;
                if (!(x >= p.low() && x <= p.high())) {
                    throw new IllegalArgumentException(p.name() + ": a trial's value " + v + " is not in ["
                            + p.low() + ", " + p.high() + "]");
                }
                at[i] = toSpace(x);
            }
            return new Mixture(lo, hi, at, weights(at.length), priorWeight);
        }

        /** log l(v) for a real, log of the mass of v's bin for an integer. */
        double logLikelihood(Mixture m, Object v) {
            double x = ((Number) v).doubleValue();
            if (!p.integer()) return m.logDensity(toSpace(x));
            return m.logMass(Math.max(lo, toSpace(x - 0.5)), Math.min(hi, toSpace(x + 0.5)));
        }
    }

    /** A weighted mixture of normals truncated to [lo, hi]: one per value, and the prior's. */
    static final class Mixture {
        private final double lo;
        private final double hi;
        private final double[] mu;
        private final double[] sigma;
        private final double[] weight;
        /** weight / (total weight · the mass of [lo, hi] under the component): the truncated component's factor. */
        private final double[] factor;

        Mixture(double lo, double hi, double[] at, double[] w, double priorWeight) {
            int m = at.length + 1;
            this.lo = lo;
            this.hi = hi;
            mu = Arrays.copyOf(at, m);
            mu[m - 1] = (lo + hi) / 2;
            weight = Arrays.copyOf(w, m);
            weight[m - 1] = priorWeight;
            double range = hi - lo;
            double minSigma = range / Math.min(MAX_CLIP_COMPONENTS, 1 + m);
            Integer[] byMu = new Integer[m];
            Arrays.setAll(byMu, i -> i);
            Arrays.sort(byMu, Comparator.comparingDouble(i -> mu[i]));
            sigma = new double[m];
            for (int r = 0; r < m; r++) {
                int k = byMu[r];
                double left = r > 0 ? mu[k] - mu[byMu[r - 1]] : 0;
                double right = r < m - 1 ? mu[byMu[r + 1]] - mu[k] : 0;
                sigma[k] = Math.max(minSigma, Math.min(range, Math.max(left, right)));
            }
            sigma[m - 1] = range;
            double total = 0;
            for (double x : weight) total += x;
            factor = new double[m];
            for (int k = 0; k < m; k++) {
                factor[k] = weight[k] / total / Normal.mass((lo - mu[k]) / sigma[k], (hi - mu[k]) / sigma[k]);
            }
        }

        double sample(SplittableRandom rng) {
            int k = pick(weight, rng);
            double t = mu[k] + sigma[k] * Normal.truncated((lo - mu[k]) / sigma[k], (hi - mu[k]) / sigma[k], rng);
            return Math.max(lo, Math.min(hi, t));
        }

        /** The log of the mixture's density at t (log-sum-exp over the components). */
        double logDensity(double t) {
            double[] terms = new double[mu.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < mu.length; k++) {
                terms[k] = StrictMath.log(factor[k] / sigma[k]) + Normal.logPdf((t - mu[k]) / sigma[k]);
                max = Math.max(max, terms[k]);
            }
            double sum = 0;
            for (double x : terms) sum += StrictMath.exp(x - max);
            return max + StrictMath.log(sum);
        }

        /** The log of the mixture's mass on [a, b] ⊆ [lo, hi]. */
        double logMass(double a, double b) {
            double sum = 0;
            for (int k = 0; k < mu.length; k++) sum += factor[k] * Normal.mass((a - mu[k]) / sigma[k], (b - mu[k]) / sigma[k]);
            return StrictMath.log(sum);
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a parameter needs a name");
    }
}
