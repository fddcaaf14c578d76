package org.cifarsweep.spark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spark side of a sweep's start, for provenance and the console: the versions, the master and its parallelism,
 * and what the broadcast of the data weighs, serialized and as shipped (Spark compresses broadcast blocks).
 */
public record SparkStart(String sparkVersion, String scalaVersion, String master, String appId, int parallelism,
                         long broadcastBytes, long broadcastPixels, long compressedBytes, String codec) {

    /** The "spark" section of provenance.json. */
    public Map<String, Object> sparkSection() {
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("master", master);
        spark.put("app_id", appId);
        spark.put("default_parallelism", parallelism);
        return spark;
    }

    /** The "broadcast" section of provenance.json. */
    public Map<String, Object> broadcastSection() {
        Map<String, Object> broadcast = new LinkedHashMap<>();
        broadcast.put("bytes", broadcastBytes);
        broadcast.put("pixels", broadcastPixels);
        broadcast.put("bytes_per_pixel", (double) broadcastBytes / broadcastPixels);
        broadcast.put("compressed_bytes", compressedBytes);
        broadcast.put("compressed_bytes_per_pixel", (double) compressedBytes / broadcastPixels);
        broadcast.put("codec", codec);
        return broadcast;
    }

    /** The broadcast's size for the console. */
    public String describeBroadcast() {
        return String.format("%.1f MB serialized (%.4f bytes/pixel), %.1f MB after %s (%.4f bytes/pixel)",
                broadcastBytes / 1e6, (double) broadcastBytes / broadcastPixels, compressedBytes / 1e6, codec,
                (double) compressedBytes / broadcastPixels);
    }
}
