package org.cifarsweep.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.time.Duration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.CompressionCodec$;
import org.apache.spark.rdd.RDD;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.AsyncSchedule;
import org.cifarsweep.sweep.Packer;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialPack;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingStatus;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkException;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.BoxedUnit;

/**
 * Runs a sweep's Spark jobs: broadcasts the data once, runs one task per pack of runs ({@link Packer}), longest
 * first, one job per step of the
 * schedule (successive halving: one per rung), and streams each finished run to a {@link TrialSink} as it arrives.
 * What to keep, write and report is the sink's. This is the only package that imports Spark.
 */
public final class SweepRunner {
    private final PrintStream progressOut;

    /** {@code progressOut}: where the progress line goes (stderr for the command line). */
    public SweepRunner(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    /**
     * Runs {@code job}, handing each finished run to {@code sink}; returns how the jobs went.
     *
     * <p>A run whose every attempt failed (spark.task.maxFailures) aborts its Spark job: it is handed to the sink as a
     * {@code failed} row with the cause, the runs of that job that had not finished run again in a new job, and the
     * sweep then stops before the schedule's next job (successive halving would pick its survivors without it);
     * {@link SweepOutcome#lost()} lists such runs.
     *
     * @throws IllegalArgumentException with the one line of {@link MemoryCheck#checkHeap}, when a task finds its JVM
     *                                  too small for the sweep (the sweep stops there)
     * @throws FatalTaskError           when a task died of a fatal error in this JVM (local mode), which Spark ends
     */
    public SweepOutcome run(SweepJob job, TrialSink sink) {
        SweepSpec spec = job.spec();
        SparkConf sparkConf = new SparkConf().setAppName("cifar-sweep " + spec.name())
                .setIfMissing("spark.master", "local[*]")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        spec.sparkSettings().forEach(sparkConf::set);
        String master = sparkConf.get("spark.master");
        MemoryCheck.Settings settings = MemoryCheck.Settings.of(settings(sparkConf), System.getenv(),
                Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
        TestHooks hooks = TestHooks.of(sparkConf);
        int maxFailures = maxTaskFailures(master, sparkConf.get("spark.task.maxFailures", null));
        // In local mode the tasks run in this JVM: compile the float32 kernel while Spark starts, rather than in
        // the first task (PixelKernel.warmUp is once per JVM; a task that needs it first waits for it).
        if (spec.precision() == Precision.FLOAT && master.startsWith("local")) {
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
            SweepPlan plan = job.plan();
            // W and b travel back only when the driver may keep them or continue the run.
            boolean sendWeights = spec.weights().kind() != WeightsPolicy.Kind.NONE || plan.schedule().continues();
            TaskTrainer trainer = new TaskTrainer(UUID.randomUUID().toString(), broadcast, spec.precision(),
                    spec.data().preprocess().toString(), spec.data().split().toString(),
                    MemoryCheck.of(spec, job.dataset()), settings.tasks(), hooks, sendWeights);
            TaskFailures failures = new TaskFailures();
            sc.sc().addSparkListener(failures);
            long maxResultSize = sc.getConf().getSizeAsBytes("spark.driver.maxResultSize",
                    String.valueOf(ResultBudget.SPARK_DEFAULT));
            IntToLongFunction resultBytes = maxEpochs -> ResultBudget.resultBytes(job.dataset().classNames().size(),
                    Images.PIXELS, spec.precision(), sendWeights, maxEpochs);
            IntToLongFunction stateBytes = epochs -> ResultBudget.stateBytes(job.dataset().classNames().size(),
                    Images.PIXELS, epochs);
            int classes = job.dataset().classNames().size();
            PackLog packLog = new PackLog(spec, Packer.maxMembers(spec, classes));
            Jobs jobs = new Jobs(sc, trainer, failures, maxFailures, spec, maxResultSize, resultBytes,
                    plan.schedule(), hooks.stateBudgetOr(ResultBudget.STATE_BUDGET), stateBytes,
                    Packer.of(spec, classes), packLog);
            List<LostRun> lost = new ArrayList<>();
            long jobStart;
            IdleCores idle = new IdleCores(sc.defaultParallelism());
            try (ProgressLine progress = new ProgressLine(progressOut, plan.plannedRuns(), plan.alreadyDone())) {
                sc.sc().addSparkListener(new RunningTasks(progress));
                jobStart = System.nanoTime();
                sc.sc().addSparkListener(idle);
                Consumer<TaskResult> delivered = result -> {
                    sink.finished(result);
                    if (result.executor() != null) {
                        executors.merge(result.row().executor(), result.executor(), ExecutorFacts::latest);
                    }
                    trialSeconds.add(result.row().seconds());
                    progress.trialFinished(result.row());
                };
                if (plan.schedule() instanceof AsyncSchedule async) {
                    progress.totalIsEstimate();
                    lost.addAll(new AsyncRuns(sc, jobs, async, sink, delivered).run(sc.defaultParallelism()));
                } else {
                    runJobs(plan, jobs, sink, delivered, lost);
                }
            }
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("spark_seconds", (System.nanoTime() - sparkStart) / 1e9);
            timing.put("job_seconds", (System.nanoTime() - jobStart) / 1e9);
            timing.put("sum_trial_seconds", trialSeconds.sum());
            timing.put("cores", sc.defaultParallelism());
            timing.put("idle_core_seconds", idle.idleCoreSeconds());
            return new SweepOutcome(timing, plan.schedule().summary(), describeExecutors(executors),
                    warnings(executors), lost, packLog.summary());
        }
    }

    /** Each job of the schedule in turn, the next chosen from the results of the one before. */
    private static void runJobs(SweepPlan plan, Jobs jobs, TrialSink sink, Consumer<TaskResult> delivered,
                                List<LostRun> lost) {
        Schedule schedule = plan.schedule();
        List<Schedule.Finished> recorded = plan.finished();
        for (List<TrialSpec> runs = plan.toRun(); !runs.isEmpty(); ) {
            List<Schedule.Finished> done = Collections.synchronizedList(new ArrayList<>(recorded));
            recorded = List.of();
            List<LostRun> lostHere = jobs.runAll(runs, result -> {
                delivered.accept(result);
                done.add(finished(result));
            });
            lost.addAll(lostHere);
            // The next job is chosen from this one's results: not without the runs Spark gave up on.
            runs = lostHere.isEmpty() ? schedule.next(List.copyOf(done)) : List.of();
            if (lostHere.isEmpty() && schedule.continues()) sink.decided(List.copyOf(done), runs);
        }
    }

    /** SparkConf's entries (spark-submit's settings and the conf's), for {@link MemoryCheck.Settings}. */
    private static Map<String, String> settings(SparkConf conf) {
        Map<String, String> map = new TreeMap<>();
        for (scala.Tuple2<String, String> entry : conf.getAll()) map.put(entry._1(), entry._2());
        return map;
    }

    /**
     * How many attempts Spark makes of a task: local[N] tries once and local[N,F] F times (Spark ignores
     * spark.task.maxFailures in local mode); a cluster tries spark.task.maxFailures times (4 by default).
     */
    static int maxTaskFailures(String master, String configured) {
        Matcher local = LOCAL_WITH_FAILURES.matcher(master);
        if (local.matches()) return Integer.parseInt(local.group(1));
        if (master.equals("local") || master.startsWith("local[")) return 1;
        return configured == null ? 4 : Integer.parseInt(configured.strip());
    }

    private static final Pattern LOCAL_WITH_FAILURES = Pattern.compile("local\\[\\s*(?:\\d+|\\*)\\s*,\\s*(\\d+)\\s*]");
    /** Spark's abort message names the task it gave up on: "Task 3 in stage 0.0 failed 4 times". */
    private static final Pattern ABORTED_TASK = Pattern.compile("Task (\\d+) in stage \\S+ failed (\\d+) times?");

    /** The Spark jobs of a sweep: each list of runs, in packs, until every run has a result. */
    static final class Jobs {
        private final JavaSparkContext sc;
        private final TaskTrainer trainer;
        private final TaskFailures failures;
        private final int maxFailures;
        private final SweepSpec spec;
        private final long maxResultSize;
        private final IntToLongFunction resultBytes;
        private final Schedule schedule;
        private final long stateBudget;
        private final IntToLongFunction stateBytes;
        private final Packer packer;
        private final PackLog packLog;
        private final AtomicInteger jobs = new AtomicInteger();
        private final AtomicInteger packs = new AtomicInteger();

        /**
         * @param maxResultSize spark.driver.maxResultSize in bytes (0: unlimited)
         * @param resultBytes   an upper estimate of one task result's bytes, given the most epochs of a job's runs
         * @param schedule      reads in the state a continuation refers to ({@link Schedule#prepared})
         * @param stateBudget   the bytes of continuations' states one job may hold on the driver
         * @param stateBytes    an upper estimate of one state's bytes, given its epochs
         * @param packer        groups a job's runs into packs
         * @param packLog       records the packs trained
         */
        Jobs(JavaSparkContext sc, TaskTrainer trainer, TaskFailures failures, int maxFailures, SweepSpec spec,
             long maxResultSize, IntToLongFunction resultBytes, Schedule schedule, long stateBudget,
             IntToLongFunction stateBytes, Packer packer, PackLog packLog) {
            this.sc = sc;
            this.trainer = trainer;
            this.failures = failures;
            this.maxFailures = maxFailures;
            this.spec = spec;
            this.maxResultSize = maxResultSize;
            this.resultBytes = resultBytes;
            this.schedule = schedule;
            this.stateBudget = stateBudget;
            this.stateBytes = stateBytes;
            this.packer = packer;
            this.packLog = packLog;
        }

        /**
         * Runs {@code runs} until each has handed {@code onResult} a result: its own, or a failed row when Spark
         * gave up on its task. Returns the runs Spark gave up on. The runs, longest first, go in consecutive Spark
         * jobs small enough that a job's results stay under half of spark.driver.maxResultSize, and that the states
         * its continuations carry stay under the state budget ({@link ResultBudget}). A continuation's state is read
         * in only as its job is submitted ({@link Schedule#prepared}), and let go when the job ends. Each job's runs
         * are packed for the cores Spark has then ({@link Packer}), a task per pack.
         */
        List<LostRun> runAll(List<TrialSpec> runs, Consumer<TaskResult> onResult) {
            return runAll(runs, onResult, () -> { });
        }

        /**
         * As {@link #runAll(List, Consumer)}; {@code submitted} runs once the first Spark job is submitted (it has its
         * place in Spark's FIFO queue), while that job runs.
         */
        List<LostRun> runAll(List<TrialSpec> runs, Consumer<TaskResult> onResult, Runnable submitted) {
            int maxEpochs = runs.stream().mapToInt(t -> t.config().nEpochs()).max().orElse(0);
            int perJob = ResultBudget.runsPerJob(maxResultSize, resultBytes.applyAsLong(maxEpochs));
            if (runs.stream().anyMatch(t -> t.from() != null || t.start() != null)) {
                perJob = Math.min(perJob, ResultBudget.statesPerJob(stateBudget, stateBytes.applyAsLong(maxEpochs)));
            }
            List<LostRun> lost = new ArrayList<>();
            for (List<TrialSpec> chunk : ResultBudget.split(runs.stream().sorted(TrialSpec.LONGEST_FIRST).toList(), perJob)) {
                List<TrialSpec> ready = new ArrayList<>(chunk.size());
                for (TrialSpec run : chunk) ready.add(schedule.prepared(run));
                List<TrialPack> packed;
                synchronized (packs) {
                    packed = packer.pack(ready, sc.defaultParallelism(), packs.get() + 1);
                    packs.addAndGet((int) packed.stream().filter(TrialPack::packed).count());
                }
                lost.addAll(runUntilDone(packed, onResult, submitted));
            }
            return lost;
        }

        /**
         * One job of {@code packs}, and a new one of its unfinished packs after each abort, until none is left. A
         * pack Spark gave up on trains its members alone in the next job (its size may be what failed); a run alone
         * that Spark gave up on is lost.
         */
        private List<LostRun> runUntilDone(List<TrialPack> packs, Consumer<TaskResult> onResult, Runnable submitted) {
            List<LostRun> lost = new ArrayList<>();
            List<TrialPack> pending = packs;
            while (!pending.isEmpty()) {
                List<TrialPack> ordered = pending;
                Set<Integer> delivered = ConcurrentHashMap.newKeySet();
                AtomicReference<String> stop = new AtomicReference<>();
                int job = jobs.incrementAndGet();
                String group = "cifar-sweep-job-" + job;
                sc.setJobGroup(group, "cifar-sweep " + spec.name() + " job " + job, false);
                try {
                    runJob(ordered, (partition, result) -> {
                        if (result.stop() != null) {
                            if (stop.compareAndSet(null, result.stop())) sc.cancelJobGroup(group);
                            return;
                        }
                        result.results().forEach(onResult);
                        packLog.delivered(ordered.get(partition), result);
                        delivered.add(partition);
                    }, submitted);
                    if (stop.get() != null) throw new IllegalArgumentException(stop.get());
                    return lost;
                } catch (Exception e) {
                    if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                    if (FatalErrors.noted() != null) throw new FatalTaskError(FatalErrors.noted(), e);
                    if (stop.get() != null) throw new IllegalArgumentException(stop.get(), e);
                    List<Integer> exhausted = exhausted(group, e, ordered.size(), delivered);
                    if (exhausted.isEmpty()) throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                    Map<Integer, TaskFailures.Failure> failed = failuresOf(group);
                    List<TrialPack> next = new ArrayList<>();
                    for (int p = 0; p < ordered.size(); p++) {
                        TrialPack pack = ordered.get(p);
                        if (delivered.contains(p)) continue;
                        if (!exhausted.contains(p)) {
                            next.add(pack);
                        } else if (pack.packed()) {
                            for (TrialSpec run : pack.members()) next.add(TrialPack.alone(run, pack.streamSeed()));
                        } else {
                            TrialSpec run = pack.members().get(0);
                            LostRun lostRun = lostRun(run, failed.get(p), e);
                            lost.add(lostRun);
                            onResult.accept(failedResult(run, lostRun, failed.get(p)));
                        }
                    }
                    pending = next;
                } finally {
                    sc.clearJobGroup();
                }
            }
            return lost;
        }

        /**
         * One Spark job of {@code ordered}, a task per pack; {@code submitted} runs as soon as the job is queued.
         * Waits for the job, and throws what made it fail (Spark's own exception, unwrapped).
         */
        private void runJob(List<TrialPack> ordered, BiConsumer<Integer, PackResult> onResult, Runnable submitted)
                throws Exception {
            RDD<TrialPack> rdd = sc.parallelize(ordered, ordered.size()).rdd();
            List<Object> partitions = new ArrayList<>();
            for (int p = 0; p < ordered.size(); p++) partitions.add(p);
            SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd, new PartitionFunction(trainer),
                    CollectionConverters.asScala(partitions).toSeq(), new ResultHandler(onResult), UNIT);
            submitted.run();
            try {
                job.get();
            } catch (SparkException e) {
                // FutureAction.get wraps the job's failure in "Exception thrown in awaitResult".
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        /** The partitions Spark gave up on in the aborted job of {@code group}: from its listener, or its message. */
        private List<Integer> exhausted(String group, Exception abort, int partitions, Set<Integer> delivered) {
            List<Integer> found = new ArrayList<>();
            failuresOf(group).forEach((p, f) -> {
                if (f.attempts() >= maxFailures && !delivered.contains(p)) found.add(p);
            });
            if (found.isEmpty()) {
                for (Throwable t = abort; t != null; t = t.getCause()) {
                    Matcher m = ABORTED_TASK.matcher(String.valueOf(t.getMessage()));
                    if (m.find() && Integer.parseInt(m.group(1)) < partitions
                            && !delivered.contains(Integer.parseInt(m.group(1)))) {
                        found.add(Integer.parseInt(m.group(1)));
                        break;
                    }
                }
            }
            found.sort(null);
            return found;
        }

        private Map<Integer, TaskFailures.Failure> failuresOf(String group) {
            try {
                return failures.awaitJobEnd(group, LISTENER_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the failures of " + group, e);
            }
        }

        private static LostRun lostRun(TrialSpec run, TaskFailures.Failure failure, Exception abort) {
            if (failure != null) return new LostRun(run.id(), failure.cause(), failure.attempts(), failure.resources());
            Matcher m = ABORTED_TASK.matcher(String.valueOf(abort.getMessage()));
            int attempts = m.find() ? Integer.parseInt(m.group(2)) : 1;
            return new LostRun(run.id(), "task failed (" + abort.getClass().getSimpleName() + "; see the driver log)",
                    attempts, false);
        }

        private TaskResult failedResult(TrialSpec run, LostRun lost, TaskFailures.Failure failure) {
            TrainingOutcome outcome = new TrainingOutcome(TrainingStatus.FAILED, lost.reason(), List.of(), Double.NaN,
                    null, failure == null ? 0 : failure.seconds());
            ResultsRow row = ResultsRow.of(run, spec.data().preprocess().toString(), spec.data().split().toString(),
                    outcome, failure == null ? "unknown" : failure.host(), failure == null ? "unknown" : failure.executor());
            return new TaskResult(row, List.of(), null, null);
        }
    }

    /** The value of a job that returns nothing. */
    private static final scala.Function0<BoxedUnit> UNIT = new scala.runtime.AbstractFunction0<>() {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    };

    /** How long the driver waits for Spark's listener bus to report an aborted job's failures. */
    private static final Duration LISTENER_WAIT = Duration.ofSeconds(60);

    /**
     * What the schedule weighs of a run: its name, status and val_acc, not its W (the sink keeps a survivor's state
     * on disk, and the schedule reads it back through its RecordedStates), so the driver's memory stays flat.
     */
    static Schedule.Finished finished(TaskResult result) {
        return new Schedule.Finished(result.row().trial(), result.row().status(), result.row().valAcc(), null);
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
