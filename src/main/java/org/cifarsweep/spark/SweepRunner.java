package org.cifarsweep.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.CompressionCodec$;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.TrainingState;
import scala.reflect.ClassTag$;

/**
 * Runs a sweep's Spark jobs: broadcasts the data once, runs one task per run, longest first, one job per step of the
 * schedule (successive halving: one per rung), and streams each finished run to a {@link TrialSink} as it arrives.
 * What to keep, write and report is the sink's. This is the only package that imports Spark.
 */
public final class SweepRunner {
    private final PrintStream progressOut;

    /** {@code progressOut}: where the progress line goes (stderr for the command line). */
    public SweepRunner(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    /** Runs {@code job}, handing each finished run to {@code sink}; returns how the jobs went. */
    public SweepOutcome run(SweepJob job, TrialSink sink) {
        SweepSpec spec = job.spec();
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
        long sparkStart = System.nanoTime();
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf)) {
            Normalization normalization = Normalization.fit(spec.data().preprocess(), job.dataset().train());
            SharedData shared = new SharedData(job.dataset(), normalization);
            Broadcast<SharedData> broadcast = sc.broadcast(shared);
            sink.started(describeStart(sc, shared));

            Map<String, ExecutorFacts> executors = Collections.synchronizedMap(new TreeMap<>());
            DoubleAdder trialSeconds = new DoubleAdder();
            TaskTrainer trainer = new TaskTrainer(UUID.randomUUID().toString(), broadcast, spec.precision(),
                    spec.data().preprocess().toString(), spec.data().split().toString());
            SweepPlan plan = job.plan();
            long jobStart;
            try (ProgressLine progress = new ProgressLine(progressOut, plan.plannedRuns(), plan.alreadyDone())) {
                sc.sc().addSparkListener(new RunningTasks(progress));
                jobStart = System.nanoTime();
                Schedule schedule = plan.schedule();
                List<Schedule.Finished> recorded = plan.finished();
                for (List<TrialSpec> runs = plan.toRun(); !runs.isEmpty(); ) {
                    List<Schedule.Finished> done = Collections.synchronizedList(new ArrayList<>(recorded));
                    recorded = List.of();
                    runJob(sc, trainer, runs, result -> {
                        sink.finished(result);
                        executors.merge(result.row().executor(), result.executor(), ExecutorFacts::latest);
                        trialSeconds.add(result.row().seconds());
                        progress.trialFinished(result.row());
                        done.add(finished(result, schedule.continues()));
                    });
                    runs = schedule.next(List.copyOf(done));
                }
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("spark_seconds", (System.nanoTime() - sparkStart) / 1e9);
            timing.put("job_seconds", (System.nanoTime() - jobStart) / 1e9);
            timing.put("sum_trial_seconds", trialSeconds.sum());
            return new SweepOutcome(timing, plan.schedule().summary(), describeExecutors(executors),
                    warnings(executors));
        }
    }

    /** One Spark job of {@code runs}: one partition each, longest first (Spark starts tasks in partition order). */
    private static void runJob(JavaSparkContext sc, TaskTrainer trainer, List<TrialSpec> runs,
                               java.util.function.Consumer<TaskResult> onResult) {
        List<TrialSpec> ordered = new ArrayList<>(runs);
        ordered.sort(Comparator.comparingDouble(TrialSpec::estimatedCost).reversed().thenComparing(TrialSpec::id));
        RDD<TrialSpec> rdd = sc.parallelize(ordered, ordered.size()).rdd();
        sc.sc().runJob(rdd, new TaskFunction(trainer), new ResultHandler(onResult),
                ClassTag$.MODULE$.apply(TaskResult.class));
    }

    /** What the schedule weighs of a run; its W and b only when a survivor may continue from them. */
    private static Schedule.Finished finished(TaskResult result, boolean keepState) {
        boolean state = keepState && result.w() != null && !result.curves().isEmpty();
        return new Schedule.Finished(result.row().trial(), result.row().status(), result.row().valAcc(),
                state ? new TrainingState(result.w(), result.b(), result.curves()) : null);
    }

    private static SparkStart describeStart(JavaSparkContext sc, SharedData shared) {
        // Spark compresses broadcast blocks (spark.broadcast.compress, lz4 by default): that is what is shipped.
        CompressionCodec codec = CompressionCodec$.MODULE$.createCodec(sc.getConf());
        return new SparkStart(sc.version(), scala.util.Properties.versionNumberString(), sc.master(),
                sc.sc().applicationId(), sc.defaultParallelism(), shared.serializedBytes(), shared.pixels(),
                shared.serializedBytes(codec::compressedOutputStream), codec.getClass().getSimpleName());
    }

    /** What each executor JVM used, by provenance key. */
    private static Map<String, Object> describeExecutors(Map<String, ExecutorFacts> executors) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, String> executorBlas = facts(executors, ExecutorFacts::blas);
        facts.put("blas_executors", executorBlas);
        Map<String, String> blasWarnings = BlasCheck.executorWarnings(executorBlas);
        if (!blasWarnings.isEmpty()) facts.put("blas_executor_warnings", blasWarnings);
        String mismatch = BlasCheck.mismatch(BlasBackend.describe(), executorBlas);
        if (mismatch != null) facts.put("blas_mismatch", mismatch);
        facts.put("decodes_per_executor_jvm", facts(executors, ExecutorFacts::decodesInJvm));
        facts.put("decoded_bytes_per_executor_jvm", facts(executors, ExecutorFacts::decodedBytesInJvm));
        facts.put("float32_kernel_executors", facts(executors, ExecutorFacts::floatKernel));
        return facts;
    }

    /** The end-of-sweep warnings: BLAS that differs between the driver and executors, and slow float32 kernels. */
    private static List<String> warnings(Map<String, ExecutorFacts> executors) {
        List<String> warnings = new ArrayList<>();
        String mismatch = BlasCheck.mismatch(BlasBackend.describe(), facts(executors, ExecutorFacts::blas));
        if (mismatch != null) warnings.add(mismatch);
        String slowKernel = slowKernelWarning(facts(executors, ExecutorFacts::floatKernel));
        if (slowKernel != null) warnings.add(slowKernel);
        return warnings;
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
