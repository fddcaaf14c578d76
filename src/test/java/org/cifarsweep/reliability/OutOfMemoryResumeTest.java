package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * In local mode a task runs in the driver JVM, so a task that runs out of memory ends the only JVM: Spark exits
 * with 52. The promise there is a clean stop (one error line that says what happened and how to finish, and files
 * a resume can continue from) and a {@code --resume} that finishes the sweep with the files of an undisturbed run.
 *
 * <p>The out-of-memory is real: the test-only setting {@code spark.cifarsweep.test.oomTrial} makes that trial's task
 * allocate until the heap is full. Each run is a driver started through submit.sh.
 */
@Tag("reliability")
class OutOfMemoryResumeTest {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    static final String TRIAL = "eta0.005_lam0_b100_ep20";
    static final String CONF = """
            name = "oom-resume"
            seed = 4
            grid { eta = [0.02, 0.01, 0.005, 0.001], lambda = [0], n_batch = [100], n_epochs = [20] }
            spark {
              "spark.ui.enabled" = false
            %s}
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    String[] sweep(Path conf, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", conf.toString(), "--data", "data/sample",
                "--out", out.toString(), "--master", "local[2]", "--driver-memory", "600m"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aTaskThatRunsTheDriverOutOfMemoryStopsItCleanlyAndResumeFinishes() throws Exception {
        Path plain = Files.writeString(tmp.resolve("plain.conf"), CONF.formatted(""));
        Path reference = tmp.resolve("reference");
        Object[] undisturbed = Driver.run(tmp, "reference", RUN_TIMEOUT, sweep(plain, reference));
        assertEquals(0, undisturbed[0], (String) undisturbed[1]);

        Path hooked = Files.writeString(tmp.resolve("oom.conf"), CONF.formatted("""
                  "spark.cifarsweep.test.oomTrial" = "%s"
                  "spark.cifarsweep.test.oomAttempts" = 1
                """.formatted(TRIAL)));
        Path out = tmp.resolve("out");
        Object[] oom = Driver.run(tmp, "oom", RUN_TIMEOUT, sweep(hooked, out));
        String log = (String) oom[1];
        assertEquals(52, oom[0], "Spark's exit code for an OutOfMemoryError\n" + log);
        List<String> errors = log.lines().filter(l -> l.startsWith("cifar-sweep: error: ")).toList();
        assertEquals(1, errors.size(), log);
        // Four equal trials on two cores train in two packs of two (by name): the error names the pack's trials.
        assertEquals("cifar-sweep: error: the driver died of OutOfMemoryError: Java heap space in trials "
                + "eta0.001_lam0_b100_ep20, " + TRIAL + " (one pack)"
                + " (in local mode the tasks run in the driver JVM); the results recorded so far in " + out
                + " are safe: raise --driver-memory (now 600 MiB of heap) and add --resume to the same command to"
                + " finish the sweep", errors.get(0));
        // The files are consistent (whole lines, no duplicate), and the trial that ran out of memory has no row.
        assertFalse(SweepFiles.results(out).keySet().stream().anyMatch(k -> k.startsWith(TRIAL + "|")),
                SweepFiles.results(out).keySet().toString());
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")));

        Object[] resumed = Driver.run(tmp, "resume", RUN_TIMEOUT, sweep(plain, out, "--resume"));
        assertEquals(0, resumed[0], (String) resumed[1]);
        assertTrue(((String) resumed[1]).contains("4 trials: 4 ok, 0 diverged, 0 failed"), (String) resumed[1]);
        SweepFiles.assertSameSweep(reference, out);
        KillAndResumeTest.assertCleanFolder(out);
    }
}
