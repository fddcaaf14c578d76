package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.testutil.LocalSweep;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 through the command line, in-process on local Spark: {@code weights = "best 2"} and {@code none} keep
 * what they say and change no number; a tiny {@code spark.driver.maxResultSize} (1m, which float64 results of 5
 * trials, about 1.2 MB, would pass in one job) splits the sweep into jobs that complete with the same numbers; and
 * successive halving with {@code weights = none} stops after a lost run, resumes from its own state files alone, and
 * leaves no state folder once complete.
 */
class WeightsPolicySweepTest {
    @TempDir
    Path tmp;

    Path conf(String name, String extra) throws IOException {
        String text = Files.readString(LocalSweep.SMALL_CONF) + "\n" + extra + "\n";
        return Files.writeString(tmp.resolve(name + ".conf"), text);
    }

    static Cli.Result sweep(Path conf, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", conf.toString(), "--data", RealData.sample().toString(),
                "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    static Set<String> weightFiles(Path out) throws IOException {
        Path folder = out.resolve("weights");
        if (!Files.isDirectory(folder)) return Set.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** results.csv and curves.csv hold the same numbers (all but seconds, host, executor). */
    static void assertSameNumbers(Path expected, Path actual) {
        assertEquals(strip(SweepFiles.results(expected)), strip(SweepFiles.results(actual)), actual.toString());
        assertEquals(SweepFiles.curves(expected), SweepFiles.curves(actual), actual.toString());
    }

    static Map<String, Map<String, String>> strip(Map<String, Map<String, String>> rows) {
        Map<String, Map<String, String>> out = new HashMap<>();
        rows.forEach((k, row) -> {
            Map<String, String> copy = new HashMap<>(row);
            SweepFiles.TIMING_AND_PLACEMENT.forEach(copy::remove);
            out.put(k, copy);
        });
        return out;
    }

    @Test
    void bestNAndNoneKeepWhatTheySayAndSmallResultBudgetsSplitJobs() throws IOException {
        Path all = tmp.resolve("all");
        sweep(conf("all", "weights = all"), all).ok();
        assertEquals(5, weightFiles(all).size());

        // The top 2 by val_acc (ties to the smaller name), from results.csv itself.
        List<Map<String, String>> ranked = SweepFiles.results(all).values().stream()
                .filter(r -> r.get("status").equals("ok"))
                .sorted(Comparator.comparing((Map<String, String> r) -> -Double.parseDouble(r.get("val_acc")))
                        .thenComparing(r -> r.get("trial")))
                .toList();
        Set<String> top2 = new TreeSet<>(List.of(ranked.get(0).get("trial") + ".mat", ranked.get(1).get("trial") + ".mat"));

        Path best = tmp.resolve("best2");
        sweep(conf("best2", "weights = \"best 2\""), best).ok();
        assertEquals(top2, weightFiles(best));
        for (String file : top2) {
            WeightsFile.Weights want = WeightsFile.read(all.resolve("weights").resolve(file));
            WeightsFile.Weights got = WeightsFile.read(best.resolve("weights").resolve(file));
            for (int k = 0; k < 10; k++) assertArrayEquals(want.w()[k], got.w()[k], 0.0);
            assertArrayEquals(want.b(), got.b(), 0.0);
        }
        assertSameNumbers(all, best);
        assertTrue(Files.readString(best.resolve("provenance.json")).contains("\"weights\" : \"best 2\""),
                Files.readString(best.resolve("provenance.json")));

        Path none = tmp.resolve("none");
        sweep(conf("none", "weights = none"), none).ok();
        assertEquals(Set.of(), weightFiles(none));
        assertSameNumbers(all, none);
        // The report still builds, without W pictures.
        assertTrue(Files.isRegularFile(none.resolve("report.html")));

        // 1m: one float64 result (about 250 KB) a job. Without the split, 5 results in one job pass 1 MiB and Spark
        // aborts it.
        Path chunked = tmp.resolve("chunked");
        Cli.Result r = sweep(conf("chunked", "weights = all\nspark { \"spark.driver.maxResultSize\" = 1m }"), chunked).ok();
        assertFalse(r.err().contains("maxResultSize"), r.err());
        SweepFiles.assertSameSweep(all, chunked);
        assertEquals(weightFiles(all), weightFiles(chunked));
    }

    static final String HALVING = """
            name = "halving-none"
            seed = 3
            shuffle = true
            weights = %s
            halving { rungs = [1, 2], reduction = 2 }
            grid { eta = [0.03, 0.01, 0.003, 0.001], lambda = [0], n_batch = [100] }
            spark {
              "spark.ui.enabled" = false
            %s}
            """;

    @Test
    void halvingWithoutWeightsResumesFromItsOwnStateAndLeavesNoStateFolder() throws IOException {
        Path undisturbed = tmp.resolve("reference");
        sweep(Files.writeString(tmp.resolve("ref.conf"), HALVING.formatted("all", "")), undisturbed).ok();
        assertEquals(4 + 2, SweepFiles.results(undisturbed).size());
        assertFalse(Files.exists(undisturbed.resolve("state")), "a completed halving sweep leaves no state/");

        Path none = tmp.resolve("none");
        sweep(Files.writeString(tmp.resolve("none.conf"), HALVING.formatted("none", "")), none).ok();
        assertSameNumbers(undisturbed, none);
        assertEquals(Set.of(), weightFiles(none));
        assertFalse(Files.exists(none.resolve("state")));

        // Interrupted in rung 0: every attempt of one run fails, the sweep stops before rung 1 (exit 4), with the
        // states of rung 0's ok runs kept and no weights at all.
        String run = "eta0.01_lam0_b100_ep1_shuf";
        String hooks = """
                  "spark.master" = "local[2,2]"
                  "spark.cifarsweep.test.oomTrial" = "%s"
                  "spark.cifarsweep.test.oomAttempts" = 2
                  "spark.cifarsweep.test.oomKind" = "spark"
                """.formatted(run);
        Path out = tmp.resolve("lost");
        Cli.Result r = sweep(Files.writeString(tmp.resolve("lost.conf"), HALVING.formatted("none", hooks)), out);
        assertEquals(4, r.exit(), r.err());
        assertEquals(Set.of(), weightFiles(out));
        try (Stream<Path> s = Files.list(out.resolve("state"))) {
            assertEquals(3, s.count(), "the states of rung 0's 3 ok runs");
        }
        sweep(Files.writeString(tmp.resolve("resume.conf"), HALVING.formatted("none", "")), out, "--resume").ok();
        assertSameNumbers(undisturbed, out);
        assertEquals(Set.of(), weightFiles(out));
        assertFalse(Files.exists(out.resolve("state")), "the completed sweep leaves no state/");
    }
}
