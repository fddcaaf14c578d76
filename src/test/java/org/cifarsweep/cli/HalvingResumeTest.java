package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cifarsweep.reliability.FolderSnapshot;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sweep CONF --out DIR --resume} of a successive-halving sweep (9 trials, rungs 1 → 2 → 4 epochs, reduction
 * 3: 9 + 3 + 1 runs), in-process on local[2]. A second uninterrupted run is cut where a crash would cut it (the
 * results rows are appended last, so a crash leaves a prefix of them, the curves and weights of the run in flight,
 * and nothing of the runs after it), resumed, and compared with the first run: same rows in every column but
 * seconds, host and executor, same curves, same W and b. Shuffling and flips are on, so the survivors' random
 * streams must stand where the uninterrupted run had them.
 */
class HalvingResumeTest {
    static final String CONF = """
            name = "halving-resume-test"
            seed = 5
            precision = %s
            shuffle = true
            halving { rungs = [1, 2, 4], reduction = 3 }
            grid { eta = [0.03, 0.01, 0.003], lambda = [0, 0.01, 0.1], n_batch = 100, flip = 0.5 }
            spark { "spark.ui.enabled" = false }
            """;
    static final int RUNS = 9 + 3 + 1;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"float", "double"})
    void aResumedHalvingSweepEqualsAnUninterruptedOne(String precision) throws IOException {
        Path conf = Files.writeString(tmp.resolve("halving.conf"), CONF.formatted(precision));
        Path a = tmp.resolve("A");
        sweep(conf, a).ok();
        Path b = tmp.resolve("B");
        sweep(conf, b).ok();
        assertEquals(RUNS, SweepFiles.results(a).size());
        SweepFiles.assertSameSweep(a, b);

        // Cut after: part of rung 0; all of rung 0; part of rung 1; all of rung 1 (rung 2 missing); everything.
        for (int kept : new int[] {4, 9, 10, 12, RUNS}) {
            Path cut = crashedCopy(b, tmp.resolve("cut" + kept), kept);
            Cli.Result resumed = sweep(conf, cut, "--resume").ok();
            String expected = kept == RUNS ? "resume: all " + RUNS + " runs of the successive halving are complete"
                    : "resume: " + kept + " of " + RUNS + " runs of the successive halving are complete";
            assertTrue(resumed.out().contains(expected), resumed.out());
            SweepFiles.assertSameSweep(a, cut);
            assertEquals(search(a), search(cut), "provenance.json search section after a cut at " + kept);
        }

        // A conf with other rungs (same trials) changes which trials continue: refused, nothing touched.
        Path other = Files.writeString(tmp.resolve("other.conf"),
                CONF.formatted(precision).replace("rungs = [1, 2, 4]", "rungs = [2, 3, 4]"));
        Path refused = crashedCopy(b, tmp.resolve("refused"), 10);
        FolderSnapshot before = FolderSnapshot.of(refused);
        sweep(other, refused, "--resume").refused(2, "--resume: " + other + " differs from the sweep recorded in",
                "halving (recorded rungs [1, 2, 4], reduction 3, now rungs [2, 3, 4], reduction 3)");
        assertEquals(before, FolderSnapshot.of(refused));
        // So does another trial in the grid, and another precision.
        Path grown = Files.writeString(tmp.resolve("grown.conf"),
                CONF.formatted(precision).replace("[0.03, 0.01, 0.003]", "[0.03, 0.01, 0.003, 0.001]"));
        sweep(grown, refused, "--resume").refused(2, "grid/trials (3 trial(s) added");
        String otherPrecision = precision.equals("float") ? "double" : "float";
        Path precise = Files.writeString(tmp.resolve("precise.conf"), CONF.formatted(otherPrecision));
        sweep(precise, refused, "--resume").refused(2, "precision (recorded " + precision + ", now " + otherPrecision + ")");
        assertEquals(before, FolderSnapshot.of(refused));
    }

    /**
     * Synchronous Hyperband (three brackets over the same trials and rungs) resumes the same way: cut anywhere, the
     * resumed folder equals the uninterrupted one, and each row names its bracket.
     */
    @org.junit.jupiter.api.Test
    void aResumedSynchronousHyperbandSweepEqualsAnUninterruptedOne() throws IOException {
        Path conf = Files.writeString(tmp.resolve("hyperband.conf"), CONF.formatted("float")
                .replace("halving { rungs = [1, 2, 4], reduction = 3 }", "hyperband { rungs = [1, 2, 4], mode = sync }"));
        Path a = tmp.resolve("A");
        sweep(conf, a).ok();
        List<String> rows = Files.readAllLines(a.resolve("results.csv"), StandardCharsets.UTF_8);
        int runs = rows.size() - 1;
        Set<String> brackets = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) brackets.add(row.substring(row.lastIndexOf(',') + 1));
        assertEquals(Set.of("0", "1", "2"), brackets, "every bracket has runs, each row names its own");
        String provenance = Files.readString(a.resolve("provenance.json"));
        assertTrue(provenance.matches("(?s).*\"strategy\"\\s*:\\s*\"Hyperband\".*"), provenance);
        for (int kept : new int[] {2, runs / 2, runs - 1}) {
            Path cut = crashedCopy(a, tmp.resolve("hb-cut" + kept), kept);
            Cli.Result resumed = sweep(conf, cut, "--resume").ok();
            assertTrue(resumed.out().contains("resume: " + kept + " of "), resumed.out());
            SweepFiles.assertSameSweep(a, cut);
            assertEquals(search(a), search(cut), "provenance.json search section after a cut at " + kept);
        }
    }

    static Cli.Result sweep(Path confFile, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", confFile.toString(), "--data", RealData.sample().toString(),
                "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /**
     * A copy of {@code from} as a crash after its first {@code kept} results rows leaves it: those rows; the curves
     * of those runs and of the run in flight (the next one), then a half-written curves line; the weights of those
     * runs and of the run in flight, plus a weights .tmp; nothing of later runs.
     */
    static Path crashedCopy(Path from, Path to, int kept) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        List<String> results = Files.readAllLines(to.resolve("results.csv"), StandardCharsets.UTF_8);
        Set<String> keep = new HashSet<>();
        String inFlight = null;
        for (int i = 1; i < results.size(); i++) {
            String trial = results.get(i).split(",", 2)[0];
            if (i <= kept) keep.add(trial);
            else if (inFlight == null) inFlight = trial;
        }
        Files.write(to.resolve("results.csv"), results.subList(0, kept + 1), StandardCharsets.UTF_8);
        List<String> curves = Files.readAllLines(to.resolve("curves.csv"), StandardCharsets.UTF_8);
        List<String> keptCurves = new ArrayList<>(List.of(curves.get(0)));
        for (String line : curves.subList(1, curves.size())) {
            String trial = line.split(",", 2)[0];
            if (keep.contains(trial) || trial.equals(inFlight)) keptCurves.add(line);
        }
        String torn = inFlight == null ? "" : inFlight + ",1,0.5";
        Files.writeString(to.resolve("curves.csv"), String.join("\n", keptCurves) + "\n" + torn, StandardCharsets.UTF_8);
        try (Stream<Path> weights = Files.list(to.resolve("weights"))) {
            for (Path w : (Iterable<Path>) weights::iterator) {
                String trial = w.getFileName().toString().replaceFirst("\\.mat$", "");
                if (!keep.contains(trial) && !trial.equals(inFlight)) Files.delete(w);
            }
        }
        if (inFlight != null) Files.writeString(to.resolve("weights").resolve("next.mat.tmp"), "half");
        Files.deleteIfExists(to.resolve("report.html"));
        return to;
    }

    /** provenance.json's "search" section (what each rung ran, epochs spent), as text. */
    static String search(Path dir) throws IOException {
        String provenance = Files.readString(dir.resolve("provenance.json"));
        Matcher m = Pattern.compile("(?s)\"search\"\\s*:\\s*\\{.*?\"epochs_full_grid\"[^}]*}").matcher(provenance);
        assertTrue(m.find(), provenance);
        return m.group();
    }
}
