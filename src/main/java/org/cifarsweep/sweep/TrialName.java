package org.cifarsweep.sweep;

import java.math.BigDecimal;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;

/**
 * A trial's name, made from its parameters rather than its position in a grid, so that the same trial keeps its
 * name (and its weights file) when the grid around it changes. Safe as a file name. Preprocessing and precision
 * are the same for a whole sweep, so they are left out; so is a seed derived from the parameters, which adds no
 * information. An explicit seed is part of the name.
 */
public final class TrialName {

    private TrialName() { }

    public static String of(TrainConfig c, boolean withSeed) {
        StringBuilder id = new StringBuilder()
                .append("eta").append(plain(c.eta()))
                .append("_lam").append(plain(c.lambda()))
                .append("_b").append(c.nBatch())
                .append("_ep").append(c.nEpochs());
        if (c.shuffle()) id.append("_shuf");
        // The bonus options only when they differ from the plain assignment, so plain trials keep their names.
        TrainOptions o = c.options();
        if (o.loss() != LossKind.SOFTMAX) id.append('_').append(o.loss());
        if (o.flip() > 0) id.append("_flip").append(plain(o.flip()));
        if (!o.decay().isNone()) id.append('_').append(o.decay());
        if (withSeed) id.append("_s").append(c.seed());
        return id.toString();
    }

    /** 0.001 rather than 1.0E-3: readable, and the same for every value that prints the same. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
