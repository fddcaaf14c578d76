package org.cifarsweep.train;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * A learning-rate schedule, as a function of the epoch alone (so a run continued from a saved state uses exactly the
 * rates an uninterrupted run would):
 * <ul>
 *   <li>{@code none}: η in every epoch</li>
 *   <li>{@code step}: η · rate^⌊(e − 1) / every⌋ for epoch e (1-based): multiplied by {@code rate} every
 *       {@code every} epochs</li>
 *   <li>{@code exp}: η · rate^(e − 1): multiplied by γ = {@code rate} after each epoch (epoch 1 uses η)</li>
 * </ul>
 *
 * @param kind  none, step or exp
 * @param rate  the factor (step) or γ (exp), in (0, 1]; 1 for none
 * @param every epochs between steps, ≥ 1 (step); 1 otherwise
 */
public record Decay(Kind kind, double rate, int every) implements Serializable {
    public static final Decay NONE = new Decay(Kind.NONE, 1, 1);

    public enum Kind {
        NONE, STEP, EXP;

        public static Kind parse(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            switch (t) {
                case "none": return NONE;
                case "step": return STEP;
                case "exp": case "exponential": return EXP;
                default: throw new IllegalArgumentException("decay '" + text + "' is not one of none, step, exp");
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Decay {
        if (kind == null) throw new IllegalArgumentException("decay kind must be given");
        if (!(rate > 0 && rate <= 1)) throw new IllegalArgumentException("decay rate " + rate + " must be in (0, 1]");
        if (every < 1) throw new IllegalArgumentException("decay every " + every + " must be >= 1");
        // One representation per schedule, so that names and seeds do not depend on ignored values.
        if (kind == Kind.NONE || rate == 1) {
            kind = Kind.NONE;
            rate = 1;
            every = 1;
        } else if (kind == Kind.EXP) {
            every = 1;
        }
    }

    public static Decay step(double factor, int every) {
        return new Decay(Kind.STEP, factor, every);
    }

    public static Decay exp(double gamma) {
        return new Decay(Kind.EXP, gamma, 1);
    }

    /** The learning rate of epoch {@code epoch} (1-based) for base rate {@code eta}. */
    public double eta(double eta, int epoch) {
        if (epoch < 1) throw new IllegalArgumentException("epoch " + epoch + " must be >= 1");
        switch (kind) {
            case STEP: return eta * Math.pow(rate, (epoch - 1) / every);
            case EXP: return eta * Math.pow(rate, epoch - 1);
            default: return eta;
        }
    }

    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /** {@code none}, {@code step0.5x10} or {@code exp0.95}: a name fragment, a CSV value, and part of seeds. */
    @Override
    public String toString() {
        String r = BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
        switch (kind) {
            case STEP: return "step" + r + "x" + every;
            case EXP: return "exp" + r;
            default: return "none";
        }
    }
}
