package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cifarsweep.reliability.FolderSnapshot;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.testutil.Folders;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep CONF --out DIR --resume} in-process on local[2], from every state a crash can leave DIR in (built
 * from an uninterrupted run's files, cut where a kill would cut them), and its refusals when DIR holds another
 * sweep. The real SIGKILL of a driver is in {@code reliability.KillAndResumeTest}.
 */
class ResumeCommandTest {
    static final String CONF = """
            name = "resume-test"
            seed = 9
            precision = double
            grid { eta = [0.01, 0.005, 0.001], lambda = [0, 0.1], n_batch = [100], n_epochs = [3] }
            spark { "spark.ui.enabled" = false }
            """;
    static final int TRIALS = 6;

    @TempDir
    static Path tmp;
    static Path conf;
    static Path reference;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        conf = write("resume-test.conf", CONF);
        reference = tmp.resolve("reference");
        sweep(reference).ok();
        assertEquals(TRIALS, SweepFiles.results(reference).size());
    }

    static Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    static Cli.Result sweep(Path out, String... more) {
        return sweep(conf, out, more);
    }

    static Cli.Result sweep(Path confFile, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("sweep", confFile.toString(), "--data", RealData.sample().toString(),
                "--out", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** A copy of the uninterrupted run's folder. */
    static Path copyOfReference(String name) throws IOException {
        return Folders.copy(reference, tmp.resolve(name));
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    static void resumeMatchesTheUninterruptedRun(Path out, int complete, String... expectedConsole) throws IOException {
        Cli.Result r = sweep(out, "--resume").ok();
        assertTrue(r.out().contains("resume: " + complete + " of " + TRIALS + " trials are complete in " + out + "; "
                + (TRIALS - complete) + " to run"), r.out());
        for (String s : expectedConsole) assertTrue(r.out().contains(s), "'" + s + "' in\n" + r.out());
        // The progress line counts the trials done before: its last line, always printed, says all are done
        // (counting from zero would end at TRIALS - complete). Earlier lines are rate-limited, so not asserted.
        assertTrue(r.err().contains("[sweep] " + TRIALS + "/" + TRIALS + " done"), r.err());
        assertTrue(r.out().contains(TRIALS + " trials: " + TRIALS + " ok, 0 diverged, 0 failed"), r.out());
        SweepFiles.assertSameSweep(reference, out);
        assertFalse(Files.exists(out.resolve(".cifar-sweep.lock")));
        try (Stream<Path> walk = Files.walk(out)) {
            assertEquals(List.of(), walk.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aCrashMidWriteIsRepairedAndOnlyTheMissingTrialsRun() throws IOException {
        Path out = copyOfReference("torn");
        // The state of a kill while trial 3's results row and trial 4's curves were being written: two complete
        // trials, trial 3 with its curves but half its results row, trial 4 with half its curves and a .tmp weights.
        List<String> results = lines(out.resolve("results.csv"));
        List<String> curves = lines(out.resolve("curves.csv"));
        String third = results.get(3).split(",")[0];
        String fourth = results.get(4).split(",")[0];
        StringBuilder r = new StringBuilder();
        for (int i = 0; i < 3; i++) r.append(results.get(i)).append('\n');
        r.append(results.get(3), 0, results.get(3).length() / 2);
        Files.writeString(out.resolve("results.csv"), r);
        List<String> kept = new ArrayList<>();
        kept.add(curves.get(0));
        for (String line : curves.subList(1, curves.size())) {
            String trial = line.split(",")[0];
            if (results.subList(1, 4).stream().anyMatch(row -> row.startsWith(trial + ","))) kept.add(line);
        }
        String firstOfFourth = curves.stream().filter(l -> l.startsWith(fourth + ",")).findFirst().orElseThrow();
        Files.writeString(out.resolve("curves.csv"), String.join("\n", kept) + "\n" + firstOfFourth + "\n"
                + firstOfFourth.substring(0, 10));
        Path weights = out.resolve("weights");
        Files.move(weights.resolve(fourth + ".mat"), weights.resolve(fourth + ".mat.tmp"));
        for (String row : results.subList(5, results.size())) Files.delete(weights.resolve(row.split(",")[0] + ".mat"));
        Files.writeString(out.resolve("provenance.json.tmp"), "{\"half");

        resumeMatchesTheUninterruptedRun(out, 2,
                "resume: results.csv: dropped a half-written last line",
                "resume: curves.csv: dropped a half-written last line",
                "row(s) of 2 trial(s) that had not finished (" + List.of(third, fourth).stream().sorted().toList().get(0),
                "resume: deleted 2 temporary file(s) of an interrupted write");
    }

    @Test
    void aKillBeforeAnyResultResumesFromTheStart() throws IOException {
        Path out = copyOfReference("nothing-yet");
        // Killed between provenance.json and the first result: the CSVs hold their headers, or less.
        Files.writeString(out.resolve("results.csv"), String.join(",", org.cifarsweep.results.ResultsRow.COLUMNS).substring(0, 17));
        Files.delete(out.resolve("curves.csv"));
        try (Stream<Path> w = Files.walk(out.resolve("weights"))) {
            w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        resumeMatchesTheUninterruptedRun(out, 0, "resume: results.csv: completed a half-written header");
    }

    @Test
    void aKillWhileSparkStartedLeavesNothingToResume() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("spark-starting"));
        Files.writeString(out.resolve(".cifar-sweep.lock"), "pid 1\n");
        Files.writeString(out.resolve("provenance.json.tmp"), "{\"started\": ");
        // Without --resume the folder is not silently taken over...
        sweep(out).refused(2, "--out " + out + ": folder is not empty; pass --overwrite to replace its results, "
                + "or --resume to continue its sweep");
        // ...with it, the sweep starts from scratch.
        Cli.Result r = sweep(out, "--resume").ok();
        assertTrue(r.out().contains("resume: " + out + " holds no results yet; starting the sweep"), r.out());
        SweepFiles.assertSameSweep(reference, out);
        assertFalse(Files.exists(out.resolve("provenance.json.tmp")));
        assertFalse(Files.exists(out.resolve(".cifar-sweep.lock")));
    }

    @Test
    void aCompleteSweepResumesToNothingAndIsLeftAsItIs() throws IOException {
        Path out = copyOfReference("complete");
        FolderSnapshot before = FolderSnapshot.of(out);
        Cli.Result r = sweep(out, "--resume").ok();
        assertTrue(r.out().contains("6 of 6 trials are complete in " + out + "; 0 to run"), r.out());
        assertTrue(r.out().contains("6 trials: 6 ok, 0 diverged, 0 failed; results in " + out), r.out());
        assertFalse(r.out().contains("broadcast:"), "Spark was started for nothing:\n" + r.out());
        assertEquals(before, FolderSnapshot.of(out));
    }

    @Test
    void trialsAddedToTheGridRunAndTheRecordedOnesAreKept() throws IOException {
        Path out = copyOfReference("grown");
        byte[] oldResults = Files.readAllBytes(out.resolve("results.csv"));
        Path bigger = write("grown.conf", CONF.replace("eta = [0.01, 0.005, 0.001]", "eta = [0.02, 0.01, 0.005, 0.001]"));
        Cli.Result r = sweep(bigger, out, "--resume").ok();
        assertTrue(r.out().contains("resume: 6 of 8 trials are complete in " + out + "; 2 to run (2 new in the conf)"),
                r.out());
        assertTrue(r.out().contains("8 trials: 8 ok"), r.out());
        byte[] newResults = Files.readAllBytes(out.resolve("results.csv"));
        // The recorded rows are untouched, byte for byte; the two new trials are appended.
        assertEquals(new String(oldResults, StandardCharsets.UTF_8),
                new String(newResults, 0, oldResults.length, StandardCharsets.UTF_8));
        assertEquals(8, SweepFiles.results(out).size());
        assertTrue(SweepFiles.results(out).keySet().stream().filter(k -> k.startsWith("eta0.02_")).count() == 2);
        // The grown folder now records the grown conf: resuming it with the old, smaller conf is refused.
        sweep(out, "--resume").refused(2, "grid/trials (2 recorded trial(s) are not in the conf: eta0.02_lam0_b100_ep3");
    }

    @Test
    void resumeIntoAMissingFolderStartsTheSweep() {
        Path out = tmp.resolve("not-yet");
        Cli.Result r = sweep(out, "--resume").ok();
        assertTrue(r.out().contains("resume: " + out + " holds no results yet; starting the sweep"), r.out());
        SweepFiles.assertSameSweep(reference, out);
    }

    @Test
    void aConfThatChangesResultsIsRefusedNamingTheKeys() throws IOException {
        Path out = copyOfReference("refusals");
        // Truncate the last row, so that a refused resume that repaired anyway would show.
        Files.write(out.resolve("results.csv"), "eta0.0".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        FolderSnapshot before = FolderSnapshot.of(out);
        String[][] cases = {
                {"seed = 9", "seed = 10", "seed (recorded 9, now 10)"},
                {"precision = double", "precision = float", "precision (recorded double, now float)"},
                {"precision = double", "precision = double\nshuffle = true", "shuffle (recorded false, now true)"},
                {"grid {", "data { preprocess = standardize }\ngrid {", "data.preprocess (recorded scale, now standardize)"},
                {"eta = [0.01, 0.005, 0.001]", "eta = [0.01, 0.005]", "grid/trials (2 recorded trial(s) are not in the conf: eta0.001_lam0_b100_ep3, eta0.001_lam0.1_b100_ep3)"},
                {"n_epochs = [3]", "n_epochs = [4]", "grid/trials (6 recorded trial(s) are not in the conf"},
                {"seed = 9\nprecision = double", "seed = 8\nprecision = float", "seed (recorded 9, now 8); precision (recorded double, now float)"},
        };
        for (String[] c : cases) {
            assertTrue(CONF.contains(c[0]), c[0]);
            Path changed = write("changed.conf", CONF.replace(c[0], c[1]));
            sweep(changed, out, "--resume").refused(2, "--resume: " + changed + " differs from the sweep recorded in "
                    + out.resolve("provenance.json") + " in what changes results: " + c[2],
                    "use another --out, or --overwrite to start over");
            assertEquals(before, FolderSnapshot.of(out), c[1]);
        }
    }

    @Test
    void theDataIsComparedByContentNotByPath() throws IOException {
        Path out = copyOfReference("data");
        Files.write(out.resolve("results.csv"), "eta0.0".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        // The same files under another path: accepted (a symlink, as a mount point or a copy would be).
        Path alias = Files.createSymbolicLink(tmp.resolve("sample-alias"), RealData.sample().toAbsolutePath());
        Path other = tmp.resolve("sample-changed");
        Files.createDirectories(other);
        for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "test_batch.bin", "batches.meta.txt")) {
            Files.copy(RealData.sample().resolve(f), other.resolve(f));
        }
        // One pixel of one test image changed: same names and sizes, other results.
        byte[] test = Files.readAllBytes(other.resolve("test_batch.bin"));
        test[1000] ^= 1;
        Files.write(other.resolve("test_batch.bin"), test);

        FolderSnapshot before = FolderSnapshot.of(out);
        Cli.Result changed = Cli.run("sweep", conf.toString(), "--data", other.toString(), "--out", out.toString(), "--resume");
        changed.refused(2, "data.dir (the data files differ: recorded test_batch.bin sha256 ", "now test_batch.bin sha256 ",
                "in " + other);
        assertEquals(before, FolderSnapshot.of(out));

        Cli.Result same = Cli.run("sweep", conf.toString(), "--data", alias.toString(), "--out", out.toString(), "--resume");
        same.ok();
        assertTrue(same.out().contains("resume: results.csv: dropped a half-written last line (6 bytes)"), same.out());
        SweepFiles.assertSameSweep(reference, out);
    }

    @Test
    void settingsThatDoNotChangeResultsMayDiffer() throws IOException {
        Path out = copyOfReference("renamed");
        Path renamed = write("renamed.conf", CONF.replace("name = \"resume-test\"", "name = \"other-name\"")
                .replace("\"spark.ui.enabled\" = false", "\"spark.ui.enabled\" = false, \"spark.task.maxFailures\" = 2")
                + "\nout = \"elsewhere\"\ndata { format = bin }\n");
        sweep(renamed, out, "--resume").ok();
    }

    @Test
    void foldersThatAreNotThisSweepsAreRefusedAndLeftAlone() throws IOException {
        // A train run's folder: no provenance.json.
        Path train = tmp.resolve("train-out");
        Cli.run("train", "--epochs", "1", "--data", RealData.sample().toString(), "--out", train.toString()).ok();
        FolderSnapshot trainBefore = FolderSnapshot.of(train);
        sweep(train, "--resume").refused(2, "--resume: " + train + " holds no provenance.json, so it is not the output folder of a sweep");
        assertEquals(trainBefore, FolderSnapshot.of(train));

        // A damaged line before the last is not a crash's doing: refused, with its line.
        Path damaged = copyOfReference("damaged");
        List<String> results = lines(damaged.resolve("results.csv"));
        results.set(2, results.get(2).replaceFirst(",ok,", ",ok,,"));
        Files.writeString(damaged.resolve("results.csv"), String.join("\n", results) + "\n");
        FolderSnapshot damagedBefore = FolderSnapshot.of(damaged);
        int columns = org.cifarsweep.results.ResultsRow.COLUMNS.size();
        sweep(damaged, "--resume").refused(2, damaged.resolve("results.csv") + ": line 3: " + (columns + 1)
                        + " fields, expected " + columns,
                "left alone");
        assertEquals(damagedBefore, FolderSnapshot.of(damaged));

        // A row of another sweep (here: its eta changed) is not silently kept.
        Path foreign = copyOfReference("foreign");
        results = lines(foreign.resolve("results.csv"));
        String[] fields = results.get(1).split(",", -1);
        fields[0] = fields[0].replaceFirst("^eta[^_]+", "eta0.3");
        fields[1] = "0.3";
        results.set(1, String.join(",", fields));
        Files.writeString(foreign.resolve("results.csv"), String.join("\n", results) + "\n");
        FolderSnapshot foreignBefore = FolderSnapshot.of(foreign);
        sweep(foreign, "--resume").refused(2, foreign.resolve("results.csv") + ": line 2: trial " + fields[0],
                "is not a trial of " + conf);
        assertEquals(foreignBefore, FolderSnapshot.of(foreign));

        // A plain grid's folder resumed with a halving conf: a conf difference, named, nothing touched.
        Path halving = copyOfReference("halving");
        Path halvingConf = write("halving.conf", CONF.replace("n_batch = [100], n_epochs = [3] }", "n_batch = [100] }")
                + "halving { rungs = [1, 3] }\n");
        FolderSnapshot halvingBefore = FolderSnapshot.of(halving);
        sweep(halvingConf, halving, "--resume").refused(2, "--resume: " + halvingConf
                + " differs from the sweep recorded in", "halving (recorded none, now rungs [1, 3], reduction 3)");
        assertEquals(halvingBefore, FolderSnapshot.of(halving));

        // --resume and --overwrite contradict each other.
        Path complete = copyOfReference("both-flags");
        FolderSnapshot completeBefore = FolderSnapshot.of(complete);
        sweep(complete, "--resume", "--overwrite").refused(2, "--resume and --overwrite cannot be used together");
        assertEquals(completeBefore, FolderSnapshot.of(complete));
    }

    /** Issue 12: damage a crash cannot cause, which a resume used to accept in silence or refuse in riddles. */
    @Test
    void editedFilesAreRefusedSayingWhatIsWrong() throws IOException {
        // results.csv saved again with Windows line endings: the two headers in the message looked identical.
        Path crlf = copyOfReference("crlf");
        Path results = crlf.resolve("results.csv");
        Files.writeString(results, Files.readString(results).replace("\n", "\r\n"));
        FolderSnapshot crlfBefore = FolderSnapshot.of(crlf);
        sweep(crlf, "--resume").refused(2, results + ": the file has Windows (CRLF) line endings (saved again by"
                + " another program?); convert it back to \\n line endings (e.g. dos2unix " + results + ") and resume");
        assertEquals(crlfBefore, FolderSnapshot.of(crlf));

        // curves.csv deleted: the rows of results.csv would lose their curves for good.
        Path noCurves = copyOfReference("no-curves");
        Files.delete(noCurves.resolve("curves.csv"));
        FolderSnapshot noCurvesBefore = FolderSnapshot.of(noCurves);
        sweep(noCurves, "--resume").refused(2, noCurves.resolve("curves.csv") + ": missing, though results.csv records "
                + TRIALS + " trial(s) (deleted by hand?); restore it, or start over with --overwrite");
        assertEquals(noCurvesBefore, FolderSnapshot.of(noCurves));
        Files.writeString(noCurves.resolve("curves.csv"), "");
        sweep(noCurves, "--resume").refused(2, noCurves.resolve("curves.csv") + ": empty, though results.csv records");
    }
}
