package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.reliability.Driver;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.spark.MemoryCheck;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory check through the command line: a sweep that cannot fit is refused in one line before anything
 * trains (before Spark starts and before the output folder is touched), and the defaults on the standard split
 * pass. Where only a running JVM knows its heap, the first task checks and stops the sweep cleanly, with the same
 * line. The full data set is needed for the sizes of the issue (skipped without it).
 */
class MemoryCheckCommandTest {
    static final String ALL_FIVE = """
            name = "all-five"
            data { split = all }
            trials = [ { eta = 0.01, lambda = 0, n_batch = 100, n_epochs = 2 } ]
            spark {
              "spark.ui.enabled" = false
            %s}
            """;
    static final String REFUSAL = "cifar-sweep: error: spark.executor.memory 600m is too small for this sweep: it needs"
            + " about 878 MiB per executor (300 MiB reserved by Spark + 176 MiB broadcast data + 176 MiB its blocks"
            + " + 176 MiB decoded copy + 1 task × 50 MiB); raise --executor-memory to at least 1280m";

    @TempDir
    Path tmp;

    @Test
    void executorMemory600mIsRefusedForAllFiveBatchesBeforeAnythingStarts() throws IOException {
        Path data = RealData.dir();
        // A master nobody listens on: the refusal must come before Spark tries it.
        Path conf = Files.writeString(tmp.resolve("all.conf"), ALL_FIVE.formatted("""
                  "spark.master" = "spark://127.0.0.1:1"
                  "spark.executor.memory" = "600m"
                """));
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", conf.toString(), "--data", data.toString(), "--out", out.toString());
        r.refused(2, REFUSAL);
        assertEquals(REFUSAL, r.err().strip());
        assertFalse(Files.exists(out), "the output folder is not created");
        // --overwrite of a folder with results is refused the same way, and deletes nothing.
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.csv"), "an earlier sweep's");
        Cli.run("sweep", conf.toString(), "--data", data.toString(), "--out", out.toString(), "--overwrite")
                .refused(2, REFUSAL);
        try (var files = Files.list(out)) {
            assertEquals(List.of(out.resolve("results.csv")), files.toList());
        }
        assertEquals("an earlier sweep's", Files.readString(out.resolve("results.csv")));
    }

    @Test
    void aRefusedResumeRepairsNothing() throws IOException {
        // A sweep on the sample with a failed trial, which a resume would drop from results.csv and run again.
        String sweep = """
                name = "refused-resume"
                grid { eta = [0.01, 0.001], lambda = [0], n_batch = [100], n_epochs = [2] }
                spark {
                  "spark.ui.enabled" = false
                %s}
                """;
        Path failing = Files.writeString(tmp.resolve("failing.conf"), sweep.formatted("""
                  "spark.cifarsweep.test.oomTrial" = "eta0.01_lam0_b100_ep2"
                  "spark.cifarsweep.test.oomAttempts" = 1
                  "spark.cifarsweep.test.oomKind" = "spark"
                """));
        Path out = tmp.resolve("out");
        String data = RealData.sample().toString();
        assertEquals(4, Cli.run("sweep", failing.toString(), "--data", data, "--out", out.toString()).exit());
        byte[] results = Files.readAllBytes(out.resolve("results.csv"));
        byte[] provenance = Files.readAllBytes(out.resolve("provenance.json"));

        Path tooSmall = Files.writeString(tmp.resolve("small.conf"), sweep.formatted("""
                  "spark.master" = "spark://127.0.0.1:1"
                  "spark.executor.memory" = "100m"
                """));
        // The sample fits in Spark's minimum heap, so less than that is what a resume can be refused for here.
        Cli.run("sweep", tooSmall.toString(), "--data", data, "--out", out.toString(), "--resume").refused(2,
                "spark.\"spark.executor.memory\": \"100m\" is less than Spark's minimum of 450m");
        assertEquals(new String(results), Files.readString(out.resolve("results.csv")), "the failed row is still there");
        assertEquals(new String(provenance), Files.readString(out.resolve("provenance.json")));
        assertFalse(Files.exists(out.resolve(".cifar-sweep.lock")));
    }

    @Test
    void throughSubmitShWithExecutorMemory600m() throws Exception {
        Path data = RealData.dir();
        Path conf = Files.writeString(tmp.resolve("all.conf"), ALL_FIVE.formatted(""));
        Path out = tmp.resolve("out");
        Object[] run = Driver.run(tmp, "submit-600m", Duration.ofMinutes(2), "sweep", conf.toString(), "--data",
                data.toString(), "--out", out.toString(), "--master", "spark://127.0.0.1:1", "--executor-memory", "600m");
        assertEquals(2, run[0], (String) run[1]);
        assertEquals(REFUSAL, ((String) run[1]).strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void theDefaultsFitTheStandardSplit() {
        Path data = RealData.dir();
        SweepSpec spec = SweepSpec.load(Path.of("conf/seed-experiments.conf"), Map.of("data.dir", data.toString()));
        MemoryCheck check = MemoryCheck.of(spec, CifarLoader.load(data, spec.data().split()));
        // A cluster with Spark's defaults: 1g executors, and a 1g driver.
        MemoryCheck.Settings defaults = MemoryCheck.Settings.of(Map.of("spark.master", "spark://127.0.0.1:7077"),
                Map.of(), 1L << 30, 2);
        MemoryCheck.Verdict verdict = check.check(defaults);
        assertNull(verdict.refusal());
        assertEquals(List.of(), verdict.warnings());
    }

    @Test
    void aTaskThatFindsItsHeapTooSmallStopsTheSweepWithTheSameLine() throws IOException {
        // The test-only setting makes each task check against 200 MiB, as if its JVM had no more.
        String sweep = """
                name = "heap-check"
                grid { eta = [0.01, 0.001], lambda = [0], n_batch = [100], n_epochs = [2] }
                spark {
                  "spark.ui.enabled" = false
                %s}
                """;
        Path small = Files.writeString(tmp.resolve("small.conf"), sweep.formatted("""
                  "spark.cifarsweep.test.executorHeap" = "200m"
                """));
        Path out = tmp.resolve("heap");
        Cli.Result r = Cli.run("sweep", small.toString(), "--data", RealData.sample().toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        List<String> errors = r.err().lines().filter(l -> l.startsWith("cifar-sweep: error: ")).toList();
        assertEquals(List.of("cifar-sweep: error: spark.driver.memory 200 MiB (the driver's heap) is too small for this"
                + " sweep: it needs about 450 MiB in the driver, which runs the tasks in local mode (300 MiB reserved by"
                + " Spark + 6 MiB data + 6 MiB broadcast blocks + 6 MiB decoded copy + 2 tasks × 28 MiB; Spark's minimum"
                + " is 450 MiB); raise --driver-memory to at least 768m"), errors, r.err());
        // Nothing trained; the folder holds what a resume starts from.
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
        assertEquals(0, SweepFiles.completeRows(out.resolve("results.csv")));
        Path plain = Files.writeString(tmp.resolve("plain.conf"), sweep.formatted(""));
        Cli.Result resumed = Cli.run("sweep", plain.toString(), "--data", RealData.sample().toString(), "--out",
                out.toString(), "--resume").ok();
        assertTrue(resumed.out().contains("2 trials: 2 ok, 0 diverged, 0 failed"), resumed.out());
    }
}
