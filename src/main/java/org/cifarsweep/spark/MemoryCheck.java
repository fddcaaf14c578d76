package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Images;
import org.cifarsweep.model.Precision;
import org.cifarsweep.sweep.Packer;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;

/**
 * The heap a sweep needs, per executor and in the driver, from the conf and the data alone (the formula of
 * docs/cluster.md, "How much memory a sweep needs"), and its check against the memory Spark is given: before Spark
 * starts ({@link #check}), and in every task against the heap of the JVM it runs in ({@link #checkHeap}), for what
 * the driver cannot know before start (an executor's cores on a standalone cluster, a cluster's own settings).
 *
 * <p>An executor holds the broadcast value (1 byte per pixel), its blocks (serialized and compressed: about as
 * large), the decoded copy its tasks share, Spark's reserved 300 MiB, and per concurrent task the working set: W and
 * its gradient and the W sent back, the scores of a mini-batch and of an evaluation chunk, the training order, and
 * the batch's and chunk's features: normalised float64 values, or the gathered pixels of a float32 batch. In local
 * mode the driver is the executor and holds all of it once; on a cluster it holds the data and the broadcast blocks.
 *
 * <p>Pure arithmetic on numbers; no Spark context is needed.
 *
 * @param pixels      pixels of the three splits (bytes of the broadcast value)
 * @param trainImages images of the training split (the training order holds one int each)
 * @param chunk       columns of an evaluation chunk: 2,000, or the largest split if smaller
 * @param maxBatch    the largest n_batch of the sweep
 * @param precision   the sweep's precision
 * @param gathers     whether a float32 batch is gathered into a buffer of its own (shuffle or flips)
 * @param keptStates  runs whose W the driver keeps between the jobs of successive halving (0 without halving)
 * @param trials      the sweep's trials: no JVM runs more tasks at a time than a job has
 * @param packMembers the most runs one task trains together ({@link Packer#maxMembers}; 1 without packing)
 */
public record MemoryCheck(long pixels, long trainImages, int chunk, int maxBatch, Precision precision, boolean gathers,
                          int keptStates, int trials, int packMembers) implements Serializable {

    public MemoryCheck {
        if (packMembers < 1) throw new IllegalArgumentException("packMembers " + packMembers + " must be >= 1");
    }

    /** A sweep whose runs train alone. */
    public MemoryCheck(long pixels, long trainImages, int chunk, int maxBatch, Precision precision, boolean gathers,
                       int keptStates, int trials) {
        this(pixels, trainImages, chunk, maxBatch, precision, gathers, keptStates, trials, 1);
    }
    public static final long MIB = 1L << 20;
    /** Spark's reserved system memory (UnifiedMemoryManager), on every JVM. */
    static final long RESERVED = 300 * MIB;
    /** Spark refuses to start a JVM with less heap than 1.5 × the reserved memory. */
    static final long SPARK_MINIMUM = 450 * MIB;
    /** Columns of an evaluation chunk, as model.Evaluation scores them. */
    static final int EVALUATION_CHUNK = 2000;
    /** The decoded copy, in both precisions: the 1-byte pixels, normalised on the fly. */
    static final int DECODED_BYTES_PER_PIXEL = 1;
    /** Above this fraction of the configured memory a sweep is tight: a warning. */
    static final double TIGHT = 0.85;
    static final int CLASSES = Images.CLASSES;
    static final int DIM = Images.PIXELS;

    /** The sizes of {@code spec} on {@code dataset}. */
    public static MemoryCheck of(SweepSpec spec, Dataset dataset) {
        int train = dataset.train().count();
        int largest = Math.max(train, Math.max(dataset.validation().count(), dataset.test().count()));
        long pixels = ((long) train + dataset.validation().count() + dataset.test().count()) * DIM;
        int maxBatch = 1;
        boolean gathers = spec.shuffle();
        for (TrialSpec t : spec.trials()) {
            maxBatch = Math.max(maxBatch, t.config().nBatch());
            gathers |= t.config().shuffle() || t.config().options().flip() > 0;
        }
        // Halving's states live on disk; the driver reads a job's (or, asynchronously, a few runs') at most
        // ResultBudget.STATE_BUDGET of them at a time.
        long perState = 8L * CLASSES * DIM;
        int kept = spec.halving() == null ? 0 : (int) Math.min(spec.trials().size(), ResultBudget.STATE_BUDGET / perState);
        int members = Math.min(spec.trials().size(), Packer.maxMembers(spec, dataset.classNames().size()));
        return new MemoryCheck(pixels, train, Math.min(EVALUATION_CHUNK, largest), maxBatch, spec.precision(), gathers,
                kept, spec.trials().size(), members);
    }

    /** The working set of one task (a pack of {@link #packMembers}, or a run alone), in bytes. */
    public long taskBytes() {
        long b = maxBatch;
        long c = chunk;
        long shared = 4L * trainImages;              // the training order
        long member = 24L * CLASSES * DIM            // W and its gradient (2 × 8 bytes, or 4 × 4 bytes in float32), W sent back
                + 8L * CLASSES * (b + c);            // scores of a batch and of an evaluation chunk
        if (precision == Precision.DOUBLE) {
            shared += 8L * DIM * (b + c);            // the batch and the chunk normalised to float64, once per pack
        } else {
            member += 8L * CLASSES * b;              // the float32 scores and score gradient of a batch
            if (gathers) shared += (long) DIM * b;   // a shuffled or flipped batch, gathered as pixels
        }
        // A pack's stacked W and gradient (at most 16 bytes a weight), scores and G (8 bytes a score).
        if (packMembers > 1) member += 16L * CLASSES * DIM + 8L * CLASSES * (b + c);
        return shared + packMembers * member;
    }

    /** The W of halving's continuations the driver holds at once: one job's, at most the state budget. */
    long keptStateBytes() {
        return 8L * CLASSES * DIM * keptStates;
    }

    /** The heap of an executor that runs {@code tasks} tasks at a time. */
    public long executorBytes(int tasks) {
        return Math.max(SPARK_MINIMUM, RESERVED + 2 * pixels + DECODED_BYTES_PER_PIXEL * pixels + tasks * taskBytes());
    }

    /** The driver's heap: in local mode ({@code local}) it also runs {@code tasks} tasks at a time. */
    public long driverBytes(boolean local, int tasks) {
        long data = RESERVED + 2 * pixels + keptStateBytes();
        if (local) data += DECODED_BYTES_PER_PIXEL * pixels + tasks * taskBytes();
        return Math.max(SPARK_MINIMUM, data);
    }

    /** What {@link #executorBytes} adds up, for a message. */
    String executorBreakdown(int tasks) {
        return breakdown(List.of(mib(RESERVED) + " reserved by Spark", mib(pixels) + " broadcast data",
                mib(pixels) + " its blocks", mib(DECODED_BYTES_PER_PIXEL * pixels) + " decoded copy",
                tasks(tasks) + " × " + mib(taskBytes())), executorBytes(tasks));
    }

    /** What {@link #driverBytes} adds up, for a message. */
    String driverBreakdown(boolean local, int tasks) {
        List<String> parts = new ArrayList<>(List.of(mib(RESERVED) + " reserved by Spark", mib(pixels) + " data",
                mib(pixels) + " broadcast blocks"));
        if (local) {
            parts.add(mib(DECODED_BYTES_PER_PIXEL * pixels) + " decoded copy");
            parts.add(tasks(tasks) + " × " + mib(taskBytes()));
        }
        if (keptStates > 0) parts.add(mib(keptStateBytes()) + " halving states");
        return breakdown(parts, driverBytes(local, tasks));
    }

    private String breakdown(List<String> parts, long total) {
        String sum = String.join(" + ", parts);
        return total == SPARK_MINIMUM ? sum + "; Spark's minimum is " + mib(SPARK_MINIMUM) : sum;
    }

    private static String tasks(int tasks) {
        return tasks + (tasks == 1 ? " task" : " tasks");
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * The Spark settings a sweep starts with, as far as they are known before start.
     *
     * @param master          the master URL
     * @param executorMemory  spark.executor.memory as given, or null for Spark's default (1g)
     * @param executorCores   the cores of each executor, or 0 when unknown before start (a standalone cluster gives
     *                        each executor every core of its worker unless spark.executor.cores says otherwise)
     * @param taskCpus        spark.task.cpus
     * @param driverHeap      the driver JVM's maximum heap (Runtime.maxMemory()): what spark.driver.memory gave it
     * @param availableCores  this machine's cores, for {@code local[*]}
     */
    public record Settings(String master, String executorMemory, int executorCores, int taskCpus, long driverHeap,
                           int availableCores) {

        /**
         * The settings of {@code spark} (SparkConf's entries: spark-submit's system properties, then the conf's
         * {@code spark {}} block) and {@code env}, as SparkContext reads them.
         */
        public static Settings of(Map<String, String> spark, Map<String, String> env, long driverHeap, int availableCores) {
            String master = spark.getOrDefault("spark.master", "local[*]");
            String memory = spark.get("spark.executor.memory");
            if (memory == null) memory = env.get("SPARK_EXECUTOR_MEMORY");
            if (memory == null) memory = env.get("SPARK_MEM");
            int cores;
            Matcher localCluster = LOCAL_CLUSTER.matcher(master);
            if (spark.containsKey("spark.executor.cores")) {
                cores = positive("spark.executor.cores", spark.get("spark.executor.cores"));
            } else if (localCluster.matches()) {
                cores = Integer.parseInt(localCluster.group(2));
            } else if (master.startsWith("yarn") || master.startsWith("k8s://")) {
                cores = 1;   // Spark's default there
            } else {
                cores = 0;
            }
            int taskCpus = spark.containsKey("spark.task.cpus") ? positive("spark.task.cpus", spark.get("spark.task.cpus")) : 1;
            return new Settings(master, memory, cores, taskCpus, driverHeap, availableCores);
        }

        /** Whether the tasks run in the driver JVM. */
        public boolean local() {
            return master.equals("local") || master.startsWith("local[");
        }

        /** Tasks that run at once in the driver (local mode) or in one executor (1 when unknown before start). */
        int tasks() {
            if (local()) {
                Matcher m = LOCAL.matcher(master);
                int threads = !m.matches() ? 1 : m.group(1).equals("*") ? availableCores : Integer.parseInt(m.group(1));
                return Math.max(1, threads / taskCpus);
            }
            return Math.max(1, Math.max(1, executorCores) / taskCpus);
        }

        /** The executor heap spark.executor.memory asks for, in bytes (Spark's default 1g when not set). */
        long executorHeap() {
            return executorMemory == null ? 1024 * MIB : bytes("spark.executor.memory", executorMemory);
        }

        /** spark.executor.memory as a user reads it: the value given, or Spark's default. */
        String describeExecutorMemory() {
            return executorMemory == null ? "1g (Spark's default)" : executorMemory;
        }

        /** The option that gives the tasks more memory, with its current value: for a summary line. */
        public String memoryOption() {
            return local() ? "--driver-memory (now " + mib(driverHeap) + " of heap)"
                    : "--executor-memory (now " + describeExecutorMemory() + ")";
        }

        private static int positive(String key, String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) return n;
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(key + " '" + value + "' must be an integer >= 1");
        }
    }

    /**
     * The verdict before start.
     *
     * @param refusal  one line naming the setting, the estimate and the configured value, or null when it fits
     * @param warnings one line each for memory that is tight (over 85% used by the estimate)
     */
    public record Verdict(String refusal, List<String> warnings) {
        public Verdict {
            warnings = List.copyOf(warnings);
        }
    }

    /** The driver's and (on a cluster) each executor's need against {@code settings}. */
    public Verdict check(Settings settings) {
        List<String> warnings = new ArrayList<>();
        int tasks = Math.min(settings.tasks(), trials);
        boolean local = settings.local();
        String driverWhere = local ? "in the driver, which runs the tasks in local mode" : "in the driver";
        String refusal = judge("spark.driver.memory", mib(settings.driverHeap()) + " (the driver's heap)",
                settings.driverHeap(), driverBytes(local, tasks), driverWhere, driverBreakdown(local, tasks),
                "--driver-memory", warnings);
        if (refusal == null && !local) {
            refusal = judge("spark.executor.memory", settings.describeExecutorMemory(), settings.executorHeap(),
                    executorBytes(tasks), "per executor", executorBreakdown(tasks), "--executor-memory", warnings);
        }
        return new Verdict(refusal, warnings);
    }

    /**
     * The check a task makes in the JVM it runs in, against that JVM's maximum heap: null when the sweep fits, else
     * the line that stops it.
     *
     * @param executorId Spark's id of the executor, "driver" in local mode
     * @param heap       the JVM's maximum heap, in bytes
     * @param slots      how many tasks the JVM can run at a time (its cores, or local mode's threads)
     */
    public String checkHeap(String executorId, long heap, int slots) {
        boolean local = executorId.equals("driver");
        int tasks = Math.min(slots, trials);
        if (local) {
            return judge("spark.driver.memory", mib(heap) + " (the driver's heap)", heap, driverBytes(true, tasks),
                    "in the driver, which runs the tasks in local mode", driverBreakdown(true, tasks), "--driver-memory",
                    null);
        }
        return judge("spark.executor.memory", mib(heap) + " (the heap of executor " + executorId + ")", heap,
                executorBytes(tasks), "per executor", executorBreakdown(tasks), "--executor-memory", null);
    }

    /** The refusal line, or null after adding a warning to {@code warnings} (if given) when it is tight. */
    private static String judge(String setting, String value, long limit, long need, String where, String breakdown,
                                String option, List<String> warnings) {
        String needs = "it needs about " + mib(need) + " " + where + " (" + breakdown + ")";
        if (need > limit) {
            return setting + " " + value + " is too small for this sweep: " + needs + "; raise " + option
                    + " to at least " + suggest(need);
        }
        if (warnings != null && need > TIGHT * limit) {
            warnings.add(setting + " " + value + " is tight for this sweep: " + needs + ", over "
                    + Math.round(TIGHT * 100) + "% of it; consider " + option + " " + suggest(need));
        }
        return null;
    }

    /** A memory setting that fits {@code need} without being tight: rounded up to 256 MiB. */
    static String suggest(long need) {
        long quarters = (long) Math.ceil(need / TIGHT / (256.0 * MIB));
        long mib = quarters * 256;
        return mib % 1024 == 0 ? (mib / 1024) + "g" : mib + "m";
    }

    static String mib(long bytes) {
        return Math.round(bytes / (double) MIB) + " MiB";
    }

    private static final Pattern LOCAL = Pattern.compile("local\\[\\s*(\\d+|\\*)\\s*(?:,\\s*\\d+\\s*)?]");
    private static final Pattern LOCAL_CLUSTER =
            Pattern.compile("local-cluster\\[\\s*(\\d+)\\s*,\\s*(\\d+)\\s*,\\s*(\\d+)\\s*]");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgtp]?)b?");

    /**
     * A JVM memory string as Spark reads spark.executor.memory: a number with an optional unit k, m, g, t or p (and
     * an optional b), in MiB without one.
     */
    static long bytes(String key, String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(key + " '" + text + "' is not a memory size such as 512m or 2g");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "k" -> n << 10;
            case "", "m" -> n << 20;
            case "g" -> n << 30;
            case "t" -> n << 40;
            default -> n << 50;
        };
    }
}
