package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.data.BinaryBatchReader;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.MatBatchReader;
import org.cifarsweep.reliability.Driver;
import org.cifarsweep.reliability.FolderSnapshot;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

/**
 * The table of bad inputs. Each case must end in one line on stderr that names the file, key or option, the value
 * and the rule, with a non-zero exit, and must change nothing in the output folder. Each runs three ways:
 * <ul>
 *   <li>into a folder holding a previous sweep's results, with {@code --overwrite}: had any check come after the
 *       folder is prepared, those results would be gone;</li>
 *   <li>into the same folder with {@code --resume};</li>
 *   <li>into an {@code --out} that does not exist yet, which must not be created.</li>
 * </ul>
 */
class BadInputTest {
    /** A valid sweep: 2 trials of 1 epoch, batch 10. Cases replace one part of it. */
    static final String GOOD = """
            seed = 1
            grid { eta = [0.01, 0.001], lambda = [0], n_batch = [10], n_epochs = [1] }
            spark { "spark.ui.enabled" = false }
            """;
    static final int USAGE = 2;
    static final int DATA = 3;

    @TempDir
    static Path tmp;
    static Path previous;
    static Path goodConf;
    static Path sample;

    /** One bad input: the arguments after the command (no --out), the exit code, and what the line must say. */
    record Case(String name, String command, List<String> args, int exit, List<String> says) { }

    static final List<Case> CASES = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        sample = RealData.sample();
        goodConf = Files.writeString(tmp.resolve("good.conf"), GOOD);
        previous = tmp.resolve("previous");
        Cli.run("sweep", goodConf.toString(), "--data", sample.toString(), "--out", previous.toString()).ok();
        buildCases();
    }

    // ---- the cases ----------------------------------------------------------------------------------------

    static void buildCases() throws IOException {
        // Data: folders and files.
        Path nowhere = tmp.resolve("no-such-folder");
        data("missing data folder", nowhere, DATA, nowhere + ": data folder not found");
        Path noFiles = Files.createDirectories(tmp.resolve("empty-folder"));
        data("folder without batches", noFiles, DATA, noFiles + ": no CIFAR-10 batches found (expected data_batch_1.bin or data_batch_1.mat)");
        Path missing = copyOfSample("missing-file");
        Files.delete(missing.resolve("data_batch_2.bin"));
        data("missing data file", missing, DATA, missing.resolve("data_batch_2.bin") + ": file not found (needed by split 'default')");
        Path truncated = copyOfSample("truncated");
        cut(truncated.resolve("data_batch_1.bin"), 3073L * 400 + 1234);
        data("truncated file", truncated, DATA, truncated.resolve("data_batch_1.bin") + ": size 1230434 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes)");
        Path empty = copyOfSample("empty-file");
        cut(empty.resolve("test_batch.bin"), 0);
        data("file truncated to nothing", empty, DATA, empty.resolve("test_batch.bin") + ": empty file");
        Path extra = copyOfSample("not-multiple");
        Files.write(extra.resolve("data_batch_2.bin"), new byte[5], java.nio.file.StandardOpenOption.APPEND);
        data("size not a multiple of 3073", extra, DATA, extra.resolve("data_batch_2.bin") + ": size 1536505 bytes is not a multiple of 3073");
        Path label = copyOfSample("label");
        byte[] batch = Files.readAllBytes(label.resolve("data_batch_1.bin"));
        batch[17 * 3073] = 12;
        Files.write(label.resolve("data_batch_1.bin"), batch);
        data("label above 9", label, DATA, label.resolve("data_batch_1.bin") + ": record 17 has label 12, labels must be 0-9");

        // Data: MAT files with the wrong variables.
        Images images = BinaryBatchReader.read(sample.resolve("data_batch_2.bin")).slice(0, 50);
        data("mat: wrong variable name", matFolder("mat-name", "images", uint8(50, 3072), "labels", uint8(50, 1)), DATA,
                "data_batch_1.mat: missing variable 'data'");
        data("mat: wrong shape", matFolder("mat-shape", "data", uint8(50, 3071), "labels", uint8(50, 1)), DATA,
                "data_batch_1.mat: variable 'data' has shape 50x3071 and class uint8, expected Nx3072 uint8");
        data("mat: wrong type of data", matFolder("mat-type", "data", Mat5.newMatrix(50, 3072, MatlabType.Double), "labels", uint8(50, 1)), DATA,
                "data_batch_1.mat: variable 'data' has shape 50x3072 and class double, expected Nx3072 uint8");
        data("mat: wrong type of labels", matFolder("mat-labels", "data", uint8(50, 3072), "labels", Mat5.newMatrix(50, 1, MatlabType.Double)), DATA,
                "data_batch_1.mat: variable 'labels' has shape 50x1 and class double, expected 50x1 uint8");
        Path matCut = matFolder("mat-truncated", "data", uint8(50, 3072), "labels", uint8(50, 1));
        MatBatchReader.write(matCut.resolve("data_batch_1.mat"), images);
        cut(matCut.resolve("data_batch_1.mat"), Files.size(matCut.resolve("data_batch_1.mat")) / 2);
        data("mat: truncated file", matCut, DATA, "data_batch_1.mat: not a readable MAT-file");

        // The conf.
        conf("conf syntax error", "grid { eta = [0.1] lambda = [0], n_batch = [10], n_epochs = [1] ", "bad.conf: line ");
        conf("conf unknown key", GOOD.replace("eta =", "etaa ="), "bad.conf: unknown key 'grid.etaa' (known: eta, lambda, n_batch, n_epochs");
        conf("conf unknown top-level key", GOOD + "epochs = 3\n", "bad.conf: unknown key 'epochs' (known: name, seed,");
        conf("conf wrong type (number)", GOOD.replace("[0.01, 0.001]", "[0.01, \"fast\"]"), "bad.conf: grid.eta[1]: expected a number, got STRING \"fast\"");
        conf("conf wrong type (boolean)", GOOD + "shuffle = 3\n", "bad.conf: shuffle: expected true or false, got NUMBER 3");
        conf("conf wrong type (integer)", GOOD.replace("n_batch = [10]", "n_batch = [2.5]"), "bad.conf: grid.n_batch[0]: 2.5 must be an integer");
        conf("conf empty grid list", GOOD.replace("lambda = [0]", "lambda = []"), "bad.conf: grid.lambda: empty list");
        conf("conf no grid and no trials", "seed = 1\n", "bad.conf: the search is empty: give a grid");
        conf("conf empty trials", "trials = []\n", "bad.conf: the search is empty");
        conf("conf eta = 0", GOOD.replace("[0.01, 0.001]", "[0.01, 0]"), "bad.conf: grid.eta[1]: 0 must be > 0");
        conf("conf eta < 0", GOOD.replace("[0.01, 0.001]", "[-0.01]"), "bad.conf: grid.eta[0]: -0.01 must be > 0");
        conf("conf lambda < 0", GOOD.replace("lambda = [0]", "lambda = [0, -0.5]"), "bad.conf: grid.lambda[1]: -0.5 must be >= 0");
        conf("conf n_batch < 1", GOOD.replace("n_batch = [10]", "n_batch = [0]"), "bad.conf: grid.n_batch[0]: 0 must be >= 1");
        conf("conf n_batch > training size", GOOD.replace("n_batch = [10]", "n_batch = [10, 1001]"),
                "bad.conf: trial eta0.01_lam0_b1001_ep1: n_batch 1001 must be <= the training size 1000");
        conf("conf n_epochs < 1", GOOD.replace("n_epochs = [1]", "n_epochs = [0]"), "bad.conf: grid.n_epochs[0]: 0 must be >= 1");
        conf("conf trial with a bad value", "trials = [ { eta = 0.1, lambda = -1, n_batch = 10, n_epochs = 1 } ]\n",
                "bad.conf: trials[0].lambda: -1 must be >= 0");

        // Issue 12: the red team's inputs.
        conf("conf with 10^8 random samples", "random { samples = 100000000, eta = \"loguniform(1e-4, 1e-1)\", lambda = 0,"
                + " n_batch = 10, n_epochs = 1 }\n", "bad.conf: random: 100000000 samples give 100,000,000 trials; a sweep"
                + " may have at most 1,000,000 (grid points × samples, plus trials)");
        conf("conf weights best 0", GOOD + "weights = \"best 0\"\n",
                "bad.conf: weights: 'best 0' must be all, none, or \"best N\" with N >= 1 (the best N ok runs by val_acc)");
        conf("conf weights maybe", GOOD + "weights = maybe\n",
                "bad.conf: weights: 'maybe' must be all, none, or \"best N\" with N >= 1");
        conf("conf name escaping out/", GOOD + "name = \"../../escape\"\n",
                "bad.conf: name: \"../../escape\" holds a / or \\: the name must be a single folder name");
        conf("conf missing include", "include required(\"base.conf\")\n" + GOOD,
                "bad.conf: include required(\"base.conf\"): no such file ");
        conf("conf spark memory not a size", GOOD.replace("spark {", "spark { \"spark.executor.memory\" = nonsense,"),
                "bad.conf: spark.\"spark.executor.memory\": \"nonsense\" must be a size: a whole number with an optional"
                        + " unit b, k, m, g, t or p, e.g. 512m or 4g (a plain number is MiB)");
        conf("conf spark cores 0", GOOD.replace("spark {", "spark { spark.executor.cores = 0,"),
                "bad.conf: spark.\"spark.executor.cores\": \"0\" must be an integer from 1 to 999999999");
        conf("conf spark boolean", GOOD.replace("\"spark.ui.enabled\" = false", "\"spark.ui.enabled\" = maybe"),
                "bad.conf: spark.\"spark.ui.enabled\": \"maybe\" must be true or false");
        conf("conf spark duration", GOOD.replace("spark {", "spark { \"spark.network.timeout\" = forever,"),
                "bad.conf: spark.\"spark.network.timeout\": \"forever\" must be a duration");
        conf("conf spark master", GOOD.replace("spark {", "spark { spark.master = \"local[0]\","),
                "bad.conf: spark.\"spark.master\": \"local[0]\": not a local master");
        // repeats = N: each configuration's number of seeds.
        conf("conf repeats = 0", GOOD + "repeats = 0\n", "bad.conf: repeats: 0 must be >= 1");
        conf("conf repeats not an integer", GOOD + "repeats = 1.5\n", "bad.conf: repeats: 1.5 must be an integer");
        // report { top_trials }: how many of the best trials the sweep's report pictures.
        conf("conf report.top_trials < 0", GOOD + "report { top_trials = -1 }\n", "bad.conf: report.top_trials: -1 must be >= 0");
        conf("conf report.top_trials not an integer", GOOD + "report { top_trials = 2.5 }\n",
                "bad.conf: report.top_trials: 2.5 must be an integer");
        conf("conf report.top_trials not a number", GOOD + "report { top_trials = all }\n",
                "bad.conf: report.top_trials: expected an integer, got STRING \"all\"");
        conf("conf report.top_trials beyond an int", GOOD + "report { top_trials = 3000000000 }\n",
                "bad.conf: report.top_trials: 3000000000 must be <= 2147483647");
        conf("conf report unknown key", GOOD + "report { top = 3 }\n", "bad.conf: unknown key 'report.top' (known: top_trials)");
        conf("conf report not an object", GOOD + "report = 3\n", "bad.conf: report: expected an object, got NUMBER 3");
        Path both = copyOfSample("both-versions");
        Images first = BinaryBatchReader.read(sample.resolve("data_batch_1.bin")).slice(0, 50);
        MatBatchReader.write(both.resolve("data_batch_1.mat"), first);
        Path matConf = Files.writeString(Files.createDirectories(tmp.resolve("conf-mat")).resolve("mat.conf"),
                GOOD + "data.format = mat\n");
        add("conf data.format mat on a folder with both", "sweep", List.of(matConf.toString(), "--data", both.toString()),
                USAGE, matConf + ": data.format: 'mat' but " + both + " holds the binary version too, which is the one"
                        + " read when a folder holds both: give a folder with the .mat files only");
        add("train: --decay step without a rate", "train", List.of("--decay", "step", "--data", sample.toString()), USAGE,
                "--decay step: needs --decay-rate R, the factor in (0, 1] (as decay_rate in a conf; 1 is no decay)");
        add("train: --decay exp without a rate", "train", List.of("--decay", "exp", "--decay-every", "3", "--data",
                sample.toString()), USAGE, "--decay exp: needs --decay-rate R");

        // The conf file itself.
        Path folderConf = Files.createDirectories(tmp.resolve("a-folder.conf"));
        add("conf is a folder", "sweep", List.of(folderConf.toString(), "--data", sample.toString()), USAGE,
                folderConf + ": cannot read (is a directory, expected a .conf file)");
        Path regular = Files.writeString(tmp.resolve("regular-file"), "x");
        Path under = regular.resolve("sweep.conf");
        add("conf under a regular file", "sweep", List.of(under.toString(), "--data", sample.toString()), USAGE,
                under + ": cannot read (no such file)");
        Path absent = tmp.resolve("absent.conf");
        add("conf missing", "sweep", List.of(absent.toString(), "--data", sample.toString()), USAGE,
                absent + ": cannot read (no such file)");
        if (!"root".equals(System.getProperty("user.name"))) {   // root reads whatever the mode bits say
            Path locked = Files.writeString(tmp.resolve("locked.conf"), GOOD);
            assertTrue(locked.toFile().setReadable(false, false));
            add("conf without read permission", "sweep", List.of(locked.toString(), "--data", sample.toString()), USAGE,
                    locked + ": cannot read (permission denied)");
        }

        // The command line.
        add("--packing neither auto nor off", "sweep", List.of(goodConf.toString(), "--data", sample.toString(),
                "--packing", "on"), USAGE, "cifar-sweep: error: --packing 'on' must be auto or off");
        add("unknown option", "sweep", List.of(goodConf.toString(), "--data", sample.toString(), "--bogus"), USAGE,
                "Unknown option: '--bogus' (sweep takes options: --data, --out, --overwrite, --resume,");
        add("unknown option with a value", "sweep", List.of(goodConf.toString(), "--epochs=3", "--data", sample.toString()), USAGE,
                "Unknown option: '--epochs=3'");
        add("extra argument", "sweep", List.of(goodConf.toString(), "other.conf", "--data", sample.toString()), USAGE,
                "Unmatched argument at index 2: 'other.conf' (sweep takes options: --data, --out");
        add("missing conf argument", "sweep", List.of("--data", sample.toString()), USAGE,
                "Missing required parameter: 'CONF'");
        add("option without its value", "sweep", List.of(goodConf.toString(), "--data"), USAGE,
                "Expected parameter for option '--data' but found '--out'");
        add("unknown command", "sweeep", List.of(goodConf.toString()), USAGE,
                "unknown command 'sweeep'; did you mean 'sweep'", "(cifar-sweep takes commands: sweep, train, gradcheck");
        add("train: --weights best 5", "train", List.of("--weights", "best 5", "--data", sample.toString()), USAGE,
                "--weights 'best 5': must be all or none (train runs one trial");
        add("train: unknown option", "train", List.of("--lr", "0.1", "--data", sample.toString()), USAGE,
                "Unknown options: '--lr', '0.1' (train takes options: --eta, --lambda");
        add("train: n_batch > training size", "train", List.of("--batch", "1001", "--data", sample.toString()), USAGE,
                "n_batch 1001 must be <= the training size 1000");
    }

    static void data(String name, Path dir, int exit, String says) {
        add(name, "sweep", List.of(goodConf.toString(), "--data", dir.toString()), exit, says);
        add("train: " + name, "train", List.of("--epochs", "1", "--data", dir.toString()), exit, says);
    }

    static void conf(String name, String text, String says) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("conf-" + CASES.size()));
        Path file = Files.writeString(dir.resolve("bad.conf"), text);
        add(name, "sweep", List.of(file.toString(), "--data", sample.toString()), USAGE, dir + "/" + says);
    }

    static void add(String name, String command, List<String> args, int exit, String... says) {
        CASES.add(new Case(name, command, args, exit, List.of(says)));
    }

    // ---- the tests ----------------------------------------------------------------------------------------

    @Test
    void everyBadInputGetsOneLineAndNoOutputFolderChanges() {
        List<String> failures = new ArrayList<>();
        FolderSnapshot before = FolderSnapshot.of(previous);
        for (Case c : CASES) {
            List<List<String>> variants = new ArrayList<>();
            variants.add(List.of("--out", previous.toString(), "--overwrite"));
            if (c.command.equals("sweep")) variants.add(List.of("--out", previous.toString(), "--resume"));
            Path fresh = tmp.resolve("never-" + CASES.indexOf(c));
            variants.add(List.of("--out", fresh.toString()));
            for (List<String> variant : variants) {
                List<String> args = new ArrayList<>();
                args.add(c.command);
                args.addAll(c.args);
                args.addAll(variant);
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                String label = c.name + " " + variant + ": exit " + r.exit() + ", stderr: " + r.err().strip();
                try {
                    r.refused(c.exit, c.says.toArray(String[]::new));
                } catch (AssertionError e) {
                    failures.add(label);
                }
                if (!before.equals(FolderSnapshot.of(previous))) {
                    failures.add(label + ": CHANGED the previous results");
                    before = FolderSnapshot.of(previous);
                }
                if (Files.exists(fresh)) failures.add(label + ": created " + fresh);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + CASES.size() + " cases failed");
        assertTrue(CASES.size() >= 40, CASES.size() + " cases");
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(tmp.resolve("i-am-a-file"), "keep me");
        for (Path out : List.of(file, file.resolve("results"))) {
            for (String flag : List.of("--overwrite", "--resume")) {
                Cli.Result r = Cli.run("sweep", goodConf.toString(), "--data", sample.toString(), "--out", out.toString(), flag);
                r.refused(USAGE, "--out " + out + ": ");
                assertTrue(r.err().contains("exists and is not a folder") || r.err().contains(
                        "cannot write there (" + file + " is a file, not a folder)"), r.err());
                assertFalse(r.out().contains("broadcast"), "Spark started: " + r.out());
                assertEquals("keep me", Files.readString(file));
            }
        }
        Cli.Result train = Cli.run("train", "--epochs", "1", "--data", sample.toString(), "--out", file.resolve("x").toString());
        train.refused(USAGE, "--out " + file.resolve("x") + ": cannot write there (" + file + " is a file, not a folder)");
        assertFalse(train.out().contains("epoch"), train.out());
    }

    @Test
    void aNonEmptyFolderIsRefusedWithoutResumeOrOverwrite() {
        FolderSnapshot before = FolderSnapshot.of(previous);
        Cli.run("sweep", goodConf.toString(), "--data", sample.toString(), "--out", previous.toString())
                .refused(USAGE, "--out " + previous + ": folder is not empty; pass --overwrite to replace its results");
        assertEquals(before, FolderSnapshot.of(previous));
    }

    @Test
    void aBadMasterUrlIsRefusedBySubmitShBeforeSparkStarts() throws Exception {
        String[][] bad = {
                {"foo", "not a Spark master URL (expected local, local[N], local[*], local[N,F]"},
                {"local[0]", "N threads and F task attempts must be integers >= 1"},
                {"local[two]", "N threads and F task attempts must be integers >= 1"},
                {"local-cluster[2,1]", "local-cluster needs [workers,cores per worker,MB per worker]"},
                {"spark://master", "a standalone master is spark://HOST:PORT"},
                {"spark://master:70777", "port 70777 is not in 1-65535"},
                {"yarn-cluster", "not a Spark master URL"},
                {"k8s://", "a Kubernetes master is k8s://[https://]HOST[:PORT]"},
                {"mesos://master:5050", "Mesos is not supported by Spark 4"},
                {"", "not a Spark master URL"},
        };
        FolderSnapshot before = FolderSnapshot.of(previous);
        Path fresh = tmp.resolve("never-master");
        for (String[] c : bad) {
            for (List<String> out : List.of(List.of("--out", previous.toString(), "--overwrite"), List.of("--out", fresh.toString()))) {
                List<String> args = new ArrayList<>(List.of("sweep", goodConf.toString(), "--data", sample.toString(), "--master", c[0]));
                args.addAll(out);
                Object[] run = Driver.run(tmp, "master", Duration.ofMinutes(1), args.toArray(String[]::new));
                String output = (String) run[1];
                assertEquals(2, run[0], c[0] + ": " + output);
                assertEquals("cifar-sweep: error: --master '" + c[0] + "': ", output.substring(0, Math.min(output.length(),
                        ("cifar-sweep: error: --master '" + c[0] + "': ").length())), output);
                assertTrue(output.contains(c[1]), c[0] + ": " + output);
                assertEquals(1, output.strip().lines().count(), "one line and nothing from the JVM: " + output);
                assertEquals(before, FolderSnapshot.of(previous), c[0]);
                assertFalse(Files.exists(fresh), c[0]);
            }
        }
        // The accepted forms get past the check: the next error is the application's own (a missing conf).
        Path absent = tmp.resolve("absent.conf");
        for (String good : List.of("local", "local[*,3]", "local-cluster[1,1,512]", "spark://127.0.0.1:7077,127.0.0.1:7078")) {
            Object[] run = Driver.run(tmp, "master-ok", Duration.ofMinutes(1), "sweep", absent.toString(), "--master", good,
                    "--out", fresh.toString());
            String output = (String) run[1];
            assertEquals(2, run[0], good + ": " + output);
            assertTrue(output.contains("cifar-sweep: error: " + absent + ": cannot read (no such file)"), good + ": " + output);
            assertFalse(output.contains("--master"), good + ": " + output);
        }
    }

    /** Issue 12: spark-submit's options with a bad value gave stack traces and exit 1; --driver-memory did nothing. */
    @Test
    void badSparkOptionsAreRefusedBySubmitShInOneLine() throws Exception {
        String size = "not a size: a whole number with an optional unit b, k, m, g, t or p, e.g. 512m or 4g (a plain"
                + " number is MiB)";
        String[][] bad = {
                {"--executor-memory", "nonsense", "--executor-memory 'nonsense': " + size},
                {"--executor-memory", "2.5g", "--executor-memory '2.5g': " + size},
                {"--executor-memory", "100m", "--executor-memory '100m': less than Spark's minimum of 450m"},
                {"--driver-memory", "1q", "--driver-memory '1q': " + size},
                {"--driver-memory", "256m", "--driver-memory '256m': less than Spark's minimum of 450m"},
                {"--executor-cores", "0", "--executor-cores '0': must be an integer from 1 to 999999999"},
                {"--num-executors", "-1", "--num-executors '-1': must be an integer from 1 to 999999999"},
                {"--total-executor-cores", "two", "--total-executor-cores 'two': must be an integer from 1 to 999999999"},
                {"--driver-cores", "1.5", "--driver-cores '1.5': must be an integer from 1 to 999999999"},
                {"--deploy-mode", "moon", "--deploy-mode 'moon': must be client or cluster"},
                {"--conf", "spark.ui.enabled", "--conf 'spark.ui.enabled': expected KEY=VALUE, e.g. --conf spark.ui.enabled=false"},
                {"--executor-memory=lots", null, "--executor-memory 'lots': " + size},
        };
        FolderSnapshot before = FolderSnapshot.of(previous);
        Path fresh = tmp.resolve("never-spark-options");
        for (String[] c : bad) {
            List<String> args = new ArrayList<>(List.of("sweep", goodConf.toString(), "--data", sample.toString()));
            args.add(c[0]);
            if (c[1] != null) args.add(c[1]);
            for (List<String> out : List.of(List.of("--out", previous.toString(), "--overwrite"), List.of("--out", fresh.toString()))) {
                List<String> all = new ArrayList<>(args);
                all.addAll(out);
                Object[] run = Driver.run(tmp, "spark-options", Duration.ofMinutes(1), all.toArray(String[]::new));
                String output = (String) run[1];
                assertEquals(2, run[0], c[0] + ": " + output);
                assertEquals("cifar-sweep: error: " + c[2], output.strip(), "one line and nothing from the JVM");
                assertEquals(before, FolderSnapshot.of(previous), c[0]);
                assertFalse(Files.exists(fresh), c[0]);
            }
        }
    }

    /** --driver-memory sets the heap of the driver JVM that submit.sh starts (there is no other driver JVM). */
    @Test
    void driverMemoryIsTheDriverJvmsHeap() throws Exception {
        for (String[] c : new String[][] {{"600m", "-Xmx600m"}, {"1g", "-Xmx1024m"}, {"2048", "-Xmx2048m"}}) {
            try (Driver driver = Driver.start(tmp, "driver-memory", "train", "--epochs", "100", "--data",
                    sample.toString(), "--out", tmp.resolve("driver-memory-" + c[1]).toString(), "--driver-memory", c[0])) {
                assertTrue(driver.waitFor(() -> driver.output().contains("epoch"), Duration.ofMinutes(2)), driver.tail(20));
                List<String> jvmArgs = List.of(Files.readString(Path.of("/proc", Long.toString(driver.jvm().pid()),
                        "cmdline")).split("\0"));
                assertTrue(jvmArgs.contains(c[1]), c[0] + ": " + jvmArgs);
                assertFalse(jvmArgs.contains("-Xmx2g"), "CIFAR_SWEEP_DRIVER_MEMORY is overridden: " + jvmArgs);
            }
        }
    }

    /** A Spark start failure (here: an address the driver cannot bind) left an empty output folder behind. */
    @Test
    void aSparkThatCannotStartLeavesNoOutputFolder() throws Exception {
        Path conf = Files.writeString(tmp.resolve("no-bind.conf"), GOOD.replace("spark {",
                "spark { \"spark.driver.bindAddress\" = \"192.0.2.123\", \"spark.driver.host\" = \"192.0.2.123\","
                        + " \"spark.port.maxRetries\" = 1,"));
        Path out = tmp.resolve("spark-failed/out");
        Object[] run = Driver.run(tmp, "no-bind", Duration.ofMinutes(2), "sweep", conf.toString(), "--data",
                sample.toString(), "--out", out.toString());
        assertTrue((int) run[0] != 0, (String) run[1]);
        assertFalse(Files.exists(tmp.resolve("spark-failed")), "an empty folder was left behind: " + run[1]);
    }

    // ---- data helpers -------------------------------------------------------------------------------------

    static Path copyOfSample(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : List.of("data_batch_1.bin", "data_batch_2.bin", "test_batch.bin", "batches.meta.txt")) {
            Files.copy(sample.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    static void cut(Path file, long size) throws IOException {
        try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    static Matrix uint8(int rows, int cols) {
        return Mat5.newMatrix(rows, cols, MatlabType.UInt8);
    }

    /** A MAT-version folder whose data_batch_1.mat holds the given variables; its other batches are valid. */
    static Path matFolder(String name, String var1, Array a1, String var2, Array a2) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Images images = BinaryBatchReader.read(sample.resolve("data_batch_2.bin")).slice(0, 50);
        MatBatchReader.write(dir.resolve("data_batch_2.mat"), images);
        MatBatchReader.write(dir.resolve("test_batch.mat"), images);
        Mat5.writeToFile(Mat5.newMatFile().addArray(var1, a1).addArray(var2, a2)
                .addArray("batch_label", Mat5.newString("training batch 1 of 5")), dir.resolve("data_batch_1.mat").toFile());
        return dir;
    }
}
