package org.cifarsweep.sweep;

import java.util.Locale;
import org.cifarsweep.train.TrainConfig;

/**
 * Where a trial's shuffle and flip streams come from, conf key {@code data_stream}. It matters only to trials that
 * shuffle or flip: in data order without flips every trial reads the same mini-batches either way.
 */
public enum DataStream {
    /** Each trial draws them from its own seed (the default): trials that shuffle or flip see their own batches. */
    TRIAL,
    /**
     * Every trial draws them from the sweep seed: all trials see the same shuffled, flipped batches, so shuffled and
     * flipped trials can share packs. A trial's numbers then differ from {@link #TRIAL}'s (its initial W and b do
     * not: they still come from its own seed).
     */
    SWEEP;

    public static DataStream parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "trial" -> TRIAL;
            case "sweep" -> SWEEP;
            default -> throw new IllegalArgumentException("'" + text + "' is not one of trial, sweep");
        };
    }

    /** The seed of {@code config}'s shuffle and flip streams in a sweep of seed {@code sweepSeed}. */
    public long streamSeed(TrainConfig config, long sweepSeed) {
        return this == SWEEP ? sweepSeed : config.seed();
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
