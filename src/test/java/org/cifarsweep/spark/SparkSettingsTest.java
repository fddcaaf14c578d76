package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Issue 12: a bad spark.* value of a conf passed its checks, then failed Spark's start in some 140 lines. */
class SparkSettingsTest {
    private static final String SIZE = "must be a size: a whole number with an optional unit b, k, m, g, t or p, e.g."
            + " 512m or 4g (a plain number is ";

    @Test
    void sparksOwnTypesAreChecked() {
        assertEquals("\"nonsense\" " + SIZE + "MiB)", SparkSettings.problem("spark.executor.memory", "nonsense"));
        assertEquals("\"2.5g\" " + SIZE + "MiB)", SparkSettings.problem("spark.driver.memory", "2.5g"));
        assertEquals("\"zz\" " + SIZE + "bytes)", SparkSettings.problem("spark.driver.maxResultSize", "zz"));
        assertEquals("\"maybe\" must be true or false", SparkSettings.problem("spark.ui.enabled", "maybe"));
        assertEquals("\"x\" must be an integer", SparkSettings.problem("spark.driver.port", "x"));
        assertEquals("\"abc\" must be a number", SparkSettings.problem("spark.memory.fraction", "abc"));
        assertEquals("\"forever\" must be a duration: a whole number with an optional unit us, ms, s, m or min, h or d,"
                + " e.g. 120s (a plain number is seconds)", SparkSettings.problem("spark.network.timeout", "forever"));
    }

    @Test
    void countsAndMemoryHaveSparksMinimums() {
        for (String key : new String[] {"spark.executor.cores", "spark.driver.cores", "spark.cores.max",
                "spark.task.cpus", "spark.default.parallelism", "spark.task.maxFailures", "spark.executor.instances"}) {
            assertEquals("\"0\" must be an integer from 1 to 999999999", SparkSettings.problem(key, "0"), key);
            assertEquals("\"two\" must be an integer from 1 to 999999999", SparkSettings.problem(key, "two"), key);
            assertNull(SparkSettings.problem(key, "2"), key);
        }
        assertEquals("\"100m\" is less than Spark's minimum of 450m", SparkSettings.problem("spark.executor.memory", "100m"));
        assertEquals("\"449\" is less than Spark's minimum of 450m", SparkSettings.problem("spark.driver.memory", "449"));
        assertNull(SparkSettings.problem("spark.executor.memory", "450m"));
        assertNull(SparkSettings.problem("spark.executor.memory", "4g"));
        assertNull(SparkSettings.problem("spark.executor.memory", "2048"));
    }

    @Test
    void theMasterIsOneSpark4Accepts() {
        for (String good : new String[] {"local", "local[2]", "local[*]", "local[*,3]", "local-cluster[2,1,1024]",
                "spark://h:7077", "spark://a:7077,b:7078", "yarn", "k8s://https://api:6443"}) {
            assertNull(SparkSettings.problem("spark.master", good), good);
        }
        assertEquals("\"local[0]\": not a local master: N threads and F task attempts must be integers >= 1 (expected"
                + " local, local[N], local[*], local[N,F], local[*,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT...],"
                + " yarn or k8s://[https://]HOST[:PORT])", SparkSettings.problem("spark.master", "local[0]"));
        assertEquals("\"spark://h:70000\": port 70000 is not in 1-65535", SparkSettings.problem("spark.master", "spark://h:70000"));
        assertEquals("\"mesos://m:5050\": Mesos is not supported by Spark 4 (expected local, local[N], local[*],"
                + " local[N,F], local[*,F], local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT...], yarn or"
                + " k8s://[https://]HOST[:PORT])", SparkSettings.problem("spark.master", "mesos://m:5050"));
    }

    @Test
    void goodValuesAndKeysSparkDoesNotDefinePass() {
        assertNull(SparkSettings.problem("spark.ui.enabled", "false"));
        assertNull(SparkSettings.problem("spark.network.timeout", "300s"));
        assertNull(SparkSettings.problem("spark.driver.maxResultSize", "0"));
        assertNull(SparkSettings.problem("spark.serializer", "org.apache.spark.serializer.KryoSerializer"));
        assertNull(SparkSettings.problem("spark.my.library.setting", "anything"));
    }
}
