package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cifarsweep.results.DecisionsFile;
import org.cifarsweep.sweep.AsyncSchedule;
import org.cifarsweep.sweep.Decision;
import org.cifarsweep.sweep.RecordedStates;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver of an asynchronous halving sweep dies by {@code kill -9} after its first promotion, and
 * {@code --resume} finishes it. The decision log is replayed, not rewritten: what was decided before the kill is a
 * prefix of the final log, and the whole log replays into a fresh schedule that makes every one of its decisions
 * (the decisions an uninterrupted schedule makes given that order of results). On one core the order of results is
 * the order of starts, so the interrupted sweep must give the uninterrupted one's log and rows exactly; on two,
 * every run both sweeps trained has the same numbers.
 */
@Tag("reliability")
class AsyncKillAndResumeTest {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(4);
    /** 27 trials, double precision, rungs of 4, 12 and 36 epochs: about 250 epochs, a few seconds a rung. */
    static final String CONF = """
            name = "async-kill"
            seed = 9
            precision = double
            shuffle = true
            data { preprocess = standardize }
            halving { rungs = [4, 12, 36], reduction = 3, mode = async }
            grid {
              eta = [0.02, 0.005, 0.001]
              lambda = [0, 0.1, 1]
              n_batch = [50, 100, 200]
            }
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;
    static Path conf;
    static Path reference;

    @BeforeAll
    static void uninterruptedRunOnOneCore() throws Exception {
        conf = Files.writeString(tmp.resolve("async-kill.conf"), CONF);
        reference = tmp.resolve("reference");
        Object[] run = Driver.run(tmp, "reference", RUN_TIMEOUT, args(reference, "local[1]"));
        assertEquals(0, run[0], "uninterrupted run\n" + run[1]);
        assertReplaysWhole(reference);
    }

    static String[] args(Path out, String master, String... more) {
        return KillAndResumeTest.sweepArgsOn(master, conf, out, more);
    }

    /** Resumes {@code out} to its end on {@code master}; returns its decision log's lines, checking the kept prefix. */
    private static List<String> resumeToTheEnd(Path out, String master, List<String> beforeKill) throws Exception {
        Object[] resumed = Driver.run(tmp, out.getFileName() + "-resume", RUN_TIMEOUT, args(out, master, "--resume"));
        assertEquals(0, resumed[0], "resume\n" + resumed[1]);
        assertTrue(((String) resumed[1]).contains("decisions replayed from decisions.csv"), (String) resumed[1]);
        List<String> log = Files.readAllLines(out.resolve(DecisionsFile.FILE));
        assertEquals(beforeKill, log.subList(0, beforeKill.size()), "the log before the kill is kept as it was");
        return log;
    }

    @Test
    void onOneCoreAKilledAndResumedSweepGivesTheUninterruptedLogAndRows() throws Exception {
        Path out = tmp.resolve("one-core");
        List<String> beforeKill = killAfterFirstPromotion(out, "local[1]");
        List<String> log = resumeToTheEnd(out, "local[1]", beforeKill);
        assertEquals(Files.readAllLines(reference.resolve(DecisionsFile.FILE)), log,
                "one core: the same results in the same order, so the same decisions");
        SweepFiles.assertSameSweep(reference, out);
        KillAndResumeTest.assertCleanFolder(out);
        System.out.printf("async kill-and-resume on local[1]: SIGKILL after %d log lines of %d; the resumed log and "
                + "rows equal the uninterrupted run's%n", beforeKill.size() - 1, log.size() - 1);
    }

    @Test
    void onTwoCoresTheResumeReplaysTheDecisionsAndEveryRunHasTheSameNumbers() throws Exception {
        Path out = tmp.resolve("two-cores");
        resumeToTheEnd(out, "local[2]", killAfterFirstPromotion(out, "local[2]"));
        assertReplaysWhole(out);
        // Which runs exist may depend on the order results came in; a run both sweeps trained is the same run.
        Map<String, Map<String, String>> ours = SweepFiles.results(out);
        Map<String, Map<String, String>> theirs = SweepFiles.results(reference);
        int shared = 0;
        for (Map.Entry<String, Map<String, String>> row : ours.entrySet()) {
            Map<String, String> other = theirs.get(row.getKey());
            if (other == null) continue;
            shared++;
            for (String column : row.getValue().keySet()) {
                if (SweepFiles.TIMING_AND_PLACEMENT.contains(column)) continue;
                assertEquals(other.get(column), row.getValue().get(column), row.getKey() + " " + column);
            }
        }
        assertTrue(shared >= 27, "every trial's first rung is in both: " + shared);
        KillAndResumeTest.assertCleanFolder(out);
    }

    /** Starts the sweep, SIGKILLs its driver once the log holds a promotion, and returns the log's whole lines. */
    private static List<String> killAfterFirstPromotion(Path out, String master) throws Exception {
        Path log = out.resolve(DecisionsFile.FILE);
        try (Driver driver = Driver.start(tmp, out.getFileName() + "-first", args(out, master))) {
            assertTrue(driver.waitFor(() -> promotions(log) >= 1, RUN_TIMEOUT), "no promotion\n" + driver.tail(40));
            boolean midSweep = driver.isAlive();
            assertEquals(137, driver.kill9(), "exit code of the SIGKILLed driver");
            assertTrue(midSweep, "the kill must land mid-sweep\n" + driver.tail(40));
        }
        List<String> lines = wholeLines(log);
        assertTrue(lines.size() < Files.readAllLines(reference.resolve(DecisionsFile.FILE)).size(), "killed mid-sweep");
        return lines;
    }

    private static long promotions(Path log) {
        return wholeLines(log).stream().filter(l -> l.startsWith("promote,")).count();
    }

    private static List<String> wholeLines(Path log) {
        try {
            if (!Files.exists(log)) return List.of();
            String text = Files.readString(log);
            int end = text.lastIndexOf('\n');
            return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n", -1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The whole log replays into a fresh schedule, which checks each decision and ends with nothing left to do. */
    private static void assertReplaysWhole(Path dir) {
        SweepSpec spec = SweepSpec.load(conf, Map.of("data.dir", "data/sample"));
        List<Decision> decisions = DecisionsFile.read(dir).decisions();
        AsyncSchedule replayed = Schedule.replayed(spec, decisions, RecordedStates.NONE);
        assertTrue(replayed.done(), "the replayed log leaves nothing to run");
        assertEquals(SweepFiles.results(dir).size(),
                decisions.stream().filter(d -> d.event() == Decision.Event.RESULT).count(), "a result line per row");
    }
}
