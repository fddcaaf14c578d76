package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Split;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.testutil.RealData;
import org.cifarsweep.testutil.ReferenceSoftmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train command end to end on the bundled real sample, as a user runs it. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    /** Runs the CLI in-process and returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        Cli.Result result = Cli.run(args);
        return new Object[] {result.exit(), result.out(), result.err()};
    }

    /** A small valid train command line; {@code extra} options replace the defaults of the same name. */
    private String[] trainArgs(Path out, String... extra) {
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(java.util.Map.of(
                "--eta", "0.01", "--lambda", "0.1", "--batch", "100", "--epochs", "3",
                "--data", RealData.sample().toString(), "--out", out.toString()));
        List<String> flags = new java.util.ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            if (i + 1 < extra.length && !extra[i + 1].startsWith("--")) options.put(extra[i], extra[++i]);
            else flags.add(extra[i]);
        }
        List<String> args = new java.util.ArrayList<>(List.of("train"));
        options.forEach((k, v) -> { args.add(k); args.add(v); });
        args.addAll(flags);
        return args.toArray(String[]::new);
    }

    @Test
    void writesResultsCurvesAndWeights() throws IOException {
        Path out = tmp.resolve("run");
        Object[] result = run(trainArgs(out));
        assertEquals(0, result[0], (String) result[2]);
        String console = (String) result[1];
        assertTrue(console.contains(" epoch  train_loss"), console);
        assertTrue(console.contains("test accuracy: "), console);

        List<String> results = Files.readAllLines(out.resolve(ResultsWriter.RESULTS));
        assertEquals(2, results.size());
        assertTrue(results.get(0).startsWith("trial,eta,lambda,n_batch,n_epochs,seed,preprocess,precision,status,"
                + "train_acc,val_acc,test_acc,train_cost,val_cost,seconds"), results.get(0));
        String[] row = results.get(1).split(",");
        assertEquals("0.01", row[1]);
        assertEquals("0.1", row[2]);
        assertEquals("ok", row[8]);
        double testAcc = Double.parseDouble(row[11]);

        List<String> curves = Files.readAllLines(out.resolve(ResultsWriter.CURVES));
        // The documented contract first, then the columns added since (exactly those CurveRows declares).
        assertTrue(curves.get(0).startsWith("trial,epoch,train_loss,train_cost,train_acc,val_loss,val_cost,val_acc"),
                curves.get(0));
        assertEquals(String.join(",", org.cifarsweep.results.CurveRows.COLUMNS), curves.get(0));
        assertEquals(4, curves.size());

        WeightsFile.Weights weights = WeightsFile.read(ResultsWriter.weightsFile(out, row[0]));
        assertEquals(10, weights.w().length);
        assertEquals(3072, weights.w()[0].length);

        // The independent truth: the same configuration (the command's defaults: scale, seed 1, data order,
        // float64) trained by plain loops in the test, from the raw sample bytes divided by 255.
        Dataset sample = CifarLoader.load(RealData.sample(), Split.parse("default"));
        double[][] x = scaled(sample.train());
        int[] y = sample.train().labels();
        ReferenceSoftmax reference = ReferenceSoftmax.seededStart(1, 10, 3072, false);
        ReferenceSoftmax start = reference.copy();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int first = 0; first < x.length; first += 100) {
                reference.step(x, y, ReferenceSoftmax.range(first, first + 100), 0.01, 0.1);
            }
        }
        // The program's features are pixel·(1f/255f), 6e-8 away from pixel/255 relatively: W, b agree to far
        // better than 1e-6 of how far training moved them (measured 4e-8), a gap no wrong step could hide in.
        double moved = reference.maxDifference(start);
        assertTrue(reference.maxDifference(weights.w(), weights.b()) < 1e-6 * moved,
                "weights differ from the reference by " + reference.maxDifference(weights.w(), weights.b()));
        // The test accuracy is the reference's exactly: no test image's two best scores are within 1e-6, far more
        // than the scores can differ. The reference learns (0.242 measured): 0.2 is 7 standard deviations of a
        // 500-image test set above chance (0.1 ± 0.013), so the agreement is not that of two untrained models.
        double[][] xTest = scaled(sample.test());
        assertEquals(0, reference.nearTies(xTest, 1e-6));
        double expected = reference.evaluate(xTest, sample.test().labels(), 0.1).accuracy();
        assertEquals(expected, testAcc, 0.0, "test_acc");
        assertTrue(expected > 0.2, "reference test accuracy " + expected);
    }

    /** Pixel bytes / 255, image by image. */
    private static double[][] scaled(Images images) {
        double[][] x = new double[images.count()][Images.PIXELS];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < Images.PIXELS; j++) x[i][j] = images.pixel(i, j) / 255.0;
        }
        return x;
    }

    @Test
    void theSameCommandTwiceWritesIdenticalCurves() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run(trainArgs(a, "--shuffle", "--precision", "float"))[0]);
        assertEquals(0, run(trainArgs(b, "--shuffle", "--precision", "float"))[0]);
        assertEquals(Files.readAllLines(a.resolve("curves.csv")), Files.readAllLines(b.resolve("curves.csv")));
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedAndKept() throws IOException {
        Path out = tmp.resolve("kept");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.csv"), "precious");
        Object[] result = run(trainArgs(out));
        assertEquals(2, result[0]);
        assertEquals("cifar-sweep: error: --out " + out + ": folder is not empty; pass --overwrite to replace its results\n",
                result[2]);
        assertEquals("precious", Files.readString(out.resolve("results.csv")));
        // Not a results.csv of ours (issue 12): --overwrite does not delete it either.
        Object[] overwrite = run(trainArgs(out, "--overwrite"));
        assertEquals(2, overwrite[0]);
        assertEquals("cifar-sweep: error: --out " + out + ": --overwrite refused: the folder holds no run of cifar-sweep"
                + " (a results.csv, curves.csv or provenance.json written by it), only other files (results.csv); give a"
                + " new or empty folder\n", overwrite[2]);
        assertEquals("precious", Files.readString(out.resolve("results.csv")));
        // A folder of an earlier train run is replaced.
        assertEquals(0, run(trainArgs(out.resolveSibling("earlier")))[0]);
        assertEquals(0, run(trainArgs(out.resolveSibling("earlier"), "--overwrite", "--lambda", "0.5"))[0]);
        assertTrue(Files.readString(out.resolveSibling("earlier").resolve("results.csv")).contains(",0.5,"));
    }

    @Test
    void badInputGetsOneLineAndTouchesNothing() throws IOException {
        Path out = tmp.resolve("never");
        String[][] cases = {
                {"--eta", "-1"}, {"--batch", "0"}, {"--batch", "1001"}, {"--epochs", "0"}, {"--lambda", "-0.1"},
                {"--preprocess", "whiten"}, {"--precision", "half"}, {"--bogus"}, {"--eta", "abc"},
                {"--data", tmp.resolve("nowhere").toString()}, {"--split", "all:0"},
        };
        String[] expected = {
                "eta -1.0 must be > 0", "n_batch 0 must be >= 1", "n_batch 1001 must be <= the training size 1000",
                "n_epochs 0 must be >= 1", "lambda -0.1 must be >= 0", "whiten", "precision 'half' is not one of double, float",
                "Unknown option: '--bogus'", "'abc' is not a double", "nowhere", "all:0",
        };
        for (int i = 0; i < cases.length; i++) {
            Object[] result = run(trainArgs(out, cases[i]));
            String err = (String) result[2];
            assertTrue((int) result[0] != 0, String.join(" ", cases[i]));
            assertTrue(err.startsWith("cifar-sweep: error: ") && err.contains(expected[i]), String.join(" ", cases[i]) + " -> " + err);
            assertEquals(1, err.strip().lines().count(), err);
            assertFalse(Files.exists(out), "output folder created for " + String.join(" ", cases[i]));
        }
    }

    /**
     * Issue 12, finding 1: train takes the output folder's lock. A train with --overwrite into the folder of a sweep
     * that is writing is refused (the lock held here as the sweep holds it), and the folder is left as it is.
     */
    @Test
    void trainIntoTheFolderOfARunningSweepIsRefused() throws IOException {
        Path sweep = tmp.resolve("running-sweep");
        Cli.run("train", "--epochs", "1", "--data", RealData.sample().toString(), "--out", sweep.toString()).ok();
        try (org.cifarsweep.results.OutputLock held = org.cifarsweep.results.OutputLock.acquire(sweep)) {
            org.cifarsweep.reliability.FolderSnapshot before = org.cifarsweep.reliability.FolderSnapshot.of(sweep);
            Cli.run(trainArgs(sweep, "--overwrite")).refused(2, "--out " + sweep + ": another sweep is writing there (pid "
                    + ProcessHandle.current().pid() + ")");
            assertEquals(before, org.cifarsweep.reliability.FolderSnapshot.of(sweep));
        }
        Cli.run(trainArgs(sweep, "--overwrite")).ok();
    }

    /** Two trains into one folder, in two processes: the second is refused, and the folder holds the first's row only. */
    @Test
    void twoTrainsIntoOneFolderCannotMixRows() throws Exception {
        Path out = tmp.resolve("shared");
        try (org.cifarsweep.reliability.Driver first = org.cifarsweep.reliability.Driver.start(tmp, "first-train",
                "train", "--epochs", "200", "--lambda", "0.1", "--data", RealData.sample().toString(),
                "--out", out.toString())) {
            assertTrue(first.waitFor(() -> first.output().contains("     2  "), java.time.Duration.ofMinutes(2)),
                    first.tail(20));
            Cli.Result second = Cli.run(trainArgs(out, "--overwrite"));
            boolean firstStillRunning = first.isAlive();
            second.refused(2, "--out " + out + ": another sweep is writing there (pid ");
            assertTrue(firstStillRunning, "the first train ended before the second tried: make it longer");
            assertEquals(0, first.await(java.time.Duration.ofMinutes(3)), first.tail(20));
        }
        List<String> rows = Files.readAllLines(out.resolve(ResultsWriter.RESULTS));
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("eta0.001_lam0.1_b100_ep200_s1,"), rows.get(1));
    }
}
