package org.cifarsweep.sweep;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;

/**
 * A trial's name, made from its parameters rather than its position in a grid, so that the same trial keeps its
 * name (and its weights file) when the grid around it changes. Safe as a file name. Preprocessing and precision
 * are the same for a whole sweep, so they are left out; so is a seed derived from the parameters, which adds no
 * information. An explicit seed is part of the name. Repeat k ≥ 2 of a configuration ({@code repeats = N}) ends in
 * {@code _rep<k>}, after the first repeat's explicit seed if it has one; {@link #configOf} strips it again.
 *
 * <p>Numbers are written in plain decimal ({@code 0.001}), unless that takes more than {@link #MAX_PLAIN}
 * characters: then in scientific notation ({@code 1e300}, {@code 2.5e-300}). Each form is exact and one-to-one, and
 * only the scientific one holds an {@code e}, so names stay unique; and every name stays far below the 255 bytes a
 * file name may have ({@link #MAX_LENGTH}), whatever the values.
 */
public final class TrialName {
    /** The longest plain number: 1e-30 (0.000…001) and 1e31 still fit, and no shipped or sampled value comes close. */
    static final int MAX_PLAIN = 32;
    /**
     * The longest name there can be: eta, lambda, flip and the decay rate at {@link #MAX_PLAIN} characters each,
     * 10-digit n_batch, n_epochs and decay_every, every option, a 20-character seed and a 10-digit repeat
     * ({@code _rep2147483647}). With the weights file's {@code .mat.tmp} it is still well below 255.
     */
    static final int MAX_LENGTH = 226;

    private TrialName() { }

    public static String of(TrainConfig c, boolean withSeed) {
        StringBuilder id = new StringBuilder()
                .append("eta").append(number(c.eta()))
                .append("_lam").append(number(c.lambda()))
                .append("_b").append(c.nBatch())
                .append("_ep").append(c.nEpochs());
        if (c.shuffle()) id.append("_shuf");
        // The bonus options only when they differ from the plain assignment, so plain trials keep their names.
        TrainOptions o = c.options();
        if (o.loss() != LossKind.SOFTMAX) id.append('_').append(o.loss());
        if (o.flip() > 0) id.append("_flip").append(number(o.flip()));
        if (!o.decay().isNone()) id.append('_').append(decay(o.decay()));
        TrainConfig.Repeat repeat = c.repeat();
        if (repeat.index() == 1) {
            if (withSeed) id.append("_s").append(c.seed());
        } else {
            // The configuration's seed, not this repeat's (derived from it): every repeat names its configuration.
            if (withSeed) id.append("_s").append(repeat.firstSeed());
            id.append(REPEAT).append(repeat.index());
        }
        return id.toString();
    }

    /** What precedes a repeat's index at the end of its name: {@code _rep2}. */
    static final String REPEAT = "_rep";
    private static final Pattern REPEAT_SUFFIX = Pattern.compile("(?:_s(-?[0-9]{1,19}))?_rep([2-9]|[1-9][0-9]{1,9})$");

    /**
     * The configuration a run is a repeat of: its name without {@code _rep<k>}, i.e. the name of repeat 1 (at the
     * same halving rung); any other name is its own configuration. results.csv's {@code config} column.
     */
    public static String configOf(String name) {
        Matcher m = REPEAT_SUFFIX.matcher(name);
        return m.find() ? name.substring(0, m.start(2) - REPEAT.length()) : name;
    }

    /**
     * The repeat a run's name shows, the inverse of {@link #of}: k (and an explicit first seed) for
     * {@code …[_s<seed>]_rep<k>}, {@link TrainConfig.Repeat#FIRST} for any other name.
     */
    public static TrainConfig.Repeat repeatOf(String name) {
        Matcher m = REPEAT_SUFFIX.matcher(name);
        if (!m.find()) return TrainConfig.Repeat.FIRST;
        return new TrainConfig.Repeat(Integer.parseInt(m.group(2)), m.group(1) == null ? 0 : Long.parseLong(m.group(1)));
    }

    /** As {@link Decay#toString()} ({@code step0.1x15}, {@code exp0.95}), with the rate written as a name number. */
    private static String decay(Decay d) {
        return d.kind() == Decay.Kind.STEP ? "step" + number(d.rate()) + "x" + d.every() : "exp" + number(d.rate());
    }

    /**
     * 0.001 rather than 1.0E-3: readable, and the same for every value that prints the same. Beyond
     * {@link #MAX_PLAIN} characters (1e300 would take 301), scientific: {@code 1e300}, {@code 1.5e-300}.
     */
    static String number(double v) {
        BigDecimal exact = BigDecimal.valueOf(v).stripTrailingZeros();
        String plain = exact.toPlainString();
        if (plain.length() <= MAX_PLAIN) return plain;
        // Beyond 32 plain characters, BigDecimal.toString is scientific: d.ddd E+n or E-n, without trailing zeros.
        return exact.toString().toLowerCase(Locale.ROOT).replace("e+", "e");
    }
}
