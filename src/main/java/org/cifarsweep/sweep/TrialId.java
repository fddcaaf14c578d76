package org.cifarsweep.sweep;

import java.math.BigDecimal;
import org.cifarsweep.train.TrainConfig;

/**
 * A trial's name, made from its parameters rather than its position in a grid, so that the same trial keeps its
 * name (and its weights file) when the grid around it changes. Safe as a file name. Preprocessing and precision
 * are the same for a whole sweep, so they are left out; so is a seed derived from the parameters, which adds no
 * information. An explicit seed is part of the name.
 */
public final class TrialId {

    private TrialId() { }

    public static String of(TrainConfig c, boolean withSeed) {
        StringBuilder id = new StringBuilder()
                .append("eta").append(plain(c.eta()))
                .append("_lam").append(plain(c.lambda()))
                .append("_b").append(c.nBatch())
                .append("_ep").append(c.nEpochs());
        if (c.shuffle()) id.append("_shuf");
        if (withSeed) id.append("_s").append(c.seed());
        return id.toString();
    }

    /** 0.001 rather than 1.0E-3: readable, and the same for every value that prints the same. */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
