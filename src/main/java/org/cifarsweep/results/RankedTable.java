package org.cifarsweep.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cifarsweep.train.TrainingStatus;

/**
 * The comparison printed at the end of a sweep: ok trials by validation accuracy, best first, then the others.
 *
 * <p>A sweep's rows stream through a {@link Ranking}, which keeps the counts and only the best
 * {@value #FULL_TABLE_ROWS} rows, so the driver holds no row per trial. A sweep of up to {@value #FULL_TABLE_ROWS}
 * runs prints every run; a larger one prints its best {@value #TOP_ROWS} and one line saying how many more there
 * are, by status, and where they are (every run is in results.csv, and ranked in report.html).
 *
 * <p>With {@code repeats = N > 1} the table ranks configurations instead ({@link Group}): by the mean validation
 * accuracy of their ok repeats, with mean ± sd of the validation and test accuracies and how many repeats ended ok.
 * The same bounds hold for configurations: {@link Ranking} keeps a configuration's running sums only until its N
 * repeats are in, then at most the best {@value #FULL_TABLE_ROWS} complete ones.
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
    private static final String GROUP_HEADER = "%4s  %-10s %-8s %7s %8s  %5s  %-17s  %s%n";
    private static final String GROUP_ROW = "%4d  %-10s %-8s %7d %8d  %5s  %-17s  %s%n";

    /**
     * The repeats of one configuration ({@link ResultsRow#configName}): its parameters (those of the first repeat
     * counted, which all share but the seed), how many repeats are in and how many ended ok, and the mean ± sd of
     * the ok ones' validation and test accuracies.
     */
    public static final class Group {
        private final String config;
        private final ResultsRow first;
        private final MeanSd val = new MeanSd();
        private final MeanSd test = new MeanSd();
        private int runs;
        private int ok;

        Group(ResultsRow first) {
            this.config = first.configName();
            this.first = first;
        }

        void add(ResultsRow row) {
            runs++;
            if (row.status() != TrainingStatus.OK) return;
            ok++;
            val.add(row.valAcc());
            test.add(row.testAcc());
        }

        public String config() { return config; }
        /** A repeat's row, for the parameters every repeat shares. */
        public ResultsRow first() { return first; }
        public int runs() { return runs; }
        public int ok() { return ok; }
        public double valMean() { return val.mean(); }
        public double valSd() { return val.sd(); }
        public double testMean() { return test.mean(); }
        public double testSd() { return test.sd(); }
    }

    /** Configurations with an ok repeat first, by mean val_acc descending, then by name. */
    static final Comparator<Group> GROUP_ORDER = Comparator.comparing((Group g) -> g.ok == 0)
            .thenComparing(Comparator.comparingDouble((Group g) -> g.ok == 0 ? 0 : g.valMean()).reversed())
            .thenComparing(Group::config);

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
        private final int repeats;
        private final TreeSet<Entry> best = new TreeSet<>(ENTRY_ORDER);
        /** The configurations whose repeats are not all in yet, by name. */
        private final Map<String, Group> pending = new HashMap<>();
        /** The best {@code keep} configurations whose repeats are all in. */
        private final TreeSet<Group> complete = new TreeSet<>(GROUP_ORDER);
        private long seq;
        private long ok;
        private long diverged;
        private long failed;
        private long configurations;

        /** The ranking of a sweep without repeats. */
        public Ranking() {
            this(FULL_TABLE_ROWS, 1);
        }

        /** The ranking of a sweep whose configurations run {@code repeats} times: by configuration when above 1. */
        public Ranking(int repeats) {
            this(FULL_TABLE_ROWS, repeats);
        }

        Ranking(int keep, int repeats) {
            if (repeats < 1) throw new IllegalArgumentException("repeats " + repeats + " must be >= 1");
            this.keep = keep;
            this.repeats = repeats;
        }

        /** Counts {@code row}, and keeps it (or its configuration's sums) if it is among the best. */
        public synchronized void add(ResultsRow row) {
            switch (row.status()) {
                case OK -> ok++;
                case DIVERGED -> diverged++;
                case FAILED -> failed++;
            }
            if (repeats > 1) {
                group(row);
                return;
            }
            best.add(new Entry(row, seq++));
            if (best.size() > keep) best.pollLast();
        }

        private void group(ResultsRow row) {
            Group g = pending.get(row.configName());
            if (g == null) {
                g = new Group(row);
                pending.put(g.config, g);
                configurations++;
            }
            g.add(row);
            if (g.runs < repeats) return;
            // Complete: its numbers no longer change, so it can take its place among the best, or go.
            pending.remove(g.config);
            complete.add(g);
            if (complete.size() > keep) complete.pollLast();
        }

        /** Whether the table ranks configurations (repeats above 1) rather than runs. */
        public boolean grouped() {
            return repeats > 1;
        }

        /** The configurations counted (0 without repeats). */
        public synchronized long configurations() {
            return configurations;
        }

        /**
         * The configurations the table shows, best first: every one up to {@value RankedTable#FULL_TABLE_ROWS}, else
         * the best {@value RankedTable#TOP_ROWS}. Configurations still missing repeats (a sweep stopped half-way, or
         * a halving rung that continued only some) are ranked on the repeats that are in.
         */
        public synchronized List<Group> shownGroups() {
            TreeSet<Group> all = new TreeSet<>(GROUP_ORDER);
            all.addAll(complete);
            all.addAll(pending.values());
            int n = configurations <= FULL_TABLE_ROWS ? all.size() : Math.min(TOP_ROWS, all.size());
            return all.stream().limit(n).toList();
        }

        /** How many rows it holds: at most {@value RankedTable#FULL_TABLE_ROWS}, whatever the number of runs. */
        synchronized int held() {
            return best.size() + complete.size() + pending.size();
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

    /**
     * {@code "N trials: a ok, b diverged, c failed"}, the sweep's last line; with repeats
     * {@code "N trials (C configurations × R seeds): …"}, or {@code "(C configurations, up to R seeds each)"} when some
     * configuration has fewer rows.
     */
    public static String summary(Ranking ranking) {
        String configurations = !ranking.grouped() ? ""
                // Fewer rows than configurations × seeds: a stopped sweep, or halving rungs that continue some repeats.
                : ranking.total() == ranking.configurations() * ranking.repeats
                ? String.format(" (%d configurations × %d seeds)", ranking.configurations(), ranking.repeats)
                : String.format(" (%d configurations, up to %d seeds each)", ranking.configurations(), ranking.repeats);
        return String.format("%d trials%s: %d ok, %d diverged, %d failed", ranking.total(), configurations,
                ranking.count(TrainingStatus.OK), ranking.count(TrainingStatus.DIVERGED), ranking.count(TrainingStatus.FAILED));
    }

    public static String format(List<ResultsRow> rows) {
        return format(of(rows));
    }

    /**
     * The header and the rows {@link Ranking#shown} gives; with repeats, the configurations
     * {@link Ranking#shownGroups} gives, with how many repeats ended ok and mean ± sd of their accuracies.
     */
    public static String format(Ranking ranking) {
        if (ranking.grouped()) return formatGroups(ranking);
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

    private static String formatGroups(Ranking ranking) {
        StringBuilder table = new StringBuilder(String.format(GROUP_HEADER,
                "rank", "eta", "lambda", "n_batch", "n_epochs", "ok", "val_acc mean ± sd", "test_acc mean ± sd"));
        int rank = 0;
        for (Group g : ranking.shownGroups()) {
            ResultsRow r = g.first();
            table.append(String.format(GROUP_ROW, ++rank, r.config().eta(), r.config().lambda(), r.config().nBatch(),
                    r.config().nEpochs(), g.ok() + "/" + g.runs(), MeanSd.format(g.valMean(), g.valSd()),
                    MeanSd.format(g.testMean(), g.testSd())));
        }
        return table.toString();
    }

    /**
     * The line under a table that does not show every run, e.g. {@code "… 9980 more trials not shown (9950 ok, 20
     * diverged, 10 failed): every trial is in out/x/results.csv, ranked in out/x/report.html"}; null when the table
     * shows them all.
     */
    public static String rest(Ranking ranking, String resultsFile, String page) {
        if (ranking.grouped()) {
            long more = ranking.configurations() - ranking.shownGroups().size();
            return more == 0 ? null : String.format("… %d more configurations not shown: every trial is in %s, ranked "
                    + "in %s", more, resultsFile, page);
        }
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
