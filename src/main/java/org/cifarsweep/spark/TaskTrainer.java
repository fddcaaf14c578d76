package org.cifarsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskKilledException;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.memory.SparkOutOfMemoryError;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.ModelWeights;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.TrialPack;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.PackTrainer;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingStatus;

/**
 * Runs one {@link TrialPack} inside a Spark task: its runs together ({@link PackTrainer}), or a run alone
 * ({@link Trainer}).
 *
 * <ul>
 *   <li>First it checks the sweep's memory need against the heap of its JVM ({@link MemoryCheck#checkHeap}); if it
 *   does not fit, it trains nothing and returns the line that stops the sweep.</li>
 *   <li>A {@code RuntimeException} of training is the trial's own failure: it is returned as a {@code failed} row,
 *   so that Spark does not retry a deterministic failure. In a pack, the members not yet finished when it was thrown
 *   are trained again alone, so that the failure is recorded only against the run it belongs to.</li>
 *   <li>Everything else leaves the task: an {@code OutOfMemoryError} or another {@code Error} makes Spark fail the
 *   attempt (and end the JVM, for a fatal one) and retry the task, up to spark.task.maxFailures attempts. A fatal
 *   error is noted ({@link FatalErrors}) on its way out, so that a driver in local mode can say what ended it.</li>
 *   <li>A task Spark has killed (its job was cancelled or aborted) stops at the end of its current epoch.</li>
 * </ul>
 */
final class TaskTrainer implements Serializable {
    private static final Pattern CORES_ARGUMENT = Pattern.compile("--cores\\s+(\\d+)");

    private final String sweepId;
    private final Broadcast<SharedData> data;
    private final Precision precision;
    private final String preprocess;
    private final String split;
    private final MemoryCheck memory;
    private final int localTasks;
    private final TestHooks hooks;
    private final boolean sendWeights;

    /**
     * @param memory     the sweep's sizes, for the check in each task
     * @param localTasks in local mode, how many tasks the driver runs at a time
     * @param sendWeights whether the result carries W and b (the driver may keep them, or continue the run)
     */
    TaskTrainer(String sweepId, Broadcast<SharedData> data, Precision precision, String preprocess, String split,
                MemoryCheck memory, int localTasks, TestHooks hooks, boolean sendWeights) {
        this.sweepId = sweepId;
        this.data = data;
        this.precision = precision;
        this.preprocess = preprocess;
        this.split = split;
        this.memory = memory;
        this.localTasks = localTasks;
        this.hooks = hooks;
        this.sendWeights = sendWeights;
    }

    PackResult run(TaskContext context, TrialPack pack) {
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        String host = SparkEnv.get() == null ? "localhost" : SparkEnv.get().blockManager().blockManagerId().host();
        String stop = memory.checkHeap(executor, hooks.heapOr(Runtime.getRuntime().maxMemory()), concurrentTasks(executor));
        if (stop != null) return PackResult.stopping(stop);
        Where where = new Where(context, host, executor, pack.label());
        List<TrialSpec> runs = pack.members();
        // Named now: a fatal error may leave no heap to build the name with.
        String what = pack.packed() ? "trials " + runs.stream().map(TrialSpec::id).collect(Collectors.joining(", "))
                + " (one pack)" : "trial " + runs.get(0).id();
        TrainingData decoded;
        try {
            decoded = DecodedDataCache.get(sweepId, data, precision);
        } catch (RuntimeException e) {
            List<TaskResult> failed = new ArrayList<>();
            for (TrialSpec run : runs) failed.add(failed(run, e, System.nanoTime(), where));
            return new PackResult(failed, null, null);
        }
        try {
            for (TrialSpec run : runs) hooks.beforeTraining(run.id(), context.attemptNumber());
            if (!pack.packed()) return new PackResult(List.of(alone(runs.get(0), pack.streamSeed(), decoded, where)), null, null);
            return packed(pack, decoded, where);
        } catch (VirtualMachineError e) {
            // Noted, not handled: the error goes on, and Spark ends this JVM (SparkOutOfMemoryError, Spark's memory
            // manager refusing a task, fails the attempt only).
            if (!(e instanceof SparkOutOfMemoryError)) FatalErrors.note(what, e);
            throw e;
        }
    }

    /** Where a task runs, and the label of its pack for the rows. */
    private record Where(TaskContext context, String host, String executor, String pack) { }

    /**
     * The runs of a pack trained together. A training error is not blamed on the pack: the members it had not
     * finished are trained again alone, so that an error is recorded only against the run it belongs to.
     */
    private PackResult packed(TrialPack pack, TrainingData decoded, Where where) {
        List<TrialSpec> runs = pack.members();
        TaskResult[] results = new TaskResult[runs.size()];
        PackTrainer.Stats[] stats = new PackTrainer.Stats[1];
        List<PackTrainer.Member> members = new ArrayList<>(runs.size());
        for (TrialSpec run : runs) members.add(new PackTrainer.Member(run.config(), run.start()));
        try {
            new PackTrainer().train(members, decoded, pack.streamSeed(), new PackTrainer.Listener() {
                @Override
                public void epochDone(int member, EpochMetrics metrics) {
                    where.context().killTaskIfInterrupted();
                }

                @Override
                public void memberDone(int member, TrainingOutcome outcome) {
                    results[member] = result(runs.get(member), outcome, where);
                }

                @Override
                public void packDone(PackTrainer.Stats done) {
                    stats[0] = done;
                }
            });
        } catch (TaskKilledException e) {
            throw e;
        } catch (RuntimeException e) {
            for (int m = 0; m < runs.size(); m++) {
                if (results[m] == null) {
                    results[m] = alone(runs.get(m), pack.streamSeed(), decoded, new Where(where.context(),
                            where.host(), where.executor(), ""));
                }
            }
        }
        return new PackResult(List.of(results), stats[0], null);
    }

    /** One run trained alone; a {@code RuntimeException} of its training is its own failure, a {@code failed} row. */
    private TaskResult alone(TrialSpec run, long streamSeed, TrainingData decoded, Where where) {
        long start = System.nanoTime();
        try {
            TrainingOutcome outcome = new Trainer().train(run.config(), decoded,
                    epoch -> where.context().killTaskIfInterrupted(), run.start(), streamSeed);
            return result(run, outcome, where);
        } catch (TaskKilledException e) {
            throw e;   // Spark's own: the task was cancelled, not failed
        } catch (RuntimeException e) {
            return failed(run, e, start, where);
        }
    }

    private TaskResult result(TrialSpec run, TrainingOutcome outcome, Where where) {
        ResultsRow row = ResultsRow.of(run, preprocess, split, outcome, where.host(), where.executor(), where.pack());
        boolean hasWeights = sendWeights && outcome.status() != TrainingStatus.FAILED;
        return new TaskResult(row, outcome.curves(), hasWeights
                ? ModelWeights.of(outcome.model().weightRows(), outcome.model().biases(), precision) : null,
                ExecutorFacts.here(sweepId, precision));
    }

    private TaskResult failed(TrialSpec run, RuntimeException e, long start, Where where) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        TrainingOutcome failed = new TrainingOutcome(TrainingStatus.FAILED, reason, List.of(), Double.NaN, null,
                (System.nanoTime() - start) / 1e9);
        return new TaskResult(ResultsRow.of(run, preprocess, split, failed, where.host(), where.executor(), where.pack()),
                List.of(), null, ExecutorFacts.here(sweepId, precision));
    }

    /** How many tasks this JVM runs at a time: the driver's in local mode, else the executor's cores. */
    private int concurrentTasks(String executor) {
        if (executor.equals("driver") || SparkEnv.get() == null) return localTasks;
        SparkConf conf = SparkEnv.get().conf();
        int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        int cores;
        if (conf.contains("spark.executor.cores")) {
            cores = conf.getInt("spark.executor.cores", 1);
        } else {
            // A standalone executor without spark.executor.cores has every core of its worker: its launch says how many.
            Matcher m = CORES_ARGUMENT.matcher(System.getProperty("sun.java.command", ""));
            cores = m.find() ? Integer.parseInt(m.group(1)) : Runtime.getRuntime().availableProcessors();
        }
        return Math.max(1, cores / taskCpus);
    }
}
