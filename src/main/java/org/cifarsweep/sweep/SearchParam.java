package org.cifarsweep.sweep;

import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Locale;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.train.Decay;

/**
 * The per-trial parameters a conf can set or search over, in the grid's expansion order (outermost first; the
 * assignment's four come first so that plain grids keep their order). Each reads and checks one conf value, so that a
 * message names the key that broke the rule. Values are Double, Integer, Boolean or String (a parsed word).
 */
enum SearchParam {
    ETA("eta", Type.REAL, null),
    LAMBDA("lambda", Type.REAL, null),
    N_BATCH("n_batch", Type.INT, null),
    N_EPOCHS("n_epochs", Type.INT, null),
    SHUFFLE("shuffle", Type.BOOL, null), // default: the sweep's top-level shuffle
    LOSS("loss", Type.WORD, "softmax"),
    FLIP("flip", Type.REAL, 0.0),
    DECAY("decay", Type.WORD, "none"),
    DECAY_RATE("decay_rate", Type.REAL, 1.0),
    DECAY_EVERY("decay_every", Type.INT, 1);

    enum Type { REAL, INT, BOOL, WORD }

    /** Must be given in a grid, a random block and each trial. */
    static final List<SearchParam> REQUIRED = List.of(ETA, LAMBDA, N_BATCH, N_EPOCHS);

    final String key;
    final Type type;
    final Object defaultValue;

    SearchParam(String key, Type type, Object defaultValue) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    static List<String> keys() {
        return java.util.Arrays.stream(values()).map(p -> p.key).toList();
    }

    /** One value, checked against this parameter's rule. */
    Object read(ConfReader r, ConfigValue v, String key) {
        switch (this) {
            case ETA: return ConfTrialValues.eta(r, v, key);
            case LAMBDA: return ConfTrialValues.lambda(r, v, key);
            case N_BATCH: case N_EPOCHS: case DECAY_EVERY: return ConfTrialValues.count(r, v, key);
            case SHUFFLE: return r.bool(v, key);
            case LOSS: return r.parsed(v, key, LossKind::parse).toString();
            case DECAY: return r.parsed(v, key, Decay.Kind::parse).toString();
            case FLIP: return within(r, v, key, 0, true, "[0, 1]");
            case DECAY_RATE: return within(r, v, key, 0, false, "(0, 1]");
            default: throw new IllegalStateException(name());
        }
    }

    /** A number in [low, 1] or (low, 1]. */
    private static double within(ConfReader r, ConfigValue v, String key, double low, boolean closed, String range) {
        double x = r.real(v, key);
        if (!(closed ? x >= low : x > low) || x > 1) throw r.error(key, ConfReader.show(v) + " must be in " + range);
        return x + 0.0;
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
