package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.cifarsweep.report.ReportFixture;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report DIR}: in-process, after a real train run, through submit.sh, and its one-line refusals. */
class ReportCommandTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one command line run in-process. */
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        Cli.Result result = Cli.run(args);
        return new Run(result.exit(), result.out(), result.err());
    }

    private static void assertOneLineError(Run run, int code, String contains) {
        assertEquals(code, run.code(), run.err());
        assertTrue(run.err().startsWith("cifar-sweep: error: ") && run.err().contains(contains), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void rebuildsTheReportOfARealTrainRun() throws IOException {
        Path out = tmp.resolve("train");
        Run train = run("train", "--eta", "0.01", "--lambda", "0.1", "--batch", "100", "--epochs", "3",
                "--data", RealData.sample().toString(), "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        // As if copied elsewhere with only the CSVs and weights: no report yet.
        Files.deleteIfExists(out.resolve("report.html"));

        Run report = run("report", out.toString());
        assertEquals(0, report.code(), report.err());
        assertTrue(report.out().startsWith("report: " + out.resolve("report.html") + " (1 trial, "), report.out());
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(1, html.split("<tr class=\"trial\"", -1).length - 1);
        try (Stream<Path> trials = Files.list(out.resolve("plots/trials"))) {
            Path trial = trials.findFirst().orElseThrow();
            for (String png : List.of("cost.png", "loss.png", "accuracy.png", "templates.png")) {
                assertTrue(Files.size(trial.resolve(png)) > 1000, trial.resolve(png) + " written");
            }
        }
        assertFalse(Files.exists(out.resolve("plots/sweep")), "one trial: no sweep comparisons");
        assertTrue(html.contains("A single trial, so nothing to compare"), "says why there are no sweep plots");
    }

    @Test
    void aMissingFolderOrResultsFileIsRefusedInOneLine() throws IOException {
        Path absent = tmp.resolve("absent");
        assertOneLineError(run("report", absent.toString()), 2, absent + ": no such folder");
        assertFalse(Files.exists(absent));

        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertOneLineError(run("report", file.toString()), 2, "not a folder");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertOneLineError(run("report", empty.toString()), 2, "no results.csv there");
        try (Stream<Path> left = Files.list(empty)) {
            assertEquals(0, left.count(), "nothing written into a folder that is not an output folder");
        }

        Path wrong = Files.createDirectories(tmp.resolve("wrong"));
        Files.writeString(wrong.resolve("results.csv"), "name,score\nx,1\n");
        assertOneLineError(run("report", wrong.toString()), 2, "no 'trial' column");

        assertOneLineError(run("report"), 2, "DIR");
    }

    @Test
    void topAndTrialChooseWhichTrialsArePictured() throws IOException {
        Path out = ReportFixture.write(tmp.resolve("fixture"));
        String best = ReportFixture.TRIALS.get(1)[0];      // B, the best val_acc
        String second = ReportFixture.TRIALS.get(2)[0];    // C
        String batch20 = ReportFixture.TRIALS.get(4)[0];   // rank 3
        String diverged = ReportFixture.TRIALS.get(5)[0];  // rank 6
        Run report = run("report", out.toString(), "--top", "2", "--trial", diverged);
        assertEquals(0, report.code(), report.err());
        try (Stream<Path> trials = Files.list(out.resolve("plots/trials"))) {
            assertEquals(List.of(best, second, diverged).stream().sorted().toList(),
                    trials.map(p -> p.getFileName().toString()).sorted().toList());
        }
        // 4 sweep plots, 4 pictures for each of the three.
        assertTrue(report.out().contains("(7 trials, 16 pictures in "), report.out());
        assertFalse(Files.exists(out.resolve("plots/trials").resolve(batch20)));

        assertOneLineError(run("report", out.toString(), "--trial", "nope"), 2, "has no trial 'nope'");
        assertOneLineError(run("report", out.toString(), "--top", "-1"), 2, "--top: -1 must be >= 0");
        assertOneLineError(run("report", out.toString(), "--top", "many"), 2, "many");
    }

    @Test
    void submitShReportEndToEnd() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path jar = appJar(project.resolve("target/classes"), tmp.resolve("app.jar"));
        Path out = ReportFixture.write(tmp.resolve("copied"));

        Process ok = submit(project, jar, "report", out.toString());
        String okOut = new String(ok.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ok.waitFor(180, TimeUnit.SECONDS), "submit.sh report finished");
        String okErr = Files.readString(errFile(jar));
        assertEquals(0, ok.exitValue(), okOut + okErr);
        assertTrue(okOut.contains("report: " + out.resolve("report.html")), okOut);
        assertTrue(Files.isRegularFile(out.resolve("plots/sweep/top5-val-acc.png")));

        Process missing = submit(project, jar, "report", tmp.resolve("nothing-here").toString());
        missing.getInputStream().readAllBytes();
        assertTrue(missing.waitFor(180, TimeUnit.SECONDS));
        String err = Files.readString(errFile(jar));
        assertEquals(2, missing.exitValue(), err);
        // The JVM may print its own warnings; ours is exactly one line, with no stack trace.
        assertEquals(1, err.lines().filter(l -> l.startsWith("cifar-sweep: error: ")).count(), err);
        assertTrue(err.contains("nothing-here: no such folder"), err);
        assertFalse(err.contains("\tat "), err);
    }

    private static Process submit(Path project, Path jar, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(project.resolve("submit.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_"));
        pb.environment().put("CIFAR_SWEEP_JAR", jar.toString());   // the classes under test; no build step
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // stderr to a file, so a chatty JVM cannot fill the pipe while the test reads stdout
        pb.redirectError(errFile(jar).toFile());
        return pb.start();
    }

    private static Path errFile(Path jar) {
        return jar.resolveSibling("submit-stderr.txt");
    }

    /** The compiled classes as an application jar for submit.sh (its libraries come from target/classpath.txt). */
    private static Path appJar(Path classes, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file, manifest);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) continue;
                zip.putNextEntry(new JarEntry(name));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
