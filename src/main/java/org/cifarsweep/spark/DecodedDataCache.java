package org.cifarsweep.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.broadcast.Broadcast;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainingData;

/**
 * The executor side of the broadcast: decodes the bytes into normalised matrices once per JVM (per broadcast and
 * precision) and shares them, read-only, with every task that JVM runs. Without it each task would decode its
 * own ~250 MB copy.
 */
final class DecodedDataCache {
    private static final Map<String, TrainingData> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> DECODES = new ConcurrentHashMap<>();

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
        // computeIfAbsent blocks other tasks asking for the same key until the one decode is done.
        return CACHE.computeIfAbsent(key, k -> {
            DECODES.computeIfAbsent(sweepId, id -> new AtomicInteger()).incrementAndGet();
            SharedData shared = broadcast.value();
            return TrainingData.of(shared.dataset(), shared.normalization(), precision);
        });
    }

    /** How many decodes this JVM has done for the sweep: 1 is the goal (2 if it mixes precisions). */
    static int decodes(String sweepId) {
        AtomicInteger count = DECODES.get(sweepId);
        return count == null ? 0 : count.get();
    }
}
