package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;

/** The closing table: every run of a small sweep, the best 20 and one line for the rest of a large one. */
class RankedTableTest {

    static ResultsRow row(int i, TrainingStatus status, double valAcc) {
        TrainConfig config = new TrainConfig(0.001 * (i + 1), 0.1, 100, 2, i, false, Precision.DOUBLE);
        return new ResultsRow("t" + i, config, "scale", "default", status, 2.1, 0.25, 2.2, 2.15, valAcc, 2.25,
                status == TrainingStatus.OK ? 0.2 : Double.NaN, 2, 1.5, "host", "0", "", -1);
    }

    /** The table line of a row at a rank, written out here from the format the README shows. */
    static String line(int rank, ResultsRow r) {
        return String.format("%4d  %-10s %-8s %7d %8d  %-8s %9.4f %9.4f %9.4f %5d %8.1f", rank, r.config().eta(),
                r.config().lambda(), r.config().nBatch(), r.config().nEpochs(), r.status(), r.trainAcc(), r.valAcc(),
                r.testAcc(), r.bestEpoch(), r.seconds());
    }

    /** {@code n} rows in a shuffled order: mostly ok with distinct val_acc, some diverged and failed. */
    static List<ResultsRow> rows(int n, long seed) {
        List<ResultsRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            TrainingStatus status = i % 50 == 7 ? TrainingStatus.FAILED : i % 25 == 3 ? TrainingStatus.DIVERGED : TrainingStatus.OK;
            rows.add(row(i, status, status == TrainingStatus.OK ? i / (double) n : Double.NaN));
        }
        Collections.shuffle(rows, new Random(seed));
        return rows;
    }

    @Test
    void aSmallSweepPrintsEveryRunBestFirst() {
        List<ResultsRow> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) rows.add(row(i, TrainingStatus.OK, (i * 7 % 6) / 10.0));
        rows.add(row(100, TrainingStatus.FAILED, Double.NaN));
        Collections.shuffle(rows, new Random(1));
        String table = RankedTable.format(RankedTable.of(rows));
        List<String> lines = table.lines().toList();
        assertEquals(8, lines.size());
        assertTrue(lines.get(0).startsWith("rank  eta"), lines.get(0));
        // Independent truth: ok runs by val_acc descending, then the failed one.
        List<ResultsRow> ok = new ArrayList<>(rows.stream().filter(r -> r.status() == TrainingStatus.OK).toList());
        ok.sort((a, b) -> Double.compare(b.valAcc(), a.valAcc()));
        for (int i = 0; i < ok.size(); i++) assertEquals(line(i + 1, ok.get(i)), lines.get(i + 1));
        assertTrue(lines.get(7).contains(" failed "), lines.get(7));
        assertNull(RankedTable.rest(RankedTable.of(rows), "r.csv", "p.html"));
        assertEquals("7 trials: 6 ok, 0 diverged, 1 failed", RankedTable.summary(RankedTable.of(rows)));
        assertEquals(table, RankedTable.format(rows), "the list form prints the same");
    }

    @Test
    void upToAHundredRunsTheTableIsComplete() {
        RankedTable.Ranking ranking = RankedTable.of(rows(RankedTable.FULL_TABLE_ROWS, 2));
        assertEquals(RankedTable.FULL_TABLE_ROWS + 1, RankedTable.format(ranking).lines().count());
        assertNull(RankedTable.rest(ranking, "r.csv", "p.html"));
    }

    @Test
    void aLargeSweepPrintsItsBestTwentyAndOneLineForTheRest() {
        int n = 10_000;
        List<ResultsRow> rows = rows(n, 3);
        RankedTable.Ranking ranking = new RankedTable.Ranking();
        rows.forEach(ranking::add);
        // Counted by hand from rows(): i % 50 == 7 failed (200), i % 25 == 3 diverged (400), the other 9,400 ok.
        long failed = rows.stream().filter(r -> r.status() == TrainingStatus.FAILED).count();
        long diverged = rows.stream().filter(r -> r.status() == TrainingStatus.DIVERGED).count();
        assertEquals(200, failed);
        assertEquals(400, diverged);
        List<String> lines = RankedTable.format(ranking).lines().toList();
        assertEquals(1 + RankedTable.TOP_ROWS, lines.size());
        // The best 20 are the ok rows of the highest i (val_acc i / n): 9999 down to 9980.
        List<Integer> best = new ArrayList<>();
        for (int i = n - 1; best.size() < RankedTable.TOP_ROWS; i--) {
            if (i % 50 != 7 && i % 25 != 3) best.add(i);
        }
        assertEquals(9980, best.get(RankedTable.TOP_ROWS - 1));
        for (int rank = 1; rank <= RankedTable.TOP_ROWS; rank++) {
            int i = best.get(rank - 1);
            assertEquals(line(rank, row(i, TrainingStatus.OK, i / (double) n)), lines.get(rank));
        }
        assertEquals("… 9980 more trials not shown (9380 ok, 400 diverged, 200 failed): every trial is in"
                + " out/x/results.csv, ranked in out/x/report.html", RankedTable.rest(ranking, "out/x/results.csv",
                "out/x/report.html"));
        assertEquals("10000 trials: 9400 ok, 400 diverged, 200 failed", RankedTable.summary(ranking));
    }

    @Test
    void theRankingHoldsAHundredRowsWhateverTheSweep() {
        RankedTable.Ranking ranking = new RankedTable.Ranking();
        for (ResultsRow r : rows(5_000, 4)) ranking.add(r);
        assertEquals(RankedTable.FULL_TABLE_ROWS, ranking.held());
        assertEquals(5_000, ranking.total());
    }

    @Test
    void equalRowsKeepTheirArrivalOrder() {
        ResultsRow a = row(1, TrainingStatus.OK, 0.5);
        ResultsRow b = row(1, TrainingStatus.OK, 0.5);
        RankedTable.Ranking ranking = RankedTable.of(List.of(a, b, a));
        assertEquals(3, ranking.shown().size(), "equal rows are not merged");
    }
}
