package org.cifarsweep.sweep;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.util.List;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;

/**
 * The per-trial values of a conf, before the sweep-wide ones (seed, shuffle, precision) are added. The readers
 * apply {@link TrainConfig}'s rules one value at a time, so that a message names the conf key that broke them.
 *
 * @param seed an explicit seed, or null to derive it with {@link SeedDerivation}
 */
record TrialParams(double eta, double lambda, int nBatch, int nEpochs, Long seed) {

    /** The four parameters, in the grid's expansion order (outermost first). */
    static final List<String> NAMES = List.of("eta", "lambda", "n_batch", "n_epochs");
    /** What a {@code trials} element may hold. */
    static final List<String> TRIAL_KEYS = List.of("eta", "lambda", "n_batch", "n_epochs", "seed");

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

    /** One element of {@code trials}: an object with the four parameters and an optional seed. */
    static TrialParams readTrial(ConfReader r, ConfigValue v, String key) {
        ConfigObject o = r.object(v, key);
        r.checkKeys(o, key, TRIAL_KEYS);
        String needs = "each trial needs " + String.join(", ", NAMES);
        ConfigValue seed = o.get("seed");
        return new TrialParams(
                eta(r, r.required(o, key, "eta", needs), key + ".eta"),
                lambda(r, r.required(o, key, "lambda", needs), key + ".lambda"),
                count(r, r.required(o, key, "n_batch", needs), key + ".n_batch"),
                count(r, r.required(o, key, "n_epochs", needs), key + ".n_epochs"),
                seed == null ? null : seed(r, seed, key + ".seed"));
    }

    /** The trial, with its seed derived from the sweep seed and these values unless one was given. */
    TrialSpec toTrial(long sweepSeed, boolean shuffle, Precision precision) {
        long s = seed != null ? seed : SeedDerivation.trialSeed(sweepSeed, eta, lambda, nBatch, nEpochs, shuffle);
        return TrialSpec.of(new TrainConfig(eta, lambda, nBatch, nEpochs, s, shuffle, precision), seed != null);
    }
}
