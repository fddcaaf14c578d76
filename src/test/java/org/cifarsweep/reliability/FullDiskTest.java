package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a sweep into a full disk (a 2 MB tmpfs as --out) printed 43 MB of stack traces ending in a
 * StackOverflowError, and no error line. Now: one line naming the file and "No space left on device", with the
 * command that finishes the sweep, exit 5; the rows written stay consistent, and --resume completes the sweep once
 * there is space, with the numbers of an uninterrupted run.
 *
 * <p>Needs to mount a tmpfs (root, or a container that allows it); skipped otherwise. The message path itself is
 * also tested without a mount, in cli.WriteFailureTest.
 */
@Tag("reliability")
class FullDiskTest {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    /** 18 one-epoch trials; each weights file takes 240 kB, so 2 MB fill after about 8. */
    static final String CONF = """
            name = "full-disk"
            grid { eta = [0.1, 0.03, 0.01, 0.003, 0.001, 0.0003], lambda = [0, 0.1, 1], n_batch = 100, n_epochs = 1 }
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static Path mount;
    static boolean mounted;

    @BeforeAll
    static void mountASmallDisk() throws Exception {
        mount = Files.createDirectories(tmp.resolve("small-disk"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mount.toString()) == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): skipped");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) run("umount", mount.toString());
    }

    @Test
    void aFullDiskGivesOneLineAndTheSweepResumesOnceThereIsSpace() throws Exception {
        Path conf = Files.writeString(tmp.resolve("full-disk.conf"), CONF);
        Path reference = tmp.resolve("reference");
        Object[] whole = Driver.run(tmp, "reference", RUN_TIMEOUT, args(conf, reference));
        assertEquals(0, whole[0], (String) whole[1]);

        Path out = mount.resolve("full");
        Object[] full = Driver.run(tmp, "full", RUN_TIMEOUT, args(conf, out));
        String output = (String) full[1];
        assertEquals(5, full[0], output);
        List<String> errors = output.lines().filter(l -> l.startsWith("cifar-sweep: error: ")).toList();
        assertEquals(1, errors.size(), output);
        String line = errors.get(0);
        assertTrue(line.contains(out.toString()) && line.contains(": cannot write: No space left on device; the results"
                + " so far in " + out + " are consistent: free space (or fix the cause) and finish the sweep with: "
                + "./submit.sh sweep " + conf + " --resume"), line);
        for (String noise : List.of("StackOverflowError", "Exception", "\tat ", "ERROR", "WARN")) {
            assertFalse(output.contains(noise), noise + " in the output:\n" + output);
        }
        // Besides the error line, only the story on stdout and the progress lines.
        assertEquals(List.of(), output.lines().filter(l -> !l.startsWith("[sweep] ") && !l.equals(line)
                && !l.startsWith("sweep full-disk: 18 trials on ") && !l.startsWith("broadcast: ")).toList());

        // What was written is consistent: every complete row has its weights file, and a resume finishes the sweep.
        int rows = SweepFiles.completeRows(out.resolve("results.csv"));
        assertTrue(rows >= 1 && rows < 18, rows + " rows");
        assertEquals(0, run("mount", "-o", "remount,size=64m", mount.toString()));
        Object[] resumed = Driver.run(tmp, "resume", RUN_TIMEOUT, args(conf, out, "--resume"));
        assertEquals(0, resumed[0], (String) resumed[1]);
        SweepFiles.assertSameSweep(reference, out);
        KillAndResumeTest.assertCleanFolder(out);
    }

    private static String[] args(Path conf, Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", conf.toString(), "--data", "data/sample",
                "--out", out.toString(), "--master", "local[2]"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
