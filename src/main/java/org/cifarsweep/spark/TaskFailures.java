package org.cifarsweep.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.TaskEndReason;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskResultLost$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The failed attempts of each task, by job group and partition, as Spark's listener bus reports them. When Spark
 * gives up on a task (spark.task.maxFailures attempts) it aborts the whole job; {@link SweepRunner} then reads here
 * which run that was and why, records it as failed, and runs the rest again.
 *
 * <p>Listener events arrive on their own thread, after the fact; a job's events all precede its end, so
 * {@link #awaitJobEnd} waits for that before anyone reads a job's failures.
 */
final class TaskFailures extends SparkListener {
    /** The local property that carries a job's group (SparkContext.SPARK_JOB_GROUP_ID). */
    static final String JOB_GROUP = "spark.jobGroup.id";

    /**
     * One task's failed attempts so far: how many counted towards spark.task.maxFailures, and the last one's cause,
     * whether it was a lack of resources, and where it ran.
     */
    record Failure(int attempts, String cause, boolean resources, String host, String executor, double seconds) { }

    private final Map<Integer, String> groupOfStage = new HashMap<>();
    private final Map<Integer, String> groupOfJob = new HashMap<>();
    private final Map<Integer, List<Integer>> stagesOfJob = new HashMap<>();
    private final Map<String, Map<Integer, Failure>> failures = new HashMap<>();
    private final Set<String> ended = new HashSet<>();

    @Override
    public synchronized void onJobStart(SparkListenerJobStart jobStart) {
        Properties properties = jobStart.properties();
        String group = properties == null ? null : properties.getProperty(JOB_GROUP);
        if (group == null) return;
        groupOfJob.put(jobStart.jobId(), group);
        List<Integer> stages = new ArrayList<>();
        for (StageInfo stage : CollectionConverters.asJava(jobStart.stageInfos())) {
            groupOfStage.put(stage.stageId(), group);
            stages.add(stage.stageId());
        }
        stagesOfJob.put(jobStart.jobId(), stages);
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        String group = groupOfStage.get(taskEnd.stageId());
        if (group == null || !(taskEnd.reason() instanceof TaskFailedReason reason) || !reason.countTowardsTaskFailures()) {
            return;
        }
        TaskInfo info = taskEnd.taskInfo();
        int partition = info.partitionId() >= 0 ? info.partitionId() : info.index();
        Map<Integer, Failure> ofJob = failures.computeIfAbsent(group, g -> new HashMap<>());
        Failure before = ofJob.get(partition);
        ofJob.put(partition, new Failure(before == null ? 1 : before.attempts() + 1, cause(reason), isResources(reason),
                info.host(), info.executorId(), info.duration() / 1e3));
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd jobEnd) {
        String group = groupOfJob.remove(jobEnd.jobId());
        stagesOfJob.getOrDefault(jobEnd.jobId(), List.of()).forEach(groupOfStage::remove);
        stagesOfJob.remove(jobEnd.jobId());
        if (group == null) return;
        // Only an aborted job's failures are asked for; a job that succeeded is forgotten, so an asynchronous sweep
        // of a job per run holds nothing per run here.
        if (jobEnd.jobResult() instanceof org.apache.spark.scheduler.JobFailed) {
            ended.add(group);
        } else {
            failures.remove(group);
        }
        notifyAll();
    }

    /**
     * The failed attempts of the job of {@code group}, by partition, once the listener has seen that job end (or
     * after {@code timeout}, with what it has seen).
     */
    synchronized Map<Integer, Failure> awaitJobEnd(String group, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended.contains(group)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            wait(Math.max(1, left / 1_000_000));
        }
        return Map.copyOf(failures.getOrDefault(group, Map.of()));
    }

    /** One line: the exception and its message, or how the executor was lost. */
    static String cause(TaskEndReason reason) {
        if (reason instanceof ExceptionFailure e) {
            String name = e.className().substring(e.className().lastIndexOf('.') + 1);
            String description = e.description() == null ? "" : firstLine(e.description());
            return description.isEmpty() ? name : name + ": " + description;
        }
        if (reason instanceof ExecutorLostFailure lost) {
            String why = lost.reason().isDefined() ? firstLine(lost.reason().get()) : "";
            // An executor that ran out of memory exits with Spark's code 52, sometimes before reporting the error.
            String oom = why.contains("exited with code " + FatalErrors.SPARK_OOM_EXIT) ? "OutOfMemoryError: " : "";
            return oom + "executor " + lost.execId() + " lost" + (why.isEmpty() ? "" : " (" + why + ")");
        }
        return reason instanceof TaskFailedReason f ? firstLine(f.toErrorString()) : String.valueOf(reason);
    }

    /** Out of memory, a lost executor or a lost result: what more memory or another executor can cure. */
    static boolean isResources(TaskEndReason reason) {
        if (reason instanceof ExceptionFailure e) return e.className().endsWith("OutOfMemoryError");
        return reason instanceof ExecutorLostFailure || reason == TaskResultLost$.MODULE$;
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    }
}
