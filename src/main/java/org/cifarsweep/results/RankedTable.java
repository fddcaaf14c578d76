package org.cifarsweep.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.cifarsweep.train.TrainingStatus;

/**
 * The comparison printed at the end of a sweep: ok trials by validation accuracy, best first, then the others.
 *
 * <p>A sweep's rows stream through a {@link Ranking}, which keeps the counts and only the best
 * {@value #FULL_TABLE_ROWS} rows, so the driver holds no row per trial. A sweep of up to {@value #FULL_TABLE_ROWS}
 * runs prints every run; a larger one prints its best {@value #TOP_ROWS} and one line saying how many more there
 * are, by status, and where they are (every run is in results.csv, and ranked in report.html).
 */
public final class RankedTable {
    /** Up to this many runs, the table shows every one. */
    public static final int FULL_TABLE_ROWS = 100;
    /** Above {@link #FULL_TABLE_ROWS} runs, the table shows the best this many. */
    public static final int TOP_ROWS = 20;

    /** The order of the table: ok before the others, val_acc descending, trial name; then arrival order. */
    static final Comparator<ResultsRow> ORDER = Comparator.comparing((ResultsRow r) -> r.status() != TrainingStatus.OK)
            .thenComparing(Comparator.comparingDouble(ResultsRow::valAcc).reversed())
            .thenComparing(ResultsRow::trial);

    private static final String HEADER = "%4s  %-10s %-8s %7s %8s  %-8s %9s %9s %9s %5s %8s%n";
    private static final String ROW = "%4d  %-10s %-8s %7d %8d  %-8s %9.4f %9.4f %9.4f %5d %8.1f%n";

    private RankedTable() { }

    /**
     * The rows of a sweep as they arrive: how many ended ok, diverged or failed, and the best
     * {@value RankedTable#FULL_TABLE_ROWS} in the table's order. Thread-safe.
     */
    public static final class Ranking {
        private record Entry(ResultsRow row, long seq) { }

        private static final Comparator<Entry> ENTRY_ORDER =
                Comparator.comparing(Entry::row, ORDER).thenComparingLong(Entry::seq);

        private final int keep;
        private final TreeSet<Entry> best = new TreeSet<>(ENTRY_ORDER);
        private long seq;
        private long ok;
        private long diverged;
        private long failed;

        public Ranking() {
            this(FULL_TABLE_ROWS);
        }

        Ranking(int keep) {
            this.keep = keep;
        }

        /** Counts {@code row}, and keeps it if it is among the best. */
        public synchronized void add(ResultsRow row) {
            switch (row.status()) {
                case OK -> ok++;
                case DIVERGED -> diverged++;
                case FAILED -> failed++;
            }
            best.add(new Entry(row, seq++));
            if (best.size() > keep) best.pollLast();
        }

        /** How many rows it holds: at most {@value RankedTable#FULL_TABLE_ROWS}, whatever the number of runs. */
        synchronized int held() {
            return best.size();
        }

        /** Every run counted. */
        public synchronized long total() {
            return ok + diverged + failed;
        }

        public synchronized long count(TrainingStatus status) {
            return switch (status) {
                case OK -> ok;
                case DIVERGED -> diverged;
                case FAILED -> failed;
            };
        }

        /** The rows the table shows, best first: every run up to {@value RankedTable#FULL_TABLE_ROWS}, else the best {@value RankedTable#TOP_ROWS}. */
        public synchronized List<ResultsRow> shown() {
            int n = total() <= FULL_TABLE_ROWS ? best.size() : Math.min(TOP_ROWS, best.size());
            List<ResultsRow> rows = new ArrayList<>(n);
            for (Entry e : best) {
                if (rows.size() == n) break;
                rows.add(e.row());
            }
            return rows;
        }
    }

    /** Every row of {@code rows}, in the table's order. */
    public static List<ResultsRow> rank(List<ResultsRow> rows) {
        return rows.stream().sorted(ORDER).toList();
    }

    /** The ranking of {@code rows}. */
    public static Ranking of(Iterable<ResultsRow> rows) {
        Ranking ranking = new Ranking();
        rows.forEach(ranking::add);
        return ranking;
    }

    /** {@code "N trials: a ok, b diverged, c failed"}, the sweep's last line. */
    public static String summary(List<ResultsRow> rows) {
        return summary(of(rows));
    }

    /** {@code "N trials: a ok, b diverged, c failed"}, the sweep's last line. */
    public static String summary(Ranking ranking) {
        return String.format("%d trials: %d ok, %d diverged, %d failed", ranking.total(),
                ranking.count(TrainingStatus.OK), ranking.count(TrainingStatus.DIVERGED), ranking.count(TrainingStatus.FAILED));
    }

    public static String format(List<ResultsRow> rows) {
        return format(of(rows));
    }

    /** The header and the rows {@link Ranking#shown} gives. */
    public static String format(Ranking ranking) {
        StringBuilder table = new StringBuilder(String.format(HEADER,
                "rank", "eta", "lambda", "n_batch", "n_epochs", "status", "train_acc", "val_acc", "test_acc", "best", "seconds"));
        int rank = 0;
        for (ResultsRow r : ranking.shown()) {
            table.append(String.format(ROW, ++rank,
                    r.config().eta(), r.config().lambda(), r.config().nBatch(), r.config().nEpochs(), r.status(),
                    r.trainAcc(), r.valAcc(), r.testAcc(), r.bestEpoch(), r.seconds()));
        }
        return table.toString();
    }

    /**
     * The line under a table that does not show every run, e.g. {@code "… 9980 more trials not shown (9950 ok, 20
     * diverged, 10 failed): every trial is in out/x/results.csv, ranked in out/x/report.html"}; null when the table
     * shows them all.
     */
    public static String rest(Ranking ranking, String resultsFile, String page) {
        List<ResultsRow> shown = ranking.shown();
        long more = ranking.total() - shown.size();
        if (more == 0) return null;
        long[] counts = new long[TrainingStatus.values().length];
        for (TrainingStatus s : TrainingStatus.values()) counts[s.ordinal()] = ranking.count(s);
        for (ResultsRow r : shown) counts[r.status().ordinal()]--;
        return String.format("… %d more trials not shown (%d ok, %d diverged, %d failed): every trial is in %s, ranked in %s",
                more, counts[TrainingStatus.OK.ordinal()], counts[TrainingStatus.DIVERGED.ordinal()],
                counts[TrainingStatus.FAILED.ordinal()], resultsFile, page);
    }
}
