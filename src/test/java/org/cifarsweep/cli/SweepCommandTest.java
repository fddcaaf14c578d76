package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep command in-process on local[2]: its files, and its refusals before any work starts. */
class SweepCommandTest {
    @TempDir
    Path tmp;

    private static Object[] sweep(String... args) {
        System.setProperty("spark.master", "local[2]");
        try {
            return TrainCommandTest.run(args);
        } finally {
            System.clearProperty("spark.master");
        }
    }

    @Test
    void runsTheExampleConfIntoOut() throws IOException {
        Path out = tmp.resolve("example");
        Object[] result = sweep("sweep", "conf/example-trials.conf", "--data", RealData.sample().toString(),
                "--out", out.toString());
        assertEquals(0, result[0], (String) result[2]);
        assertTrue(((String) result[1]).contains("4 trials: 4 ok, 0 diverged, 0 failed"), (String) result[1]);
        assertTrue(((String) result[1]).contains("rank  eta"), (String) result[1]);
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
        assertEquals(1 + 4 * 3, Files.readAllLines(out.resolve("curves.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));
        try (var weights = Files.list(out.resolve("weights"))) {
            assertEquals(4, weights.count());
        }
    }

    @Test
    void malformedConfsAreRefusedInOneLineAndNothingIsWritten() throws IOException {
        String[][] cases = {
                {"grid { eta = [-1], lambda = [0], n_batch = [10], n_epochs = [1] }", "grid.eta[0]: -1"},
                {"grid { etaa = [0.1], lambda = [0], n_batch = [10], n_epochs = [1] }", "'grid.etaa'"},
                {"grid { eta = [], lambda = [0], n_batch = [10], n_epochs = [1] }", "grid.eta"},
                {"trials = []", "empty"},
                {"grid { eta = [0.1], lambda = [0], n_batch = [5000], n_epochs = [1] }", "n_batch 5000 must be <= the training size 1000"},
                {"grid { eta = [0.1] lambda = [0], n_batch = [10], n_epochs = [1] ", "line"},
        };
        for (String[] c : cases) {
            Path conf = tmp.resolve("bad.conf");
            Files.writeString(conf, c[0]);
            Path out = tmp.resolve("never");
            Object[] result = sweep("sweep", conf.toString(), "--data", RealData.sample().toString(), "--out", out.toString());
            String err = (String) result[2];
            assertEquals(2, result[0], c[0] + " -> " + err);
            assertTrue(err.startsWith("cifar-sweep: error: ") && err.contains(c[1]), c[0] + " -> " + err);
            assertEquals(1, err.strip().lines().count(), err);
            assertFalse(Files.exists(out), "output folder created for " + c[0]);
        }
    }

    @Test
    void aFinishedSweepIsNotOverwrittenByAccident() throws IOException {
        Path out = tmp.resolve("done");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.csv"), "finished,trials\n");
        Object[] result = sweep("sweep", "conf/example-trials.conf", "--data", RealData.sample().toString(),
                "--out", out.toString());
        assertEquals(2, result[0]);
        assertTrue(((String) result[2]).contains("folder is not empty; pass --overwrite"), (String) result[2]);
        assertEquals(List.of("finished,trials"), Files.readAllLines(out.resolve("results.csv")));
    }
}
