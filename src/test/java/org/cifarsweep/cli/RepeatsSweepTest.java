package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cifarsweep.testutil.RealData;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.testutil.Folders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repeats = N} end to end on the sample, local[2]: rows, config column, table, resume, halving. */
class RepeatsSweepTest {
    static final String CONF = """
            name = "repeats-test"
            seed = 4
            repeats = 3
            grid { eta = [0.01, 0.001], lambda = [0], n_batch = [100], n_epochs = [2] }
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir
    static Path tmp;
    static Path conf;
    static Path repeated;
    static Path once;
    static Cli.Result repeatedRun;

    @BeforeAll
    static void runBoth() throws IOException {
        conf = Files.writeString(tmp.resolve("repeats-test.conf"), CONF);
        repeated = tmp.resolve("repeated");
        repeatedRun = sweep(conf, repeated).ok();
        once = tmp.resolve("once");
        sweep(Files.writeString(tmp.resolve("once.conf"), CONF.replace("repeats = 3", "repeats = 1")), once).ok();
    }

    /** results.csv's rows by trial name. */
    static Map<String, Map<String, String>> byTrial(Path dir) {
        return SweepFiles.rows(dir.resolve("results.csv"), ResultsRow.COLUMNS, "trial");
    }

    static Cli.Result sweep(Path confFile, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", confFile.toString(), "--data", RealData.sample().toString(),
                "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void repeatOneIsTheTrialWithoutRepeatsBitForBitAndTheOthersDiffer() {
        Map<String, Map<String, String>> rows = byTrial(repeated);
        Map<String, Map<String, String>> plain = byTrial(once);
        assertEquals(Set.of("eta0.01_lam0_b100_ep2", "eta0.001_lam0_b100_ep2"), plain.keySet());
        assertEquals(6, rows.size());
        for (String trial : plain.keySet()) {
            Map<String, String> first = rows.get(trial);
            for (String column : plain.get(trial).keySet()) {
                if (SweepFiles.TIMING_AND_PLACEMENT.contains(column)) continue;
                assertEquals(plain.get(trial).get(column), first.get(column), trial + " " + column);
            }
            assertEquals(trial, first.get("config"));
            Set<String> seeds = new HashSet<>();
            Set<String> valAccs = new HashSet<>();
            for (int k = 1; k <= 3; k++) {
                Map<String, String> r = rows.get(k == 1 ? trial : trial + "_rep" + k);
                assertEquals(trial, r.get("config"), "every repeat names its configuration");
                seeds.add(r.get("seed"));
                valAccs.add(r.get("train_cost"));
            }
            assertEquals(3, seeds.size());
            assertEquals(3, valAccs.size(), "other seeds, other numbers");
        }
        assertEquals(Set.copyOf(rows.keySet()), Set.copyOf(SweepFiles.curves(repeated).keySet().stream()
                .map(k -> k.substring(0, k.indexOf('|'))).toList()), "every repeat's curves");
    }

    @Test
    void theTableRanksTheConfigurationsByMeanValAcc() {
        String out = repeatedRun.out();
        assertTrue(out.contains("val_acc mean ± sd"), out);
        assertTrue(out.contains("6 trials (2 configurations × 3 seeds): 6 ok, 0 diverged, 0 failed"), out);
        // The mean over the three rows of results.csv, computed here.
        Map<String, Map<String, String>> rows = byTrial(repeated);
        for (String config : List.of("eta0.01_lam0_b100_ep2", "eta0.001_lam0_b100_ep2")) {
            double sum = 0;
            for (String t : List.of(config, config + "_rep2", config + "_rep3")) sum += Double.parseDouble(rows.get(t).get("val_acc"));
            assertTrue(out.contains(String.format("  3/3  %.4f ± ", sum / 3)), config + " mean in\n" + out);
        }
    }

    @Test
    void aResumeRunsTheMissingRepeatsAndRefusesAChangedRepeats() throws IOException {
        Path out = Folders.copy(repeated, tmp.resolve("cut"));
        // Keep the header and the first 4 rows of results.csv: a crash before the last two repeats were recorded.
        List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        Files.write(out.resolve("results.csv"), lines.subList(0, 5), StandardCharsets.UTF_8);
        Path changed = Files.writeString(tmp.resolve("changed.conf"), CONF.replace("repeats = 3", "repeats = 4"));
        sweep(changed, out, "--resume").refused(2, "in what changes results: repeats (recorded 3, now 4)");
        Cli.Result r = sweep(conf, out, "--resume").ok();
        assertTrue(r.out().contains("resume: 4 of 6 trials are complete"), r.out());
        SweepFiles.assertSameSweep(repeated, out);
    }

    @Test
    void successiveHalvingTakesEveryRepeatThroughTheRungs() throws IOException {
        Path halvingConf = Files.writeString(tmp.resolve("halving.conf"), """
                name = "repeats-halving"
                seed = 4
                repeats = 2
                halving { rungs = [1, 2], reduction = 2 }
                grid { eta = [0.01, 0.001], lambda = [0], n_batch = [100] }
                spark { "spark.ui.enabled" = false }
                """);
        Path out = tmp.resolve("halving");
        sweep(halvingConf, out).ok();
        List<String> lines = Files.readAllLines(out.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 4 + 2, lines.size(), String.join("\n", lines));
        Map<String, Map<String, String>> rows = byTrial(out);
        assertEquals(6, rows.size(), "one name per run");
        for (Map.Entry<String, Map<String, String>> e : rows.entrySet()) {
            String trial = e.getKey();
            String rung = e.getValue().get("rung");
            assertTrue(trial.contains(rung.equals("0") ? "_ep1" : "_ep2"), trial);
            assertEquals(trial.replaceAll("_rep2$", ""), e.getValue().get("config"));
            if (rung.equals("1")) {
                // A survivor keeps its repeat's seed.
                String before = trial.replace("_ep2", "_ep1");
                assertEquals(rows.get(before).get("seed"), e.getValue().get("seed"), trial);
            }
        }
        assertNotEquals(rows.get("eta0.01_lam0_b100_ep1").get("seed"), rows.get("eta0.01_lam0_b100_ep1_rep2").get("seed"));
        // Complete: a resume has nothing to run.
        Cli.Result again = sweep(halvingConf, out, "--resume").ok();
        assertTrue(again.out().contains("6 trials"), again.out());
    }
}
