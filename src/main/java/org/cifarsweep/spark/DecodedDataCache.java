package org.cifarsweep.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.broadcast.Broadcast;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainingData;

/**
 * The executor side of the broadcast: decodes the bytes into the three splits' feature matrices once per JVM (per
 * broadcast and precision) and shares them, read-only, with every task that JVM runs. Both precisions hold 1 byte
 * per pixel: float64 reads the broadcast's own bytes (no copy), float32 one shifted copy of them. Each task then
 * needs only its own small buffers.
 */
final class DecodedDataCache {
    private static final Map<String, TrainingData> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> DECODES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> BYTES = new ConcurrentHashMap<>();

    private DecodedDataCache() { }

    /**
     * The decoded data of {@code broadcast}. {@code sweepId} is unique per sweep: broadcast ids restart at 0 in
     * each SparkContext, so they alone would hand a second sweep in the same JVM the first one's data. Entries
     * of earlier sweeps are dropped, so a long-lived JVM keeps one decoded copy.
     */
    static TrainingData get(String sweepId, Broadcast<SharedData> broadcast, Precision precision) {
        String key = sweepId + "/" + broadcast.id() + "/" + precision;
        CACHE.keySet().removeIf(k -> !k.startsWith(sweepId + "/"));
        DECODES.keySet().removeIf(k -> !k.equals(sweepId));
        BYTES.keySet().removeIf(k -> !k.equals(sweepId));
        // computeIfAbsent blocks other tasks asking for the same key until the one decode is done.
        return CACHE.computeIfAbsent(key, k -> {
            DECODES.computeIfAbsent(sweepId, id -> new AtomicInteger()).incrementAndGet();
            SharedData shared = broadcast.value();
            TrainingData decoded = TrainingData.of(shared.dataset(), shared.normalization(), precision);
            BYTES.computeIfAbsent(sweepId, id -> new AtomicLong()).addAndGet(bytes(decoded));
            return decoded;
        });
    }

    /** The size of the values this JVM has decoded for the sweep (train, validation and test), in bytes. */
    static long decodedBytes(String sweepId) {
        AtomicLong bytes = BYTES.get(sweepId);
        return bytes == null ? 0 : bytes.get();
    }

    /** The bytes of the values of the three matrices, in whichever representation they hold them. */
    static long bytes(TrainingData data) {
        return bytes(data.train()) + bytes(data.validation()) + bytes(data.test());
    }

    private static long bytes(FeatureMatrix m) {
        if (m.doubles() != null) return (long) Double.BYTES * m.doubles().length;
        if (m.floats() != null) return (long) Float.BYTES * m.floats().length;
        // float64 raw pixels are the broadcast Images' own arrays, not a copy: the JVM holds them once, and they
        // are counted here once, 1 byte per value (the per-trial normalisation buffers are not the decoded data).
        if (m.isRawPixels()) return m.rawPixels().length;
        return m.isPixels() ? m.pixels().length : 0;
    }

    /** How many decodes this JVM has done for the sweep: 1 is the goal (2 if it mixes precisions). */
    static int decodes(String sweepId) {
        AtomicInteger count = DECODES.get(sweepId);
        return count == null ? 0 : count.get();
    }
}
