package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: SIGTERM or Ctrl-C printed a 62-line trace (the cancelled Spark job). Now the driver prints one line
 * saying where the results are and the command that finishes the sweep, and exits 143 (SIGTERM) or 130 (SIGINT),
 * with nothing from Spark after it; running that command finishes the sweep with the numbers of an uninterrupted run.
 */
@Tag("reliability")
class SignalStopTest {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void sigtermAndSigintPrintHowToFinishTheSweepAndItFinishes() throws Exception {
        Path conf = Files.writeString(tmp.resolve("signals.conf"), KillAndResumeTest.CONF);
        Path reference = tmp.resolve("reference");
        Object[] whole = Driver.run(tmp, "reference", RUN_TIMEOUT, args(conf, reference));
        assertEquals(0, whole[0], (String) whole[1]);

        Path out = tmp.resolve("signalled");
        Path results = out.resolve("results.csv");
        List<String> next;
        try (Driver first = Driver.start(tmp, "first", args(conf, out))) {
            assertTrue(first.waitFor(() -> SweepFiles.completeRows(results) >= 1, RUN_TIMEOUT), first.tail(40));
            first.signal("TERM");
            assertEquals(143, first.await(Duration.ofMinutes(1)), first.tail(40));
            next = stopLine(first.output(), "SIGTERM", out, conf);
        }
        assertTrue(SweepFiles.completeRows(results) < KillAndResumeTest.TRIALS, "stopped mid-sweep");

        // The printed command resumes. Ctrl-C is SIGINT; a JVM started with SIGINT ignored (a background job of a
        // shell without job control, as Maven may be) keeps it ignored, so then it is not sent.
        try (Driver second = Driver.start(tmp, "second", next.toArray(String[]::new))) {
            int before = SweepFiles.completeRows(results);
            assertTrue(second.waitFor(() -> SweepFiles.completeRows(results) > before, RUN_TIMEOUT), second.tail(40));
            if (!ignoresSigint(second.jvm()) && SweepFiles.completeRows(results) < KillAndResumeTest.TRIALS) {
                second.signal("INT");
                assertEquals(130, second.await(Duration.ofMinutes(1)), second.tail(40));
                assertEquals(next, stopLine(second.output(), "SIGINT", out, conf));
            } else {
                assertEquals(0, second.await(RUN_TIMEOUT), second.tail(40));
            }
        }
        Object[] last = Driver.run(tmp, "last", RUN_TIMEOUT, next.toArray(String[]::new));
        assertEquals(0, last[0], (String) last[1]);
        SweepFiles.assertSameSweep(reference, out);
        KillAndResumeTest.assertCleanFolder(out);
    }

    @Test
    void aStoppedTrainSaysToRunItAgain() throws Exception {
        Path out = tmp.resolve("train");
        try (Driver train = Driver.start(tmp, "train", "train", "--epochs", "200", "--data", "data/sample",
                "--out", out.toString())) {
            assertTrue(train.waitFor(() -> train.output().contains("     2  "), RUN_TIMEOUT), train.tail(40));
            train.signal("TERM");
            assertEquals(143, train.await(Duration.ofMinutes(1)), train.tail(40));
            String output = train.output();
            List<String> ours = output.lines().filter(l -> l.startsWith("cifar-sweep: ")).toList();
            assertEquals(List.of("cifar-sweep: stopped by signal SIGTERM; train records its run when it ends, so nothing"
                    + " was kept: run the same command again"), ours, output);
            assertQuiet(output);
        }
    }

    /** The one line a stopped sweep prints; returns the arguments of the command it gives, after ./submit.sh. */
    private static List<String> stopLine(String output, String signal, Path out, Path conf) {
        List<String> ours = output.lines().filter(l -> l.startsWith("cifar-sweep: ")).toList();
        assertEquals(1, ours.size(), output);
        String line = ours.get(0);
        String head = "cifar-sweep: stopped by signal " + signal + "; the results so far are in " + out
                + ", finish the sweep with: ./submit.sh ";
        assertTrue(line.startsWith(head), line);
        assertQuiet(output);
        List<String> words = shellWords(line.substring(head.length()));
        assertEquals(List.of("sweep", conf.toString(), "--resume"), words.subList(0, 3), line);
        assertTrue(words.contains("--out") && words.contains("--master") && words.contains("local[2]"), line);
        return words;
    }

    private static void assertQuiet(String output) {
        for (String noise : List.of("Exception", "\tat ", "ERROR", "WARN", "SparkContext")) {
            assertFalse(output.contains(noise), "'" + noise + "' in:\n" + output);
        }
    }

    private static String[] args(Path conf, Path out) {
        return KillAndResumeTest.sweepArgsFor(conf, out);
    }

    /** Words as a POSIX shell splits them, for the plain and single-quoted words the stop line holds. */
    static List<String> shellWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) words.add(word.toString());
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) words.add(word.toString());
        return words;
    }

    /** Whether the process ignores SIGINT (bit 2 of SigIgn in /proc/PID/status). */
    private static boolean ignoresSigint(ProcessHandle p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
        }
        return true;
    }
}
