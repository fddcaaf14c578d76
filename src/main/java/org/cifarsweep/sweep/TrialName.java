package org.cifarsweep.sweep;

import java.math.BigDecimal;
import java.util.Locale;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;

/**
 * A trial's name, made from its parameters rather than its position in a grid, so that the same trial keeps its
 * name (and its weights file) when the grid around it changes. Safe as a file name. Preprocessing and precision
 * are the same for a whole sweep, so they are left out; so is a seed derived from the parameters, which adds no
 * information. An explicit seed is part of the name.
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
     * 10-digit n_batch, n_epochs and decay_every, every option, and a 20-character seed. With the weights file's
     * {@code .mat.tmp} it is still well below 255.
     */
    static final int MAX_LENGTH = 212;

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
        if (withSeed) id.append("_s").append(c.seed());
        return id.toString();
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
