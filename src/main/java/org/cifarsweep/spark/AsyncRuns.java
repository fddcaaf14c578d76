package org.cifarsweep.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.cifarsweep.sweep.AsyncSchedule;
import org.cifarsweep.sweep.TrialSpec;

/**
 * Runs an {@link AsyncSchedule} on Spark: one Spark job per run, as many at once as Spark has cores and a few more
 * queued ({@link #queued}), each submitted from its own driver thread the moment one ends; each result goes to the schedule as it arrives, so a
 * promotion never waits for a rung. The schedule is asked and told under one lock, so its log's order is the order
 * it saw. A run Spark gives up on (every attempt failed) is a failed row, not a result: nothing new starts after it,
 * the runs under way finish, and {@code --resume} runs it again.
 */
final class AsyncRuns {
    private final JavaSparkContext sc;
    private final SweepRunner.Jobs jobs;
    private final AsyncSchedule schedule;
    private final TrialSink sink;
    private final Consumer<TaskResult> delivered;

    AsyncRuns(JavaSparkContext sc, SweepRunner.Jobs jobs, AsyncSchedule schedule, TrialSink sink,
              Consumer<TaskResult> delivered) {
        this.sc = sc;
        this.jobs = jobs;
        this.schedule = schedule;
        this.sink = sink;
        this.delivered = delivered;
    }

    /**
     * How many runs may be submitted beyond the cores: queued in Spark, so that a core that frees starts the next
     * run at once instead of waiting for the driver to record the last result, decide and submit (tens of
     * milliseconds of fsyncs and job set-up, per run). A quarter of the cores, at least one.
     */
    static int queued(int cores) {
        return Math.max(1, cores / 4);
    }

    /** Runs until the schedule is done (or a run is lost); returns the runs Spark gave up on. */
    List<LostRun> run(int cores) {
        int slots = cores + queued(cores);
        ExecutorService threads = Executors.newFixedThreadPool(slots, r -> {
            Thread t = new Thread(r, "cifar-sweep-async-run");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<List<LostRun>> ended = new ExecutorCompletionService<>(threads);
        List<LostRun> lost = new ArrayList<>();
        int running = 0;
        try {
            while (true) {
                while (lost.isEmpty() && running < slots) {
                    TrialSpec run = nextRun();
                    if (run == null) break;
                    // The next decision waits until this run's job is queued: Spark then runs the jobs in the order
                    // they were decided (FIFO), and on one core the results come back in that order.
                    CountDownLatch queued = new CountDownLatch(1);
                    ended.submit(() -> train(run, queued));
                    running++;
                    queued.await();
                }
                if (running == 0) return lost;
                lost.addAll(ended.take().get());
                running--;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sc.cancelAllJobs();
            throw new IllegalStateException("interrupted while running the sweep", e);
        } catch (ExecutionException e) {
            sc.cancelAllJobs();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IllegalStateException(cause);
        } finally {
            threads.shutdownNow();
        }
    }

    /** The schedule's next run, its decision logged before the run is submitted; null when none can start now. */
    private TrialSpec nextRun() {
        synchronized (schedule) {
            AsyncSchedule.Start start = schedule.start();
            if (start == null) return null;
            if (start.decision() != null) sink.logged(start.decision());
            return start.run();
        }
    }

    /**
     * One run as its own Spark job; its result goes to the schedule unless Spark gave up on it. {@code queued} counts
     * down once the job is in Spark's queue (or the run failed before).
     */
    private List<LostRun> train(TrialSpec run, CountDownLatch queued) {
        List<TaskResult> results = Collections.synchronizedList(new ArrayList<>(1));
        List<LostRun> lost;
        try {
            lost = jobs.runAll(List.of(run), result -> {
                delivered.accept(result);
                results.add(result);
            }, queued::countDown);
        } finally {
            queued.countDown();
        }
        if (lost.isEmpty()) {
            synchronized (schedule) {
                for (TaskResult result : List.copyOf(results)) {
                    sink.logged(schedule.finished(SweepRunner.finished(result)));
                }
                sink.released(schedule.released());
            }
        }
        return lost;
    }
}
