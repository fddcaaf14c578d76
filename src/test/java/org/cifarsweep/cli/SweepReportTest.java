package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cifarsweep.testutil.Folders;
import org.cifarsweep.testutil.LocalSweep;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report at the end of a real local sweep on data/sample (src/test/resources/small-sweep.conf, 5 trials):
 * {@code report.top_trials} decides which trials get PNGs, {@code report DIR} reuses what the sweep recorded, and a
 * report that cannot be built is one warning line, never a failed sweep. Which trials are the best comes from
 * results.csv, read here on its own.
 */
class SweepReportTest {
    private static final List<String> PNGS = List.of("accuracy.png", "cost.png", "loss.png", "templates.png");

    @TempDir
    static Path tmp;
    /** small-sweep.conf with {@code report { top_trials = 2 }}. */
    static Path conf;
    /** Its sweep's output folder, left as the sweep wrote it. */
    static Path swept;

    @BeforeAll
    static void sweep() throws IOException {
        conf = Files.writeString(tmp.resolve("top2.conf"),
                Files.readString(LocalSweep.SMALL_CONF) + "report { top_trials = 2 }\n");
        swept = tmp.resolve("swept");
        LocalSweep.run(conf, swept, "local[2]");
    }

    @Test
    void topTrialsTwoPicturesExactlyTheBestTwo() throws IOException {
        Map<String, Double> valAcc = valAccByTrial(swept);
        assertEquals(5, valAcc.size(), "the 5 trials of small-sweep.conf");
        Set<String> pictured = pictured(swept);
        assertEquals(2, pictured.size(), "pictured: " + pictured);
        assertBest(pictured, valAcc);
        for (String trial : pictured) {
            for (String png : PNGS) {
                assertTrue(Files.size(swept.resolve("plots/trials").resolve(trial).resolve(png)) > 1000, trial + "/" + png);
            }
        }
    }

    @Test
    void reportWithoutTopUsesWhatTheSweepRecordedElseFifty() throws IOException {
        Path out = Folders.copy(swept, tmp.resolve("rebuilt"));
        Map<String, Double> valAcc = valAccByTrial(out);

        Cli.run("report", out.toString()).ok();
        assertEquals(pictured(swept), pictured(out), "provenance.json records top_trials = 2");

        Cli.run("report", out.toString(), "--top", "3").ok();
        assertEquals(3, pictured(out).size());
        assertBest(pictured(out), valAcc);

        // Without provenance.json (a train run's folder, or results copied without it): the best 50, here all 5.
        Files.delete(out.resolve("provenance.json"));
        Cli.run("report", out.toString()).ok();
        assertEquals(valAcc.keySet(), pictured(out));
    }

    /**
     * A report that cannot be built, here because a folder stands where report.html must go (rename(2) refuses to
     * replace it, root or not), costs one warning line that names the cause and how to rebuild it; the sweep exits 0
     * with every result written.
     */
    @Test
    void aReportThatCannotBeBuiltIsOneWarningAndTheSweepStillSucceeds() throws IOException {
        Path out = Folders.copy(swept, tmp.resolve("broken"));
        Set<String> all = valAccByTrial(out).keySet();
        // Two trials to run again: their results.csv rows removed, as after a crash.
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        Files.write(out.resolve("results.csv"), lines.subList(0, lines.size() - 2));
        Files.delete(out.resolve("report.html"));
        Files.writeString(Files.createDirectories(out.resolve("report.html")).resolve("notes.txt"), "not a page");

        Cli.Result run = Cli.run("sweep", conf.toString(), "--data", RealData.sample().toString(), "--out",
                out.toString(), "--resume").ok();

        List<String> warnings = run.err().lines().filter(l -> l.startsWith("cifar-sweep: warning:")).toList();
        assertEquals(1, warnings.size(), run.err());
        String warning = warnings.get(0);
        assertTrue(warning.contains("report not built") && warning.contains("Is a directory"), warning);
        assertTrue(warning.endsWith("rebuild it with: ./submit.sh report " + out), warning);
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception in thread")
                || run.err().contains("Caused by"), "no stack trace: " + run.err());
        assertTrue(run.out().contains("5 trials: 5 ok, 0 diverged, 0 failed"), run.out());
        assertEquals(all, valAccByTrial(out).keySet(), "results.csv holds every trial");
        assertTrue(Files.isDirectory(out.resolve("report.html")), "the page was not built");

        // The advice works once the folder is out of the way.
        Files.delete(out.resolve("report.html/notes.txt"));
        Files.delete(out.resolve("report.html"));
        Cli.run("report", out.toString()).ok();
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertEquals(pictured(swept), pictured(out));
    }

    /** Asserts that no trial outside {@code pictured} has a higher val_acc than one inside it (ties either way). */
    private static void assertBest(Set<String> pictured, Map<String, Double> valAcc) {
        double lowestPictured = pictured.stream().mapToDouble(valAcc::get).min().orElseThrow();
        for (Map.Entry<String, Double> e : valAcc.entrySet()) {
            if (!pictured.contains(e.getKey())) {
                assertTrue(e.getValue() <= lowestPictured, e.getKey() + " (" + e.getValue() + ") ranks above a pictured "
                        + "trial (" + lowestPictured + "): " + pictured + " of " + valAcc);
            }
        }
    }

    /** val_acc by trial, from results.csv (every trial of this sweep is ok, so no field holds a comma). */
    private static Map<String, Double> valAccByTrial(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int trial = header.indexOf("trial");
        int val = header.indexOf("val_acc");
        int status = header.indexOf("status");
        Map<String, Double> byTrial = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals("ok", f[status], line);
            byTrial.put(f[trial], Double.parseDouble(f[val]));
        }
        return byTrial;
    }

    /** The trials that have a folder of PNGs under plots/trials/. */
    private static Set<String> pictured(Path out) throws IOException {
        Path trials = out.resolve("plots/trials");
        if (!Files.isDirectory(trials)) return Set.of();
        try (Stream<Path> dirs = Files.list(trials)) {
            return dirs.map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
