package org.cifarsweep.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cifarsweep.testutil.AppJar;
import org.cifarsweep.testutil.ChildProcess;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full CIFAR-10 on a real standalone cluster whose executors have Spark's default memory (1g), in float64: the
 * sweep of issue 12, which ran an executor out of memory. Skipped without the full data set.
 * <ul>
 *   <li>conf/seed-experiments.conf (its 7 trials, with 2 epochs instead of 40 to keep the test short): 7 of 7 ok,
 *   identical to local[2].</li>
 *   <li>A float64 sweep on all five batches: every trial ok. Its memory estimate is within 15% of 1g, so the sweep
 *   starts with a warning.</li>
 * </ul>
 * Both need the decoded copy at 1 byte per pixel in float64 too (docs/cluster.md, "How much memory a sweep needs").
 */
@Tag("cluster")
class FullDataClusterTest {
    static final Duration TIMEOUT = Duration.ofMinutes(8);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static Path data;
    static StandaloneCluster cluster;
    static ClusterSubmit submit;

    @BeforeAll
    static void startCluster() throws Exception {
        data = RealData.dir().toAbsolutePath();
        Path project = StandaloneCluster.projectDir();
        submit = new ClusterSubmit(project, AppJar.of(project.resolve("target/classes"), tmp.resolve("app.jar")), tmp);
        cluster = StandaloneCluster.start(project, tmp.resolve("cluster"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    String diagnostics(ChildProcess run) {
        return run.tail(60) + "\n--- cluster logs (kept in " + tmp + " on failure) ---\n" + cluster.logTails(25);
    }

    /** results.csv of {@code out}: {@code trials} rows, every one ok. */
    Map<String, Map<String, String>> allOk(Path out, int trials, ChildProcess run) throws Exception {
        List<Map<String, String>> rows = StandaloneClusterSweepTest.read(out.resolve("results.csv"));
        Map<String, Map<String, String>> byTrial = StandaloneClusterSweepTest.keyed(rows, "trial");
        assertEquals(trials, byTrial.size(), StandaloneClusterSweepTest.table(byTrial) + "\n" + diagnostics(run));
        for (Map<String, String> row : byTrial.values()) {
            assertEquals("ok", row.get("status"), row.get("trial") + ": " + row.get("reason") + "\n" + diagnostics(run));
        }
        return byTrial;
    }

    @Test
    void seedExperimentsOnTheStandardSplitAllOkAndIdenticalToLocal() throws Exception {
        String text = Files.readString(StandaloneCluster.projectDir().resolve("conf/seed-experiments.conf"));
        assertEquals(7, text.split("n_epochs = 40", -1).length - 1, "the conf's 7 trials");
        Path conf = Files.writeString(tmp.resolve("seed-experiments.conf"), text.replace("n_epochs = 40", "n_epochs = 2"));

        Path local = tmp.resolve("out-local");
        try (ChildProcess run = submit.start(conf, data.toString(), "local[2]", local, "seed-local")) {
            assertEquals(0, run.await(TIMEOUT), run.tail(60));
            allOk(local, 7, run);
        }
        Path out = tmp.resolve("out-cluster");
        try (ChildProcess run = submit.start(conf, data.toString(), cluster.masterUrl(), out, "seed-cluster")) {
            assertEquals(0, run.await(TIMEOUT), diagnostics(run));
            allOk(out, 7, run);
            assertTrue(run.text().contains("7 trials: 7 ok, 0 diverged, 0 failed"), diagnostics(run));
            StandaloneClusterSweepTest.assertSameNumbers(local, out, run);
        }
    }

    @Test
    void aFloat64SweepOnAllFiveBatchesIsAllOk() throws Exception {
        Path conf = Files.writeString(tmp.resolve("all-five.conf"), """
                name = "all-five"
                precision = double
                data { split = all }
                trials = [
                  { eta = 0.01,  lambda = 0, n_batch = 100, n_epochs = 1 }
                  { eta = 0.001, lambda = 0, n_batch = 100, n_epochs = 1 }
                ]
                spark { "spark.ui.enabled" = false }
                """);
        Path out = tmp.resolve("out-all-five");
        try (ChildProcess run = submit.start(conf, data.toString(), cluster.masterUrl(), out, "all-five")) {
            assertEquals(0, run.await(TIMEOUT), diagnostics(run));
            allOk(out, 2, run);
            assertTrue(run.text().contains("cifar-sweep: warning: spark.executor.memory 1g (Spark's default) is tight"
                    + " for this sweep: it needs about 880 MiB per executor"), diagnostics(run));
        }
    }
}
