package org.cifarsweep.sweep;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A {@code grid {}} or {@code random {}} block: each parameter a value, a list or (random only) a distribution.
 * The lists expand to their Cartesian product in {@link SearchParam} order (eta outermost); a random block draws
 * {@code samples} points from its distributions at each grid point. Sample i of parameter p is drawn from its own
 * stream, seeded by the sweep seed, i and p alone: the same at every grid point, and independent of the other
 * parameters, of the order of the keys, and of scheduling.
 */
final class SearchSpace {
    static final String SAMPLES = "samples";

    private SearchSpace() { }

    /**
     * @param random     a random block: distributions allowed, {@code samples} required
     * @param epochsFree n_epochs may be left out (successive halving sets the epochs)
     * @param before     the trials of the conf's blocks expanded before this one, for {@link SweepSpec#MAX_TRIALS}
     */
    static List<ConfTrialValues> expand(ConfReader r, ConfigObject block, String path, boolean random, long sweepSeed,
                                    boolean epochsFree, int before) {
        Map<SearchParam, Dimension> dims = dimensions(r, block, path, random, epochsFree);
        int samples = random ? samples(r, block, path) : 1;
        checkSize(r, dims, path, random, samples, before);

        List<ConfTrialValues> points = new ArrayList<>();
        for (Map<SearchParam, Object> gridPoint : product(dims)) {
            for (int i = 0; i < samples; i++) {
                // Not EnumMap's copy constructor: it refuses an empty map (a random block with no fixed value).
                Map<SearchParam, Object> point = new EnumMap<>(SearchParam.class);
                point.putAll(gridPoint);
                for (Map.Entry<SearchParam, Dimension> d : dims.entrySet()) {
                    if (d.getValue().values() != null) continue;
                    long seed = SeedDerivation.derived(sweepSeed, "sample|" + i + "|" + d.getKey().key);
                    point.put(d.getKey(), d.getValue().sample(new SplittableRandom(seed)));
                }
                points.add(ConfTrialValues.of(point, null));
            }
        }
        return points;
    }

    /** A random block's {@code samples = N}. */
    static int samples(ConfReader r, ConfigObject block, String path) {
        return ConfTrialValues.count(r, r.required(block, path, SAMPLES, "a random block needs samples = N"),
                ConfReader.child(path, SAMPLES));
    }

    /** Each parameter of a block, checked: a value, a list, or (random only) a distribution. */
    static Map<SearchParam, Dimension> dimensions(ConfReader r, ConfigObject block, String path, boolean random,
                                                 boolean epochsFree) {
        List<String> known = new ArrayList<>(SearchParam.keys());
        if (random) known.add(SAMPLES);
        r.checkKeys(block, path, known);
        Map<SearchParam, Dimension> dims = new EnumMap<>(SearchParam.class);
        for (SearchParam p : SearchParam.values()) {
            ConfigValue v = block.get(p.key);
            if (v == null) {
                boolean required = SearchParam.REQUIRED.contains(p) && !(p == SearchParam.N_EPOCHS && epochsFree);
                if (required) {
                    throw r.error(path, "missing key '" + p.key + "' (" + (random ? "a random block" : "a grid")
                            + " needs " + String.join(", ", ConfTrialValues.NAMES) + ")");
                }
                continue;
            }
            dims.put(p, Dimension.read(r, p, v, ConfReader.child(path, p.key), random));
        }
        checkDecay(r, dims, path);
        return dims;
    }

    /**
     * Refuses a block that would expand to more than {@link SweepSpec#MAX_TRIALS} trials (with those before it), before
     * anything is allocated: 10^8 samples once ran the driver out of memory after minutes instead of failing at once.
     */
    private static void checkSize(ConfReader r, Map<SearchParam, Dimension> dims, String path, boolean random,
                                  int samples, int before) {
        List<String> factors = new ArrayList<>();
        long trials = samples;
        boolean overflow = false;
        for (Map.Entry<SearchParam, Dimension> d : dims.entrySet()) {
            List<Object> values = d.getValue().values();
            if (values == null || values.size() == 1) continue;
            factors.add(values.size() + " " + d.getKey().key);
            try {
                trials = Math.multiplyExact(trials, values.size());
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        if (!overflow && before + trials <= SweepSpec.MAX_TRIALS) return;
        if (random) factors.add(samples + " samples");
        String total = overflow ? "more than " + Long.MAX_VALUE : String.format(java.util.Locale.ROOT, "%,d", trials);
        throw r.error(path, String.join(" × ", factors) + " give " + total + " trials"
                + (before > 0 ? ", after " + before + " before it" : "") + "; a sweep may have at most "
                + SweepSpec.MAX_TRIALS_SHOWN + " (grid points × samples, plus trials)");
    }

    /** A decay other than none needs its rate: a silent default would hide a typo. */
    private static void checkDecay(ConfReader r, Map<SearchParam, Dimension> dims, String path) {
        Dimension decay = dims.get(SearchParam.DECAY);
        if (decay == null || dims.containsKey(SearchParam.DECAY_RATE)) return;
        boolean onlyNone = decay.values() != null && decay.values().stream().allMatch("none"::equals);
        if (!onlyNone) throw r.error(path, "missing key 'decay_rate' (needed when decay is step or exp)");
    }

    /** The Cartesian product of the grid dimensions, the first parameter outermost. */
    private static List<Map<SearchParam, Object>> product(Map<SearchParam, Dimension> dims) {
        List<Map<SearchParam, Object>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Map.Entry<SearchParam, Dimension> d : dims.entrySet()) {
            List<Object> values = d.getValue().values();
            if (values == null) continue;
            List<Map<SearchParam, Object>> next = new ArrayList<>(points.size() * values.size());
            for (Map<SearchParam, Object> p : points) {
                for (Object v : values) {
                    Map<SearchParam, Object> q = new LinkedHashMap<>(p);
                    q.put(d.getKey(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }
}
