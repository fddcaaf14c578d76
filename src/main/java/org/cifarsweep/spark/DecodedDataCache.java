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
    private static final AtomicInteger DECODES = new AtomicInteger();

    private DecodedDataCache() { }

    static TrainingData get(Broadcast<SharedData> broadcast, Precision precision) {
        // computeIfAbsent blocks other tasks asking for the same key until the one decode is done.
        return CACHE.computeIfAbsent(broadcast.id() + "/" + precision, key -> {
            DECODES.incrementAndGet();
            SharedData shared = broadcast.value();
            return TrainingData.of(shared.dataset(), shared.normalization(), precision);
        });
    }

    /** How many decodes this JVM has done so far: 1 per sweep is the goal. */
    static int decodes() {
        return DECODES.get();
    }
}
