package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials that go wrong inside a sweep, through the command line: a diverging trial and a trial whose task throws
 * are recorded with their reason, the other trials carry on, and the sweep exits 0 with a summary that counts them.
 * (Lost executors are Spark's: {@code spark.cluster.StandaloneClusterSweepTest} kills one mid-sweep.)
 */
class SweepFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void divergedAndFailedTrialsAreRecordedAndTheSweepCarriesOn() throws IOException {
        // eta 10, lambda 1: 2·eta·lambda = 20, so W grows ×19 per step until the cost overflows.
        String conf = """
                name = "failures"
                seed = 2
                weights = all
                trials = [
                  { eta = 0.01, lambda = 0, n_batch = 100, n_epochs = 3 }
                  { eta = 10, lambda = 1, n_batch = 100, n_epochs = 40 }
                  { eta = 0.005, lambda = 0, n_batch = 100, n_epochs = 3 }
                  { eta = 0.001, lambda = 0, n_batch = 100, n_epochs = 3 }
                ]
                spark {
                  "spark.ui.enabled" = false
                  "spark.serializer" = "org.cifarsweep.cli.FailingTrialSerializer"
                  "spark.cifarsweep.test.failTrial" = "eta0.005_lam0_b100_ep3"
                }
                """;
        Path file = Files.writeString(tmp.resolve("failures.conf"), conf);
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("sweep", file.toString(), "--data", RealData.sample().toString(), "--out", out.toString()).ok();
        assertTrue(r.out().contains("4 trials: 2 ok, 1 diverged, 1 failed; results in " + out), r.out());

        Map<String, Map<String, String>> rows = SweepFiles.results(out);
        assertEquals(4, rows.size());
        Map<String, String> diverged = row(rows, "eta10_lam1_b100_ep40");
        assertEquals("diverged", diverged.get("status"));
        assertTrue(diverged.get("reason").matches("train cost became (NaN|Infinity) at epoch \\d+"), diverged.get("reason"));
        int epoch = Integer.parseInt(diverged.get("reason").replaceAll(".* at epoch ", ""));
        assertTrue(epoch >= 1 && epoch < 40, "diverged at epoch " + epoch);
        // Its curves stop at the epoch where it diverged; with weights = all its
        // weights are kept for inspection (best N keeps ok runs only).
        assertEquals(epoch, SweepFiles.curves(out).keySet().stream().filter(k -> k.startsWith("eta10_")).count());
        assertTrue(Files.isRegularFile(out.resolve("weights/eta10_lam1_b100_ep40.mat")));

        Map<String, String> failed = row(rows, "eta0.005_lam0_b100_ep3");
        assertEquals("failed", failed.get("status"));
        assertEquals("IllegalArgumentException: n_batch 5000 must be <= the training size 1000", failed.get("reason"));
        assertEquals(0, SweepFiles.curves(out).keySet().stream().filter(k -> k.startsWith("eta0.005_")).count());

        for (String ok : new String[] {"eta0.01_lam0_b100_ep3", "eta0.001_lam0_b100_ep3"}) {
            assertEquals("ok", row(rows, ok).get("status"));
            assertEquals("", row(rows, ok).get("reason"));
            assertEquals(3, SweepFiles.curves(out).keySet().stream().filter(k -> k.startsWith(ok + "|")).count());
        }
        // The ranked table lists the failures after the ok trials.
        String table = r.out().substring(r.out().indexOf("rank  eta"));
        assertTrue(table.indexOf(" ok ") < table.indexOf(" diverged ") && table.indexOf(" ok ") < table.indexOf(" failed "),
                table);
    }

    private static Map<String, String> row(Map<String, Map<String, String>> rows, String trial) {
        return rows.entrySet().stream().filter(e -> e.getKey().startsWith(trial + "|")).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no row " + trial + " in " + rows.keySet()));
    }
}
