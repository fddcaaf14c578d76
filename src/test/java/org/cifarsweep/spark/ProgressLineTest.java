package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;

/** The progress line in a log: its lines come at a bounded rate, whatever the number of trials. */
class ProgressLineTest {
    private static final ResultsRow ROW = new ResultsRow("t", new TrainConfig(0.01, 0, 100, 1, 1, false, Precision.DOUBLE),
            "scale", "default", TrainingStatus.OK, 1, 0.5, 1, 1, 0.25, 1, 0.2, 1, 0.1, "h", "0", "", TrialSpec.NO_RUNG);

    /** Finishes {@code trials} trials evenly over {@code seconds} of a fake clock; returns the lines printed. */
    private static List<String> log(int trials, double seconds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), trials, 0,
                false, now::get)) {
            for (int i = 1; i <= trials; i++) {
                now.set((long) (seconds * 1e9 * i / trials));
                line.trialFinished(ROW);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void manyQuickTrialsGiveALineAtEachTenthAndTheLast() {
        // 2,000 trials in 45 s: a tenth every 4.5 s, under the 5 s gap, so some tenths share a line.
        List<String> lines = log(2000, 45);
        assertTrue(lines.size() >= 8 && lines.size() <= 10, lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("[sweep] 2000/2000 done"), lines.toString());
        // The first tenth passes at 4.5 s, inside the 5 s gap: the first line waits for the first trial after it.
        assertTrue(lines.get(0).startsWith("[sweep] 223/2000 done"), lines.toString());
    }

    @Test
    void aLongSweepGetsAHeartbeatBetweenTenths() {
        // 10 trials over an hour: a tenth every 6 minutes, and each is a line (over the 5 s gap); no heartbeat
        // is due between them since no trial finishes there.
        assertEquals(10, log(10, 3600).size());
        // 1,000 trials over 10 minutes: 10 tenths, plus a heartbeat every 30 s between them.
        List<String> lines = log(1000, 600);
        assertTrue(lines.size() >= 20 && lines.size() <= 21, lines.size() + " lines");
    }

    @Test
    void aFewTrialsEachGetALineOnceTheGapHasPassed() {
        assertEquals(4, log(4, 40).size());
        // All at once: only the last one is printed.
        assertEquals(List.of("[sweep] 3/3 done"), log(3, 0).stream().map(l -> l.substring(0, 16)).toList());
    }

    @Test
    void anEstimatedTotalIsMarkedAndRaisedWhenRunsPassIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2, 0, false,
                now::get)) {
            line.totalIsEstimate();
            for (int i = 1; i <= 3; i++) {
                now.set(i * 10_000_000_000L);
                line.trialFinished(ROW);
            }
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("[sweep] 1/~2 done"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("[sweep] 3/~3 done"), lines.toString());
    }
}
