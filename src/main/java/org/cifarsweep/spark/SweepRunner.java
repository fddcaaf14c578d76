package org.cifarsweep.spark;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.CompressionCodec$;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.report.ReportBuilder;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.RankedTable;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.TrainingState;
import org.cifarsweep.train.TrainingStatus;
import scala.reflect.ClassTag$;

/**
 * The driver of a sweep: broadcasts the data once, runs one Spark task per trial, longest first, and writes each
 * result as it arrives. This is the only package that imports Spark.
 */
public final class SweepRunner {
    private final PrintStream console;

    public SweepRunner(PrintStream console) {
        this.console = console;
    }

    /** Runs {@code trials} of {@code spec} on {@code dataset} (already loaded and checked), writing into {@code out}. */
    public List<ResultsRow> run(SweepSpec spec, Dataset dataset, List<TrialSpec> trials, Path out, Path home) {
        return run(spec, dataset, trials, out, home, List.of(), null);
    }

    /**
     * A resumed sweep: {@code completed} are the rows {@code out} already holds (they count in the progress line,
     * the table, the summary and provenance's counts, and are returned with the new ones), and {@code resumed},
     * unless null, goes into provenance.json as "resumed".
     */
    public List<ResultsRow> run(SweepSpec spec, Dataset dataset, List<TrialSpec> trials, Path out, Path home,
                              List<ResultsRow> completed, Map<String, Object> resumed) {
        Schedule schedule = Schedule.of(spec, trials);
        return run(spec, dataset, schedule, schedule.first(), List.of(), UnaryOperator.identity(), out, home,
                completed, completed.size() + schedule.plannedRuns(), resumed);
    }

    /**
     * A sweep whose schedule has already been advanced (a resumed successive halving): {@code job} is what is left
     * of the current job, {@code finished} the runs of that job already recorded, which go to
     * {@link Schedule#next} together with the new ones; {@code restore} is applied to every run of every job
     * before it runs (it gives a survivor of a recorded run its start state); {@code plannedRuns} counts the whole
     * sweep, {@code completed} included, for the progress line.
     */
    public List<ResultsRow> run(SweepSpec spec, Dataset dataset, Schedule schedule, List<TrialSpec> job,
                              List<Schedule.Finished> finished, UnaryOperator<TrialSpec> restore, Path out, Path home,
                              List<ResultsRow> completed, int plannedRuns, Map<String, Object> resumed) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot create: " + e.getMessage(), e);
        }
        SparkConf sparkConf = new SparkConf().setAppName("cifar-sweep " + spec.name())
                .setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        spec.sparkSettings().forEach(sparkConf::set);
        // In local mode the tasks run in this JVM: compile the float32 kernel while Spark starts, rather than in
        // the first task (PixelKernel.warmUp is once per JVM; a task that needs it first waits for it).
        if (spec.precision() == Precision.FLOAT && sparkConf.get("spark.master").startsWith("local")) {
            Thread warmUp = new Thread(PixelKernel::warmUp, "cifar-sweep-kernel-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }

        Provenance provenance = new Provenance();
        long sparkStart = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            Normalization normalization = Normalization.fit(spec.data().preprocess(), dataset.train());
            SharedData shared = new SharedData(dataset, normalization);
            Broadcast<SharedData> broadcast = sc.broadcast(shared);
            String broadcastSize = describeStart(provenance, spec, sc, shared, home);
            if (resumed != null) provenance.put("resumed", resumed);
            provenance.write(out);
            console.printf("sweep %s: %d trials on %s (%d cores), BLAS %s%n", spec.name(), job.size(),
                    sc.master(), sc.defaultParallelism(), BlasBackend.describe());
            console.println("broadcast: " + broadcastSize);
            String blasWarning = BlasBackend.warning();
            if (blasWarning != null) System.err.println("cifar-sweep: warning: " + blasWarning);

            // The schedule hands out one job at a time: every trial at once, or (successive halving) one job per
            // rung, each made from the last one's results, with survivors continuing from their saved state.

            List<ResultsRow> rows = Collections.synchronizedList(new ArrayList<>());
            long jobStart;
            Map<String, ExecutorFacts> executors = Collections.synchronizedMap(new TreeMap<>());
            TaskTrainer task = new TaskTrainer(java.util.UUID.randomUUID().toString(), broadcast, spec.precision(), spec.data().preprocess().toString(),
                    spec.data().split().toString());
            try (ResultsWriter writer = new ResultsWriter(out);
                 ProgressLine progress = new ProgressLine(System.err, Math.max(plannedRuns, completed.size()), completed.size())) {
                sc.sc().addSparkListener(new RunningTasks(progress));
                jobStart = System.nanoTime();
                List<Schedule.Finished> recorded = finished;
                for (List<TrialSpec> runs = job; !runs.isEmpty(); ) {
                    // One partition per trial, longest first: Spark starts tasks in partition order.
                    List<TrialSpec> ordered = new ArrayList<>(runs.stream().map(restore).toList());
                    ordered.sort(Comparator.comparingDouble(TrialSpec::estimatedCost).reversed().thenComparing(TrialSpec::id));
                    RDD<TrialSpec> rdd = sc.parallelize(ordered, ordered.size()).rdd();
                    List<Schedule.Finished> done = Collections.synchronizedList(new ArrayList<>(recorded));
                    recorded = List.of();
                    sc.sc().runJob(rdd, new TaskFunction(task), new ResultHandler(result -> {
                        writer.record(result.row(), result.curves(), result.w(), result.b());
                        rows.add(result.row());
                        executors.merge(result.row().executor(), result.executor(), ExecutorFacts::latest);
                        progress.trialFinished(result.row());
                        boolean state = schedule.continues() && result.w() != null && !result.curves().isEmpty();
                        done.add(new Schedule.Finished(result.row().trial(), result.row().status(), result.row().valAcc(),
                                state ? new TrainingState(result.w(), result.b(), result.curves()) : null));
                    }), ClassTag$.MODULE$.apply(TaskResult.class));
                    runs = schedule.next(List.copyOf(done));
                }
            }
            // For the overhead figure: wall time of the job against the trials' own seconds.
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("spark_seconds", (System.nanoTime() - sparkStart) / 1e9);
            timing.put("job_seconds", (System.nanoTime() - jobStart) / 1e9);
            timing.put("sum_trial_seconds", rows.stream().mapToDouble(ResultsRow::seconds).sum());
            provenance.put("timing", timing);
            if (!schedule.summary().isEmpty()) provenance.put("search", schedule.summary());
            List<ResultsRow> all = new ArrayList<>(completed);
            all.addAll(rows);
            String blasMismatch = describeEnd(provenance, all, executors);
            provenance.write(out);
            ReportBuilder.buildOrWarn(out, System.err);
            if (blasMismatch != null) System.err.println("cifar-sweep: warning: " + blasMismatch);
            String slowKernel = slowKernelWarning(facts(executors, ExecutorFacts::floatKernel));
            if (slowKernel != null) System.err.println("cifar-sweep: warning: " + slowKernel);
            console.println();
            console.print(RankedTable.format(all));
            console.println(summary(all) + "; results in " + out + ", report " + out.resolve(ReportBuilder.PAGE));
            Map<String, Object> search = schedule.summary();
            if (search.containsKey("epochs_spent")) {
                console.printf("%s: %s epochs trained, against %s for the full grid%n", search.get("strategy"),
                        search.get("epochs_spent"), search.get("epochs_full_grid"));
            }
            return List.copyOf(all);
        }
    }

    /** Records what is known at the start; returns the broadcast's size, for the console. */
    private static String describeStart(Provenance provenance, SweepSpec spec, JavaSparkContext sc, SharedData shared,
                                      Path home) {
        provenance.put("started", Instant.now().toString());
        provenance.put("conf", ConfigFactory.parseString(spec.resolvedConf()).root().unwrapped());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("cifar_sweep", String.valueOf(SweepRunner.class.getPackage().getImplementationVersion()));
        versions.put("git_commit", Provenance.gitCommit(home));
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("spark", sc.version());
        versions.put("scala", scala.util.Properties.versionNumberString());
        provenance.put("versions", versions);
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("master", sc.master());
        spark.put("app_id", sc.sc().applicationId());
        spark.put("default_parallelism", sc.defaultParallelism());
        provenance.put("spark", spark);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dir", spec.data().dir().toAbsolutePath().normalize().toString());
        data.put("split", spec.data().split().toString());
        data.put("preprocess", spec.data().preprocess().toString());
        data.put("files", Provenance.checksums(CifarLoader.filesFor(spec.data().dir(), spec.data().split())));
        provenance.put("data", data);
        Map<String, Object> broadcast = new LinkedHashMap<>();
        long bytes = shared.serializedBytes();
        broadcast.put("bytes", bytes);
        broadcast.put("pixels", shared.pixels());
        broadcast.put("bytes_per_pixel", (double) bytes / shared.pixels());
        // Spark compresses broadcast blocks (spark.broadcast.compress, lz4 by default): this is what is shipped.
        CompressionCodec codec = CompressionCodec$.MODULE$.createCodec(sc.getConf());
        long compressed = shared.serializedBytes(codec::compressedOutputStream);
        broadcast.put("compressed_bytes", compressed);
        broadcast.put("compressed_bytes_per_pixel", (double) compressed / shared.pixels());
        broadcast.put("codec", codec.getClass().getSimpleName());
        provenance.put("broadcast", broadcast);
        provenance.put("blas_driver", BlasBackend.describe());
        provenance.put("float32_kernel_driver", ExecutorFacts.describeFloatKernel());
        if (BlasBackend.warning() != null) provenance.put("blas_driver_warning", BlasBackend.warning());
        return String.format("%.1f MB serialized (%.4f bytes/pixel), %.1f MB after %s (%.4f bytes/pixel)",
                bytes / 1e6, (double) bytes / shared.pixels(), compressed / 1e6, codec.getClass().getSimpleName(),
                (double) compressed / shared.pixels());
    }

    /** Records what is known at the end; returns the BLAS mismatch warning, or null when every JVM had the same. */
    private static String describeEnd(Provenance provenance, List<ResultsRow> rows, Map<String, ExecutorFacts> executors) {
        provenance.put("finished", Instant.now().toString());
        Map<String, String> executorBlas = facts(executors, ExecutorFacts::blas);
        provenance.put("blas_executors", executorBlas);
        Map<String, String> blasWarnings = BlasCheck.executorWarnings(executorBlas);
        if (!blasWarnings.isEmpty()) provenance.put("blas_executor_warnings", blasWarnings);
        String mismatch = BlasCheck.mismatch(BlasBackend.describe(), executorBlas);
        if (mismatch != null) provenance.put("blas_mismatch", mismatch);
        provenance.put("decodes_per_executor_jvm", facts(executors, ExecutorFacts::decodesInJvm));
        provenance.put("decoded_bytes_per_executor_jvm", facts(executors, ExecutorFacts::decodedBytesInJvm));
        provenance.put("float32_kernel_executors", facts(executors, ExecutorFacts::floatKernel));
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TrainingStatus status : TrainingStatus.values()) {
            counts.put(status.toString(), rows.stream().filter(r -> r.status() == status).count());
        }
        provenance.put("trials", counts);
        return mismatch;
    }

    /** One line naming the executors that trained float32 on the scalar kernel, or null when none did. */
    static String slowKernelWarning(Map<String, String> floatKernels) {
        List<String> slow = floatKernels.entrySet().stream()
                .filter(e -> e.getValue().contains("; warning: ")).map(Map.Entry::getKey).toList();
        if (slow.isEmpty()) return null;
        String detail = floatKernels.get(slow.get(0));
        return "executor(s) " + String.join(", ", slow) + " trained float32 on the scalar pixel kernel ("
                + detail.substring(detail.indexOf("; warning: ") + 11) + ")";
    }

    private static <T> Map<String, T> facts(Map<String, ExecutorFacts> executors, Function<ExecutorFacts, T> fact) {
        Map<String, T> byExecutor = new TreeMap<>();
        synchronized (executors) {
            executors.forEach((executor, facts) -> byExecutor.put(executor, fact.apply(facts)));
        }
        return byExecutor;
    }

    static String summary(List<ResultsRow> rows) {
        long ok = rows.stream().filter(r -> r.status() == TrainingStatus.OK).count();
        long diverged = rows.stream().filter(r -> r.status() == TrainingStatus.DIVERGED).count();
        long failed = rows.stream().filter(r -> r.status() == TrainingStatus.FAILED).count();
        return String.format("%d trials: %d ok, %d diverged, %d failed", rows.size(), ok, diverged, failed);
    }

    /** Counts running tasks for the progress line. */
    private static final class RunningTasks extends SparkListener {
        private final ProgressLine progress;

        RunningTasks(ProgressLine progress) {
            this.progress = progress;
        }

        @Override
        public void onTaskStart(SparkListenerTaskStart taskStart) {
            progress.taskStarted();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
            progress.taskEnded();
        }
    }
}
