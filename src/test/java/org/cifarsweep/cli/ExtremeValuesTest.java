package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: extreme but valid values. eta = 1e300 was spelt out in its trial's name in 301 digits, its weights file
 * could not be created ("File name too long"), the sweep died with a concurrent trial's row lost, and every resume
 * died the same way; {@code train --eta 1e-300} too.
 */
class ExtremeValuesTest {
    @TempDir
    Path tmp;

    @Test
    void aSweepWithEtaOf1e300RunsAndResumes() throws IOException {
        Path conf = Files.writeString(tmp.resolve("extreme.conf"), """
                grid { eta = [1e300, 1e-300, 0.01], lambda = [0, 1e-300], n_batch = 100, n_epochs = 1 }
                weights = all
                spark { "spark.ui.enabled" = false }
                """);
        Path out = tmp.resolve("out");
        String[] args = {"sweep", conf.toString(), "--data", RealData.sample().toString(), "--out", out.toString()};
        Cli.Result first = Cli.run(args).ok();
        List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertEquals(1 + 6, rows.size(), first.err());
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("eta1e300_lam0_b100_ep1,")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("eta1e-300_lam1e-300_b100_ep1,")), String.join("\n", rows));
        try (Stream<Path> weights = Files.list(out.resolve("weights"))) {
            List<String> names = weights.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("eta1e300_lam0_b100_ep1.mat") || rows.stream().anyMatch(r -> r.contains(",failed,")),
                    names.toString());
            assertTrue(names.stream().allMatch(n -> n.length() < 60), names.toString());
        }

        String[] resume = java.util.Arrays.copyOf(args, args.length + 1);
        resume[args.length] = "--resume";
        Cli.Result again = Cli.run(resume).ok();
        assertTrue(again.out().contains("resume: 6 of 6 trials are complete"), again.out());
    }

    @Test
    void trainWithEtaOf1eMinus300WritesItsWeights() throws IOException {
        Path out = tmp.resolve("train");
        Cli.run("train", "--eta", "1e-300", "--epochs", "1", "--data", RealData.sample().toString(),
                "--out", out.toString()).ok();
        assertTrue(Files.isRegularFile(out.resolve("weights").resolve("eta1e-300_lam0_b100_ep1_s1.mat")));
    }
}
