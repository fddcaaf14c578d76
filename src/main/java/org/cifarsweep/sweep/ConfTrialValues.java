package org.cifarsweep.sweep;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;

/**
 * The per-trial values of a conf, before the sweep-wide ones (seed, precision) are added. The readers apply
 * {@link TrainConfig}'s rules one value at a time, so that a message names the conf key that broke them.
 *
 * @param nEpochs 0 when successive halving sets it
 * @param seed    an explicit seed, or null to derive it with {@link SeedDerivation}
 * @param shuffle null for the sweep's top-level shuffle
 */
record ConfTrialValues(double eta, double lambda, int nBatch, int nEpochs, Long seed, Boolean shuffle,
                   TrainOptions options) {

    /** The four parameters every trial needs, in the grid's expansion order (outermost first). */
    static final List<String> NAMES = List.of("eta", "lambda", "n_batch", "n_epochs");

    static double eta(ConfReader r, ConfigValue v, String key) {
        double eta = r.real(v, key);
        if (!(eta > 0)) {
            throw r.error(key, ConfReader.show(v) + " must be > 0");
        }
        return eta;
    }

    static double lambda(ConfReader r, ConfigValue v, String key) {
        double lambda = r.real(v, key);
        if (!(lambda >= 0)) {
            throw r.error(key, ConfReader.show(v) + " must be >= 0");
        }
        return lambda + 0.0; // -0.0 becomes 0.0: one name and one seed per value
    }

    static int count(ConfReader r, ConfigValue v, String key) {
        return (int) r.integer(v, key, 1, Integer.MAX_VALUE);
    }

    static long seed(ConfReader r, ConfigValue v, String key) {
        return r.integer(v, key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** A point of a search: every required parameter set, the others defaulted. */
    static ConfTrialValues of(Map<SearchParam, Object> point, Long seed) {
        Object epochs = point.get(SearchParam.N_EPOCHS);
        TrainOptions options = new TrainOptions(
                LossKind.parse((String) value(point, SearchParam.LOSS)),
                (Double) value(point, SearchParam.FLIP),
                new Decay(Decay.Kind.parse((String) value(point, SearchParam.DECAY)),
                        (Double) value(point, SearchParam.DECAY_RATE), (Integer) value(point, SearchParam.DECAY_EVERY)));
        return new ConfTrialValues((Double) point.get(SearchParam.ETA), (Double) point.get(SearchParam.LAMBDA),
                (Integer) point.get(SearchParam.N_BATCH), epochs == null ? 0 : (Integer) epochs, seed,
                (Boolean) point.get(SearchParam.SHUFFLE), options);
    }

    private static Object value(Map<SearchParam, Object> point, SearchParam p) {
        return point.getOrDefault(p, p.defaultValue);
    }

    /** One element of {@code trials}: an object with the four parameters, optional options and an optional seed. */
    static ConfTrialValues readTrial(ConfReader r, ConfigValue v, String key, boolean epochsFree) {
        ConfigObject o = r.object(v, key);
        List<String> known = new ArrayList<>(SearchParam.keys());
        known.add("seed");
        r.checkKeys(o, key, known);
        String needs = "each trial needs " + String.join(", ", NAMES);
        Map<SearchParam, Object> point = new EnumMap<>(SearchParam.class);
        for (SearchParam p : SearchParam.values()) {
            ConfigValue value = o.get(p.key);
            boolean required = SearchParam.REQUIRED.contains(p) && !(p == SearchParam.N_EPOCHS && epochsFree);
            if (value == null && required) r.required(o, key, p.key, needs);
            if (value != null) point.put(p, p.read(r, value, key + "." + p.key));
        }
        String decay = (String) value(point, SearchParam.DECAY);
        if (!decay.equals("none") && !point.containsKey(SearchParam.DECAY_RATE)) {
            throw r.error(key, "missing key 'decay_rate' (needed when decay is step or exp)");
        }
        ConfigValue seed = o.get("seed");
        return of(point, seed == null ? null : seed(r, seed, key + ".seed"));
    }

    /**
     * The trial, with its seed derived from the sweep seed and these values unless one was given.
     *
     * @param epochs the epochs to use when this point leaves them to halving (0 = none given)
     */
    TrialSpec toTrial(long sweepSeed, boolean defaultShuffle, Precision precision, int epochs) {
        int n = nEpochs == 0 ? epochs : nEpochs;
        boolean shuf = shuffle == null ? defaultShuffle : shuffle;
        long s = seed != null ? seed : SeedDerivation.trialSeed(sweepSeed, eta, lambda, nBatch, n, shuf, options);
        return TrialSpec.of(new TrainConfig(eta, lambda, nBatch, n, s, shuf, precision, options), seed != null);
    }
}
