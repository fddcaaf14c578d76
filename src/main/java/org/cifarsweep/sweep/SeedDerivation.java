package org.cifarsweep.sweep;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.train.TrainOptions;

/**
 * Each trial's seed, derived from the sweep seed and the trial's own parameters only. Not from its position in the
 * grid, the partitioning or the order of scheduling: the same trial gets the same seed (and so the same initial W, b
 * and shuffling) when the grid around it changes, and a resumed sweep recognises it.
 */
public final class SeedDerivation {

    private SeedDerivation() { }

    /**
     * The first 8 bytes (big-endian) of SHA-256 over the UTF-8 string {@code sweepSeed|eta|lambda|nBatch|nEpochs|shuffle},
     * where the doubles are written with {@link Double#toString(double)}, e.g. {@code 1|0.01|0.1|100|40|false}.
     * -0.0 is written as 0.0, so that equal values give equal seeds.
     */
    public static long trialSeed(long sweepSeed, double eta, double lambda, int nBatch, int nEpochs, boolean shuffle) {
        String canonical = sweepSeed + "|" + Double.toString(eta + 0.0) + "|" + Double.toString(lambda + 0.0)
                + "|" + nBatch + "|" + nEpochs + "|" + shuffle;
        return ByteBuffer.wrap(sha256(canonical.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /**
     * As {@link #trialSeed(long, double, double, int, int, boolean)}, with the bonus options appended only when they
     * differ from {@link TrainOptions#DEFAULT}: {@code |loss=svm}, {@code |flip=0.5}, {@code |decay=step0.5x10}
     * (each only if not the default). A plain trial keeps the seed it always had.
     */
    public static long trialSeed(long sweepSeed, double eta, double lambda, int nBatch, int nEpochs, boolean shuffle,
                                 TrainOptions options) {
        if (options.isDefault()) return trialSeed(sweepSeed, eta, lambda, nBatch, nEpochs, shuffle);
        String canonical = sweepSeed + "|" + Double.toString(eta + 0.0) + "|" + Double.toString(lambda + 0.0)
                + "|" + nBatch + "|" + nEpochs + "|" + shuffle;
        if (options.loss() != LossKind.SOFTMAX) canonical += "|loss=" + options.loss();
        if (options.flip() > 0) canonical += "|flip=" + Double.toString(options.flip());
        if (!options.decay().isNone()) canonical += "|decay=" + options.decay();
        return ByteBuffer.wrap(sha256(canonical.getBytes(StandardCharsets.UTF_8))).getLong();
    }

    /**
     * The seed of repeat {@code index} ≥ 2 of a configuration whose first repeat trains with {@code firstSeed}
     * (derived or explicit): {@link #derived derived(firstSeed, "repeat" + index)}, the first 8 bytes of SHA-256
     * over {@code firstSeed|repeat<index>}. Repeat 1 is the configuration's own seed, so {@code repeats = 1} changes
     * nothing; the others depend on the sweep seed through the first seed, and on nothing else.
     */
    public static long repeatSeed(long firstSeed, int index) {
        if (index < 2) throw new IllegalArgumentException("repeat " + index + ": only repeats 2, 3, … derive a seed");
        return derived(firstSeed, "repeat" + index);
    }

    /** A seed for anything else the sweep draws (e.g. random-search samples), from the sweep seed and a label. */
    public static long derived(long sweepSeed, String label) {
        return ByteBuffer.wrap(sha256((sweepSeed + "|" + label).getBytes(StandardCharsets.UTF_8))).getLong();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
