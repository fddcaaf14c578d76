package org.cifarsweep.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cifarsweep.testutil.AppJar;
import org.cifarsweep.testutil.ChildProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors that run out of memory, on a real standalone cluster (two 1-core workers, executors with Spark's default
 * 1g). The test-only settings {@code spark.cifarsweep.test.oomTrial} and {@code oomAttempts} make the first attempts
 * of one trial's task allocate until the executor's heap is full: a real {@code OutOfMemoryError}, of which Spark's
 * executor dies (exit 52).
 * <ul>
 *   <li>One such attempt: Spark retries the task on a live executor, and every row equals the undisturbed local[2]
 *   run's.</li>
 *   <li>Every attempt (Spark gives up after 4 counted failures, spark.task.maxFailures): the trial is recorded {@code failed} with the cause, the
 *   others finish, the sweep exits 4 with one summary line, and {@code --resume} reruns just that trial.</li>
 *   <li>A task that finds its executor's heap too small for the sweep stops it, with the memory check's line.</li>
 * </ul>
 * The sweep is {@code src/test/resources/cluster-sweep.conf}'s, on the sample.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterOutOfMemoryTest {
    static final Duration TIMEOUT = Duration.ofMinutes(6);
    static final String TRIAL = "eta0.01_lam0_b100_ep8";
    /** A worker's line for an executor that ended with Spark's exit code for an OutOfMemoryError. */
    static final Pattern OOM_EXITS = Pattern.compile("Worker: Executor app-\\S+ finished with state \\w+ .*exitStatus 52");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static StandaloneCluster cluster;
    static ClusterSubmit submit;
    static Path local;

    @BeforeAll
    static void startCluster() throws Exception {
        Path project = StandaloneCluster.projectDir();
        submit = new ClusterSubmit(project, AppJar.of(project.resolve("target/classes"), tmp.resolve("app.jar")), tmp);
        cluster = StandaloneCluster.start(project, tmp.resolve("cluster"));
        local = tmp.resolve("out-local");
        try (ChildProcess run = submit.start(conf("plain", ""), "data/sample", "local[2]", local, "local")) {
            assertEquals(0, run.await(TIMEOUT), "local[2]\n" + run.tail(60));
            StandaloneClusterSweepTest.checkOutputs(local, run);
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    /** cluster-sweep.conf with {@code spark} settings added to its spark block. */
    static Path conf(String name, String spark) throws Exception {
        String text = Files.readString(StandaloneCluster.projectDir().resolve(StandaloneClusterSweepTest.CONF));
        String block = "\"spark.ui.enabled\" = false";
        assertTrue(text.contains(block));
        return Files.writeString(tmp.resolve(name + ".conf"), text.replace(block, block + "\n" + spark));
    }

    static String hooks(int attempts) {
        return """
                  "spark.cifarsweep.test.oomTrial" = "%s"
                  "spark.cifarsweep.test.oomAttempts" = %d
                """.formatted(TRIAL, attempts);
    }

    static int oomExits() {
        Matcher m = OOM_EXITS.matcher(cluster.workerLogs());
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    String diagnostics(ChildProcess run) {
        return run.tail(60) + "\n--- cluster logs (kept in " + tmp + " on failure) ---\n" + cluster.logTails(25);
    }

    @Test
    @Order(1)
    void anAttemptThatRunsOutOfMemoryIsRetriedOnAnotherExecutorWithTheUndisturbedResult() throws Exception {
        Path out = tmp.resolve("out-retried");
        int exitsBefore = oomExits();
        try (ChildProcess run = submit.start(conf("retried", hooks(1)), "data/sample", cluster.masterUrl(), out,
                "retried")) {
            assertEquals(0, run.await(TIMEOUT), diagnostics(run));
            StandaloneClusterSweepTest.checkOutputs(out, run);
            StandaloneClusterSweepTest.assertSameNumbers(local, out, run);
            assertEquals(List.of(), ClusterSubmit.errorLines(run), diagnostics(run));
            assertTrue(run.text().contains("java.lang.OutOfMemoryError: Java heap space"), diagnostics(run));
        }
        assertTrue(oomExits() > exitsBefore, "an executor exited with 52\n" + cluster.logTails(25));
    }

    @Test
    @Order(2)
    void aTrialWhoseEveryAttemptRunsOutOfMemoryIsFailedTheSweepExits4AndResumeRerunsIt() throws Exception {
        Path out = tmp.resolve("out-lost");
        int exitsBefore = oomExits();
        // Every attempt: Spark's attempt numbers also count attempts that do not count towards spark.task.maxFailures
        // (one sent to an executor that is already dying), so "the first 4" would not be enough.
        try (ChildProcess run = submit.start(conf("lost", hooks(1000)), "data/sample", cluster.masterUrl(), out,
                "lost")) {
            assertEquals(4, run.await(TIMEOUT), diagnostics(run));
            List<String> errors = ClusterSubmit.errorLines(run);
            assertEquals(1, errors.size(), diagnostics(run));
            String line = errors.get(0);
            assertTrue(line.matches("cifar-sweep: error: 1 trial failed for lack of resources: " + TRIAL
                    + " \\(OutOfMemoryError: .*, 4 attempts\\); raise --executor-memory \\(now 1g \\(Spark's default\\)\\)"
                    + " and add --resume to the same command to rerun just the failed trials"), line);
            assertTrue(run.text().contains("6 trials: 5 ok, 0 diverged, 1 failed"), diagnostics(run));
        }
        // Four attempts; an attempt sent to an executor that is about to die is lost with it, so at least two deaths.
        assertTrue(oomExits() >= exitsBefore + 2, "executors exited with 52\n" + cluster.logTails(25));
        List<Map<String, String>> rows = StandaloneClusterSweepTest.read(out.resolve("results.csv"));
        assertEquals(6, rows.size());
        Map<String, String> failed = rows.stream().filter(r -> r.get("trial").equals(TRIAL)).findFirst().orElseThrow();
        assertEquals("failed", failed.get("status"));
        assertTrue(failed.get("reason").matches("OutOfMemoryError: .* \\(4 attempts, lack of resources\\)"),
                failed.get("reason"));
        List<String> others = otherLines(out);

        try (ChildProcess run = submit.start(conf("lost-resume", ""), "data/sample", cluster.masterUrl(), out,
                "lost-resume", "--resume")) {
            assertEquals(0, run.await(TIMEOUT), diagnostics(run));
            assertTrue(run.text().contains("resume: 5 of 6 trials are complete in " + out
                    + "; 1 to run (1 failed before, run again)"), diagnostics(run));
            StandaloneClusterSweepTest.checkOutputs(out, run);
            StandaloneClusterSweepTest.assertSameNumbers(local, out, run);
        }
        assertEquals(others, otherLines(out), "the other trials' rows are untouched");
    }

    @Test
    @Order(3)
    void aTaskThatFindsItsExecutorTooSmallStopsTheSweep() throws Exception {
        Path out = tmp.resolve("out-heap");
        String heap = "\"spark.cifarsweep.test.executorHeap\" = \"300m\"\n";
        try (ChildProcess run = submit.start(conf("heap", heap), "data/sample", cluster.masterUrl(), out, "heap")) {
            assertEquals(2, run.await(TIMEOUT), diagnostics(run));
            List<String> errors = ClusterSubmit.errorLines(run);
            assertEquals(1, errors.size(), diagnostics(run));
            assertTrue(errors.get(0).matches("cifar-sweep: error: spark.executor.memory 300 MiB \\(the heap of executor"
                    + " \\d+\\) is too small for this sweep: it needs about 450 MiB per executor \\(.* 1 task × 34 MiB;"
                    + " Spark's minimum is 450 MiB\\); raise --executor-memory to at least 768m"), errors.get(0));
        }
        assertEquals(0, StandaloneClusterSweepTest.dataRows(out.resolve("results.csv")), "nothing trained");
    }

    static List<String> otherLines(Path out) throws Exception {
        return Files.readAllLines(out.resolve("results.csv")).stream().skip(1)
                .filter(l -> !l.startsWith(TRIAL + ",")).sorted().toList();
    }
}
