package org.cifarsweep.spark;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.ConfigEntry;

/**
 * Checks Spark settings (a conf's {@code spark {}}, or {@code --conf}) before Spark starts, by Spark's own
 * definitions: every key Spark defines with a type (sizes, durations, booleans, integers, numbers) is converted as
 * Spark will convert it. On top: core counts and instance counts must be at least 1, memory at least Spark's minimum
 * of 450 MiB, and {@code spark.master} one of the master URLs Spark 4 accepts. Without this a bad value passed the
 * conf's checks and then failed Spark's start-up with some 140 lines of errors.
 */
public final class SparkSettings {
    /** Spark refuses less: 1.5 × its 300 MiB of reserved memory (UnifiedMemoryManager). */
    static final long MIN_MEMORY_MIB = 450;
    private static final Set<String> AT_LEAST_ONE = Set.of("spark.executor.cores", "spark.driver.cores",
            "spark.cores.max", "spark.task.cpus", "spark.default.parallelism", "spark.task.maxFailures",
            "spark.executor.instances");
    private static final Set<String> MEMORY = Set.of("spark.executor.memory", "spark.driver.memory");
    /** The Spark objects that define (register) the documented settings; loading one registers its keys. */
    private static final List<String> DEFINITIONS = List.of("package$", "UI$", "Network$", "Deploy$", "Worker$",
            "History$", "Kryo$", "Python$", "Status$", "Streaming$", "Tests$", "R$");
    private static final Pattern SPARK_TYPE = Pattern.compile("It should be a/an '([^']+)' value");
    private static final Pattern SPARK_PREFIX = Pattern.compile("^\\[[A-Z_.]+\\]\\s*");
    private static final String HOST_PORT = "([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}";
    private static final String MASTER_FORMS = "expected local, local[N], local[*], local[N,F], local[*,F], "
            + "local-cluster[N,C,M], spark://HOST:PORT[,HOST:PORT...], yarn or k8s://[https://]HOST[:PORT]";
    private static volatile boolean loaded;

    private SparkSettings() { }

    /**
     * What is wrong with {@code key = value}, as {@code "<value>" must be ...}, or null when Spark will accept it (or
     * does not define the key: Spark ignores unknown ones, and a library may read them).
     */
    public static String problem(String key, String value) {
        String shown = '"' + value + '"';
        String v = value.strip();
        if (key.equals("spark.master")) {
            String problem = masterProblem(v);
            return problem == null ? null : shown + ": " + problem;
        }
        if (AT_LEAST_ONE.contains(key)) {
            boolean ok = v.matches("[0-9]{1,9}") && Integer.parseInt(v) >= 1;
            return ok ? null : shown + " must be an integer from 1 to 999999999";
        }
        String typeProblem = typeProblem(key, value);
        if (typeProblem != null) return shown + " " + typeProblem;
        if (MEMORY.contains(key) && mebibytes(v) < MIN_MEMORY_MIB) {
            return shown + " is less than Spark's minimum of " + MIN_MEMORY_MIB + "m";
        }
        return null;
    }

    /** Spark's own conversion of a key it defines, as "must be ..." in our words; null if it converts. */
    private static String typeProblem(String key, String value) {
        ConfigEntry<?> entry = entry(key);
        if (entry == null) return null;
        try {
            new SparkConf(false).set(key, value).get(entry);
            return null;
        } catch (IllegalArgumentException e) {   // SparkIllegalArgumentException, NumberFormatException
            String message = e.getMessage() == null ? "" : e.getMessage();
            Matcher m = SPARK_TYPE.matcher(message);
            if (!m.find()) return "is refused by Spark: " + SPARK_PREFIX.matcher(message).replaceFirst("");
            return rule(m.group(1));
        }
    }

    /** The rule of one of Spark's value types, e.g. 'bytes in MiB' or 'time in SECONDS'. */
    static String rule(String sparkType) {
        String[] words = sparkType.split(" ");
        if (sparkType.startsWith("bytes in ")) {
            String unit = switch (words[2]) {
                case "BYTE" -> "bytes";
                case "KiB" -> "KiB";
                case "MiB" -> "MiB";
                case "GiB" -> "GiB";
                default -> words[2];
            };
            return "must be a size: a whole number with an optional unit b, k, m, g, t or p, e.g. 512m or 4g"
                    + " (a plain number is " + unit + ")";
        }
        if (sparkType.startsWith("time in ")) {
            return "must be a duration: a whole number with an optional unit us, ms, s, m or min, h or d, e.g. 120s"
                    + " (a plain number is " + words[2].toLowerCase(Locale.ROOT) + ")";
        }
        return switch (sparkType) {
            case "boolean" -> "must be true or false";
            case "int", "long" -> "must be an integer";
            case "double" -> "must be a number";
            default -> "must be a valid '" + sparkType + "' value";
        };
    }

    /** A size in MiB as Spark reads spark.*.memory (a plain number is MiB); the value has passed Spark's check. */
    static long mebibytes(String size) {
        Matcher m = Pattern.compile("([0-9]+)([a-z]*)").matcher(size.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) return Long.MAX_VALUE;
        double n = Double.parseDouble(m.group(1));
        double mib = switch (m.group(2)) {
            case "b" -> n / (1 << 20);
            case "k", "kb" -> n / 1024;
            case "", "m", "mb" -> n;
            case "g", "gb" -> n * 1024;
            case "t", "tb" -> n * 1024 * 1024;
            case "p", "pb" -> n * 1024 * 1024 * 1024;
            default -> Double.MAX_VALUE;
        };
        return (long) Math.min(mib, Long.MAX_VALUE);
    }

    /** As submit.sh checks --master: the forms SparkContext and SparkSubmit accept in Spark 4. */
    static String masterProblem(String master) {
        if (master.equals("local") || master.equals("yarn")) return null;
        if (master.startsWith("local[")) {
            return master.matches("local\\[([1-9][0-9]*|\\*)(,\\s*[1-9][0-9]*)?\\]") ? null
                    : "not a local master: N threads and F task attempts must be integers >= 1 (" + MASTER_FORMS + ")";
        }
        if (master.startsWith("local-cluster")) {
            return master.matches("local-cluster\\[\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*,\\s*[1-9][0-9]*\\s*\\]") ? null
                    : "local-cluster needs [workers,cores per worker,MB per worker], each an integer >= 1";
        }
        if (master.startsWith("spark://")) {
            if (!master.substring(8).matches(HOST_PORT + "(," + HOST_PORT + ")*")) {
                return "a standalone master is spark://HOST:PORT, or spark://HOST1:PORT1,HOST2:PORT2 for standby masters";
            }
            return portProblem(master);
        }
        if (master.startsWith("k8s://")) {
            if (!master.substring(6).matches("(https?://)?([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?/?")) {
                return "a Kubernetes master is k8s://[https://]HOST[:PORT]";
            }
            return portProblem(master);
        }
        if (master.startsWith("mesos://")) return "Mesos is not supported by Spark 4 (" + MASTER_FORMS + ")";
        return "not a Spark master URL (" + MASTER_FORMS + ")";
    }

    private static String portProblem(String master) {
        Matcher m = Pattern.compile(":([0-9]{1,5})(?=,|/|$)").matcher(master);
        while (m.find()) {
            int port = Integer.parseInt(m.group(1));
            if (port < 1 || port > 65535) return "port " + port + " is not in 1-65535";
        }
        return null;
    }

    private static ConfigEntry<?> entry(String key) {
        if (!loaded) {
            for (String holder : DEFINITIONS) {
                try {
                    Class.forName("org.apache.spark.internal.config." + holder, true, SparkSettings.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    // another Spark version: its other definitions still apply
                }
            }
            loaded = true;
        }
        return ConfigEntry.findEntry(key);
    }
}
