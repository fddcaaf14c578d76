package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures that are not the trial's own, in-process on local mode with retries ({@code local[2,3]}: three attempts
 * per task). The test-only hook ({@code spark.cifarsweep.test.oomKind = spark}) makes attempts of one trial fail
 * with Spark's own {@code SparkOutOfMemoryError}, which fails the attempt without ending the JVM (a real heap
 * exhaustion ends it: see {@code reliability.OutOfMemoryResumeTest}, and the cluster's {@code ClusterOutOfMemoryTest}).
 * <ul>
 *   <li>Attempts that fail before the last one leave no trace: Spark retries, and the row equals an undisturbed
 *   run's.</li>
 *   <li>When every attempt fails, the trial is recorded {@code failed} with the cause, the other trials finish, the
 *   sweep exits 4 with one summary line, and {@code --resume} reruns just that trial, to the undisturbed files.</li>
 * </ul>
 */
class ResourceFailuresTest {
    static final String TRIAL = "eta0.005_lam0_b100_ep3";
    static final String CONF = """
            name = "resource-failures"
            seed = 2
            trials = [
              { eta = 0.01, lambda = 0, n_batch = 100, n_epochs = 3 }
              { eta = 0.005, lambda = 0, n_batch = 100, n_epochs = 3 }
              { eta = 0.001, lambda = 0, n_batch = 100, n_epochs = 3 }
              { eta = 0.001, lambda = 0.1, n_batch = 100, n_epochs = 3 }
            ]
            spark {
              "spark.ui.enabled" = false
            %s}
            """;

    @TempDir
    static Path tmp;
    static Path reference;

    @BeforeAll
    static void undisturbedRun() throws IOException {
        reference = tmp.resolve("reference");
        sweep(conf("reference", ""), reference).ok();
    }

    static Path conf(String name, String spark) throws IOException {
        return Files.writeString(tmp.resolve(name + ".conf"), CONF.formatted(spark));
    }

    static Cli.Result sweep(Path conf, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", conf.toString(), "--data",
                RealData.sample().toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    static String hooks(int failingAttempts) {
        return """
                  "spark.master" = "local[2,3]"
                  "spark.cifarsweep.test.oomTrial" = "%s"
                  "spark.cifarsweep.test.oomAttempts" = %d
                  "spark.cifarsweep.test.oomKind" = "spark"
                """.formatted(TRIAL, failingAttempts);
    }

    @Test
    void attemptsThatRunOutOfMemoryAreRetriedAndTheRowIsTheUndisturbedOne() throws IOException {
        Path out = tmp.resolve("retried");
        Cli.Result r = sweep(conf("retried", hooks(2)), out).ok();
        assertTrue(r.out().contains("4 trials: 4 ok, 0 diverged, 0 failed"), r.out());
        SweepFiles.assertSameSweep(reference, out);
        assertFalse(r.err().contains("cifar-sweep: error"), r.err());
    }

    @Test
    void aTrialWhoseEveryAttemptRunsOutOfMemoryIsFailedAndResumeRerunsJustIt() throws IOException {
        Path out = tmp.resolve("lost");
        Cli.Result r = sweep(conf("lost", hooks(3)), out);
        String where = "stderr: " + r.err() + "\nstdout: " + r.out();
        assertEquals(4, r.exit(), where);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("cifar-sweep: error: ")).toList();
        assertEquals(1, errors.size(), where);
        String line = errors.get(0);
        assertTrue(r.err().strip().endsWith(line), "the summary is the last line: " + where);
        assertTrue(line.startsWith("cifar-sweep: error: 1 trial failed for lack of resources: " + TRIAL
                + " (SparkOutOfMemoryError: "), line);
        assertTrue(line.contains("Unable to acquire 1073741824 bytes of memory, got 0"), line);
        assertTrue(line.contains(", 3 attempts); raise --driver-memory (now "), line);
        assertTrue(line.endsWith(" of heap) and add --resume to the same command to rerun just the failed trials"),
                line);
        // The table and the summary count it as failed; the other trials finished.
        assertTrue(r.out().contains("4 trials: 3 ok, 0 diverged, 1 failed"), r.out());

        Map<String, Map<String, String>> rows = SweepFiles.results(out);
        assertEquals(4, rows.size());
        Map<String, String> failed = row(rows, TRIAL);
        assertEquals("failed", failed.get("status"));
        assertTrue(failed.get("reason").startsWith("SparkOutOfMemoryError: [UNABLE_TO_ACQUIRE_MEMORY] Unable to acquire"),
                failed.get("reason"));
        assertTrue(failed.get("reason").endsWith(" (3 attempts, lack of resources)"), failed.get("reason"));
        assertEquals("driver", failed.get("executor"));
        assertFalse(Files.exists(out.resolve("weights").resolve(TRIAL + ".mat")));
        Config provenance = ConfigFactory.parseFile(out.resolve("provenance.json").toFile());
        assertEquals(failed.get("reason"), provenance.getString("trials_spark_gave_up_on.\"" + TRIAL + "\""));
        assertEquals(1, provenance.getInt("trials.failed"));
        List<String> othersBefore = otherLines(out);

        // --resume with the hook gone: only that trial runs; its new row replaces the failed one.
        Cli.Result resumed = sweep(conf("lost-resume", ""), out, "--resume").ok();
        assertTrue(resumed.out().contains("resume: 3 of 4 trials are complete in " + out
                + "; 1 to run (1 failed before, run again)"), resumed.out());
        assertTrue(resumed.out().contains("resume: results.csv: dropped 1 row(s) of trial(s) that run again (" + TRIAL
                + ")"), resumed.out());
        assertTrue(resumed.out().contains("4 trials: 4 ok, 0 diverged, 0 failed"), resumed.out());
        SweepFiles.assertSameSweep(reference, out);
        assertEquals(othersBefore, otherLines(out), "the other trials' rows are untouched, seconds included");
        assertEquals("ok", row(SweepFiles.results(out), TRIAL).get("status"));

        // Finished: another resume has nothing to run.
        Cli.Result again = sweep(conf("lost-resume", ""), out, "--resume").ok();
        assertTrue(again.out().contains("resume: 4 of 4 trials are complete in " + out + "; 0 to run"), again.out());
    }

    @Test
    void successiveHalvingStopsAfterTheRungOfALostRunAndResumeFinishesTheSweep() throws IOException {
        String conf = """
                name = "halving-lost"
                seed = 3
                shuffle = true
                halving { rungs = [1, 2], reduction = 2 }
                grid { eta = [0.03, 0.01, 0.003, 0.001], lambda = [0], n_batch = [100] }
                spark {
                  "spark.ui.enabled" = false
                %s}
                """;
        String run = "eta0.01_lam0_b100_ep1_shuf";
        Path undisturbed = tmp.resolve("halving-reference");
        sweep(Files.writeString(tmp.resolve("halving.conf"), conf.formatted("")), undisturbed).ok();
        assertEquals(4 + 2, SweepFiles.results(undisturbed).size());

        Path out = tmp.resolve("halving-lost");
        String hooks = """
                  "spark.master" = "local[2,2]"
                  "spark.cifarsweep.test.oomTrial" = "%s"
                  "spark.cifarsweep.test.oomAttempts" = 2
                  "spark.cifarsweep.test.oomKind" = "spark"
                """.formatted(run);
        Cli.Result r = sweep(Files.writeString(tmp.resolve("halving-lost.conf"), conf.formatted(hooks)), out);
        assertEquals(4, r.exit(), r.err());
        assertTrue(r.err().contains("cifar-sweep: error: 1 trial failed for lack of resources: " + run), r.err());
        assertTrue(r.err().contains("; the successive halving stopped before its next rung; raise --driver-memory"),
                r.err());
        // Rung 0 only: rung 1's survivors would have been chosen without the lost run.
        Map<String, Map<String, String>> rows = SweepFiles.results(out);
        assertEquals(4, rows.size(), rows.keySet().toString());
        assertEquals("failed", row(rows, run).get("status"));

        Cli.Result resumed = sweep(Files.writeString(tmp.resolve("halving-resume.conf"), conf.formatted("")), out,
                "--resume").ok();
        assertTrue(resumed.out().contains("rung 0 has 1 of 4 to run (1 failed before, run again), then the rungs after it"),
                resumed.out());
        SweepFiles.assertSameSweep(undisturbed, out);
    }

    /** The results.csv lines of the trials other than {@link #TRIAL}, as written. */
    static List<String> otherLines(Path out) throws IOException {
        return Files.readAllLines(out.resolve("results.csv")).stream().skip(1)
                .filter(l -> !l.startsWith(TRIAL + ",")).sorted().toList();
    }

    static Map<String, String> row(Map<String, Map<String, String>> rows, String trial) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(trial + "|")).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no row " + trial + " in " + rows.keySet()));
    }
}
