package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.cifarsweep.cli.Main;
import org.cifarsweep.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's worst day: the driver of a sweep dies by {@code kill -9} in the middle of the sweep (twice), and
 * {@code ./submit.sh sweep CONF --out DIR --resume} must then finish it with files identical to an uninterrupted
 * run: every trial once, no half-written line, the same numbers in every column but timing and placement.
 *
 * <p>Each run is a real driver JVM started through submit.sh; the kill is a SIGKILL of that JVM (and of anything
 * it started), sent when results.csv holds some but not all rows. On failure the temp folder, with every driver's
 * log, is kept.
 */
@Tag("reliability")
class KillAndResumeTest {
    static final int TRIALS = 8;
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    /** 8 trials, shuffled (so the seeds matter), in double precision; about a second each on the sample. */
    static final String CONF = """
            name = "kill-and-resume"
            seed = 5
            precision = double
            shuffle = true
            data { preprocess = standardize }
            grid {
              eta = [0.02, 0.01, 0.005, 0.001]
              lambda = [0, 0.1]
              n_batch = [100]
              n_epochs = [30]
            }
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static Path conf;
    static Path reference;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        conf = tmp.resolve("kill-and-resume.conf");
        Files.writeString(conf, CONF);
        reference = tmp.resolve("reference");
        Object[] run = Driver.run(tmp, "reference", RUN_TIMEOUT, sweepArgs(reference));
        assertEquals(0, run[0], "uninterrupted run\n" + run[1]);
        assertEquals(TRIALS, SweepFiles.results(reference).size());
    }

    static String[] sweepArgs(Path out, String... more) {
        return sweepArgsFor(conf, out, more);
    }

    /** {@code sweep CONF} on the sample into {@code out}, on local[2], then {@code more}. */
    static String[] sweepArgsFor(Path conf, Path out, String... more) {
        return sweepArgsOn("local[2]", conf, out, more);
    }

    /** {@code sweep CONF} on the sample into {@code out}, on {@code master}, then {@code more}. */
    static String[] sweepArgsOn(String master, Path conf, Path out, String... more) {
        String[] base = {"sweep", conf.toString(), "--data", "data/sample", "--out", out.toString(), "--master", master};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void twoKillsMidSweepThenResumeGiveTheUninterruptedFiles() throws Exception {
        Path out = tmp.resolve("killed-twice");
        Path results = out.resolve("results.csv");

        // 1. The first driver: SIGKILL once it has recorded a trial.
        int afterFirst;
        try (Driver first = Driver.start(tmp, "first", sweepArgs(out))) {
            assertTrue(first.waitFor(() -> SweepFiles.completeRows(results) >= 1, RUN_TIMEOUT),
                    "no trial recorded\n" + first.tail(40));

            // While it runs, a resume into the same folder must be refused, not append beside it.
            Object[] concurrent = inProcess(sweepArgs(out, "--resume"));
            boolean stillRunning = first.isAlive();
            afterFirst = SweepFiles.completeRows(results);
            assertTrue(stillRunning && afterFirst < TRIALS, "the kill must land mid-sweep, but " + afterFirst
                    + " trials were recorded: make the trials longer\n" + first.tail(40));
            assertEquals(2, concurrent[0], "resume during a running sweep: " + concurrent[2]);
            assertTrue(((String) concurrent[2]).contains("another sweep is writing there (pid "), (String) concurrent[2]);

            assertEquals(137, first.kill9(), "exit code of the SIGKILLed driver (128 + 9)");
        }
        afterFirst = SweepFiles.completeRows(results);
        assertTrue(afterFirst >= 1 && afterFirst < TRIALS, afterFirst + " rows after the first kill");

        // 2. A resume, killed in turn once it has added a trial.
        int afterSecond;
        try (Driver second = Driver.start(tmp, "second", sweepArgs(out, "--resume"))) {
            int before = afterFirst;
            assertTrue(second.waitFor(() -> SweepFiles.completeRows(results) > before, RUN_TIMEOUT),
                    "the resume recorded nothing\n" + second.tail(40));
            afterSecond = SweepFiles.completeRows(results);
            boolean midSweep = second.isAlive() && afterSecond < TRIALS;
            assertEquals(137, second.kill9(), "exit code of the second SIGKILLed driver");
            assertTrue(midSweep, "the second kill must land mid-sweep, at " + afterSecond + " rows\n" + second.tail(40));
            assertTrue(second.output().contains("resume: " + before + " of " + TRIALS + " trials are complete"),
                    second.tail(40));
        }

        // 3. The last resume finishes the sweep.
        Object[] last = Driver.run(tmp, "third", RUN_TIMEOUT, sweepArgs(out, "--resume"));
        assertEquals(0, last[0], "final resume\n" + last[1]);
        String console = (String) last[1];
        int done = SweepFiles.completeRows(results);
        assertTrue(console.contains(TRIALS + " trials: " + TRIALS + " ok, 0 diverged, 0 failed"), console);

        SweepFiles.assertSameSweep(reference, out);
        assertEquals(TRIALS, done);
        assertCleanFolder(out);
        Config provenance = ConfigFactory.parseFile(out.resolve("provenance.json").toFile());
        assertEquals(2, provenance.getList("resumed.earlier_runs").size(), "two interrupted runs before this one");
        assertEquals(TRIALS, provenance.getInt("trials.ok"));
        System.out.printf("kill-and-resume: SIGKILL after %d of %d trials, then after %d; the last resume ran %d; "
                + "files identical to the uninterrupted run%n", afterFirst, TRIALS, afterSecond, TRIALS - afterSecond);
    }

    @Test
    void aKillBeforeTheFirstResultIsResumedFromScratch() throws Exception {
        Path out = tmp.resolve("killed-early");
        try (Driver early = Driver.start(tmp, "early", sweepArgs(out))) {
            // provenance.json is written once Spark is up, before any trial ends.
            assertTrue(early.waitFor(() -> Files.exists(out.resolve("provenance.json")), RUN_TIMEOUT), early.tail(40));
            assertEquals(137, early.kill9());
        }
        assertTrue(SweepFiles.completeRows(out.resolve("results.csv")) < TRIALS);
        // Without --resume, the folder is not silently replaced.
        Object[] refused = inProcess(sweepArgs(out));
        assertEquals(2, refused[0]);
        assertTrue(((String) refused[2]).contains("folder is not empty; pass --overwrite"), (String) refused[2]);

        Object[] resumed = Driver.run(tmp, "early-resume", RUN_TIMEOUT, sweepArgs(out, "--resume"));
        assertEquals(0, resumed[0], (String) resumed[1]);
        SweepFiles.assertSameSweep(reference, out);
        assertCleanFolder(out);
    }

    /** No lock file, no temporary file: nothing a crash left behind survives a finished resume. */
    static void assertCleanFolder(Path out) throws IOException {
        assertFalse(Files.exists(out.resolve(".cifar-sweep.lock")), "lock file left in " + out);
        try (Stream<Path> walk = Files.walk(out)) {
            assertEquals(java.util.List.of(), walk.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
    }

    /** The CLI in this JVM on local[2]: {exit code, stdout, stderr}. */
    static Object[] inProcess(String... args) {
        // --master is submit.sh's; in-process the master is the spark.master property.
        java.util.List<String> list = new java.util.ArrayList<>(java.util.List.of(args));
        int i = list.indexOf("--master");
        if (i >= 0) {
            list.remove(i);
            list.remove(i);
        }
        Cli.Result result = Cli.run(list.toArray(String[]::new));
        return new Object[] {result.exit(), result.out(), result.err()};
    }
}
