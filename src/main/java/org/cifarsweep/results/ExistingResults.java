package org.cifarsweep.results;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;

/**
 * What an output folder already holds, for a resume: the completed trials of {@code results.csv}, and what a crash
 * may have left that must go before new rows are appended.
 *
 * <p>{@link ResultsWriter} writes a trial's weights, then its curves rows, then its results row, each append in one
 * fsync'ed write. So after a crash at any moment:
 * <ul>
 *   <li>a trial is complete exactly when it has a results row: its curves and weights were written before it;</li>
 *   <li>either CSV can end with a half-written line (the append in flight), which is dropped;</li>
 *   <li>curves.csv can hold rows of trials that have no results row (in flight at the crash), which are dropped and
 *       rerun;</li>
 *   <li>{@code weights/*.mat.tmp} (and other {@code *.tmp}) files can be left behind, which are deleted.</li>
 * </ul>
 * {@link #read} only reads; {@link #repair} then rewrites both CSVs with write-then-rename, so the repair itself is
 * safe to interrupt. Anything else that does not parse (a bad header, a malformed line before the last) is not a
 * crash's doing, and is refused rather than silently dropped.
 *
 * <p>Both files are streamed, one record at a time, and never held whole: what stays in memory is a few hundred
 * bytes per recorded run ({@link Recorded}: its name, seed, rung, epochs, status and val_acc, which a resume plans
 * with) and the names of the runs whose rows go. Which records a repair keeps is decided by their content (the first
 * row of each run, not chosen to run again; the curves rows of those runs, once per epoch), so the same rule reads
 * the files before the repair, rewrites them, and reads them after it: {@link #forEachRow} and {@link #curves}
 * stream the file again.
 */
public final class ExistingResults {

    /**
     * What a resume keeps of a completed run: enough to plan with (successive halving's replay weighs status and
     * val_acc), not its row.
     */
    public record Recorded(String trial, long seed, int rung, int epochs, TrainingStatus status, double valAcc) {
        static Recorded of(ResultsRow row) {
            return new Recorded(row.trial(), row.config().seed(), row.rung(), row.config().nEpochs(), row.status(),
                    row.valAcc());
        }
    }

    private final Path dir;
    /** The completed runs by {@link #key(String, long)} (a later rung's row of the same name replaces), in file order. */
    private final Map<String, Recorded> byRun;
    private final int completed;
    private final Set<String> completedTrials;
    private final List<ResultsRow> rerun;
    private final Set<String> rerunTrials;
    private final java.util.function.Predicate<ResultsRow> again;
    /** results.csv was only a torn header: the repair writes the header. */
    private final boolean tornResultsHeader;
    private final boolean resultsChanged;
    private final boolean tornCurvesHeader;
    private final boolean curvesChanged;
    private final List<Path> leftovers;
    private final List<String> repairs;
    private final List<String> warnings;
    private boolean repaired;

    private ExistingResults(Path dir, Map<String, Recorded> byRun, int completed, Set<String> completedTrials,
                            List<ResultsRow> rerun, java.util.function.Predicate<ResultsRow> again,
                            boolean tornResultsHeader, boolean resultsChanged, boolean tornCurvesHeader,
                            boolean curvesChanged, List<Path> leftovers, List<String> repairs, List<String> warnings) {
        this.dir = dir;
        this.byRun = byRun;
        this.completed = completed;
        this.completedTrials = completedTrials;
        this.rerun = List.copyOf(rerun);
        Set<String> rerunTrials = new HashSet<>();
        for (ResultsRow r : rerun) rerunTrials.add(r.trial());
        this.rerunTrials = rerunTrials;
        this.again = again;
        this.tornResultsHeader = tornResultsHeader;
        this.resultsChanged = resultsChanged;
        this.tornCurvesHeader = tornCurvesHeader;
        this.curvesChanged = curvesChanged;
        this.leftovers = List.copyOf(leftovers);
        this.repairs = List.copyOf(repairs);
        this.warnings = List.copyOf(warnings);
    }

    /** How a trial is recognised across runs: its name (from its parameters) and its seed. */
    public static String key(String trial, long seed) {
        return trial + " (seed " + seed + ")";
    }

    public static String key(TrialSpec trial) {
        return key(trial.id(), trial.config().seed());
    }

    /** A row's key; a row of a successive-halving rung also names its rung, as one trial has a row per rung. */
    public static String key(ResultsRow row) {
        String key = key(row.trial(), row.config().seed());
        return row.rung() == TrialSpec.NO_RUNG ? key : key + " rung " + row.rung();
    }

    /** Which recorded rows to run again, chosen knowing all of them; their rows and curves go in the repair. */
    @FunctionalInterface
    public interface Rerun {
        /** Keeps every row: nothing runs again. */
        Rerun NONE = rows -> row -> false;

        /**
         * From every recorded row (file order, repeats dropped): which of them run again. The list is built for this
         * call only; the predicate is kept, and must decide from the row alone.
         */
        java.util.function.Predicate<ResultsRow> choose(List<ResultsRow> rows);
    }

    /**
     * Reads {@code dir}'s results.csv and curves.csv (either may be absent) without changing anything; every row
     * counts as complete.
     *
     * @throws IllegalArgumentException if a file is damaged in a way no crash of ours can cause
     * @throws UncheckedIOException if a file cannot be read
     */
    public static ExistingResults read(Path dir) {
        return read(dir, Rerun.NONE);
    }

    /**
     * As {@link #read(Path)}, but the rows {@code rerun} chooses (e.g. the failed ones) do not count as complete:
     * {@link #repair} drops them and their curves, before their runs' new rows are appended.
     */
    public static ExistingResults read(Path dir, Rerun rerun) {
        return read(dir, rerun, WeightsPolicy.ALL);
    }

    /**
     * As {@link #read(Path, Rerun)}; a completed run whose weights file {@code weights} keeps, but which has none, is
     * a warning.
     */
    public static ExistingResults read(Path dir, Rerun rerun, WeightsPolicy weights) {
        List<String> repairs = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        // results.csv: the completed trials. The rows are parsed one at a time; the chooser sees them all once.
        Path resultsFile = dir.resolve(ResultsWriter.RESULTS);
        List<ResultsRow> first = new ArrayList<>();
        int[] duplicates = {0};
        Set<String> seen = new HashSet<>();
        Scan results = scan(resultsFile, ResultsRow.COLUMNS, repairs, r -> {
            ResultsRow row = parseRow(resultsFile, r);
            if (seen.add(key(row))) first.add(row);
            else duplicates[0]++;
        });
        if (duplicates[0] > 0) {
            repairs.add(ResultsWriter.RESULTS + ": dropped " + duplicates[0] + " repeated row(s) of trials recorded before");
        }
        java.util.function.Predicate<ResultsRow> again = rerun.choose(java.util.Collections.unmodifiableList(first));
        Map<String, Recorded> byRun = new LinkedHashMap<>();
        Set<String> completedTrials = new HashSet<>();
        List<ResultsRow> rerunRows = new ArrayList<>();
        List<ResultsRow> expectedWeights = new ArrayList<>();
        KeptWeights keeper = new KeptWeights(null, weights);
        int completed = 0;
        for (ResultsRow row : first) {
            if (again.test(row)) {
                rerunRows.add(row);
                continue;
            }
            completed++;
            byRun.put(key(row.trial(), row.config().seed()), Recorded.of(row));
            completedTrials.add(row.trial());
            keeper.admit(row, true);
        }
        first.clear();
        if (!rerunRows.isEmpty()) {
            repairs.add(ResultsWriter.RESULTS + ": dropped " + rerunRows.size() + " row(s) of trial(s) that run again ("
                    + shortList(rerunRows.stream().map(ResultsRow::trial).toList()) + ")");
        }
        boolean resultsChanged = results.exists && (results.torn || duplicates[0] > 0 || !rerunRows.isEmpty());

        // curves.csv: only the rows of completed trials, once per epoch.
        Set<String> againTrials = new HashSet<>();
        for (ResultsRow r : rerunRows) againTrials.add(r.trial());
        Path curvesFile = dir.resolve(ResultsWriter.CURVES);
        CurvesFilter filter = new CurvesFilter(completedTrials, againTrials);
        Set<String> unfinished = new TreeSet<>();
        Scan curves = scan(curvesFile, CurveRows.COLUMNS, repairs, r -> {
            checkCurveRow(curvesFile, r);
            if (filter.test(r.fields()) == CurvesFilter.ORPHAN) unfinished.add(r.fields().get(0));
        });
        if (filter.orphanRows > 0) {
            repairs.add(ResultsWriter.CURVES + ": dropped " + filter.orphanRows + " row(s) of " + unfinished.size()
                    + " trial(s) that had not finished (" + shortList(unfinished) + "); they run again");
        }
        if (filter.rerunRows > 0) {
            repairs.add(ResultsWriter.CURVES + ": dropped " + filter.rerunRows + " row(s) of trial(s) that run again");
        }
        if (filter.duplicates > 0) {
            repairs.add(ResultsWriter.CURVES + ": dropped " + filter.duplicates + " repeated row(s)");
        }
        boolean curvesChanged = curves.exists
                && (curves.torn || filter.orphanRows > 0 || filter.rerunRows > 0 || filter.duplicates > 0);

        // The curves of completed trials are written before their rows: curves.csv cannot be missing after a crash.
        if (!curves.exists && completed > 0) {
            throw new IllegalArgumentException(curvesFile + ": " + (curves.absent ? "missing" : "empty") + ", though "
                    + ResultsWriter.RESULTS + " records " + completed + " trial(s) (deleted by hand?); restore it,"
                    + " or start over with --overwrite");
        }

        // Temporary files of writes a crash interrupted.
        List<Path> leftovers = leftovers(dir);
        if (!leftovers.isEmpty()) {
            List<String> names = leftovers.stream().map(p -> dir.relativize(p).toString()).toList();
            repairs.add("deleted " + leftovers.size() + " temporary file(s) of an interrupted write (" + shortList(names) + ")");
        }
        for (Recorded run : byRun.values()) {
            boolean expected = weights.kind() == WeightsPolicy.Kind.ALL ? run.status() != TrainingStatus.FAILED
                    : keeper.holds(run.trial());
            if (expected && !Files.exists(ResultsWriter.weightsFile(dir, run.trial()))) {
                warnings.add(dir.relativize(ResultsWriter.weightsFile(dir, run.trial())) + " is missing, though trial "
                        + run.trial() + " is complete in " + ResultsWriter.RESULTS + " (deleted by hand?)");
            }
        }
        return new ExistingResults(dir, byRun, completed, completedTrials, rerunRows, again, results.tornHeader,
                resultsChanged, curves.tornHeader, curvesChanged, leftovers, repairs, warnings);
    }

    /**
     * Checks that every completed row is a trial of {@code spec} with the same settings, so that a results.csv of
     * another sweep is never mixed into this one. Streams results.csv again.
     *
     * @throws IllegalArgumentException naming the line and the trial that does not belong
     */
    public void checkBelongsTo(SweepSpec spec, Path confFile) {
        Map<String, TrialSpec> byId = new HashMap<>();
        // With successive halving, the rows are each trial's runs at each rung.
        for (TrialSpec t : Schedule.possibleRuns(spec)) byId.put(t.id(), t);
        Path file = dir.resolve(ResultsWriter.RESULTS);
        Set<String> seen = new HashSet<>();
        streamRecords(file, r -> {
            ResultsRow row = parseRow(file, r);
            if (!seen.add(key(row))) return true;
            TrialSpec trial = byId.get(row.trial());
            String where = file + ": line " + r.line() + ": trial " + key(row) + " ";
            if (trial == null || trial.config().seed() != row.config().seed()) {
                throw new IllegalArgumentException(where + "is not a trial of " + confFile
                        + " (was the file copied from another sweep?)");
            }
            List<String> differ = new ArrayList<>();
            TrainConfig want = trial.config();
            TrainConfig got = row.config();
            if (Double.compare(want.eta(), got.eta()) != 0) differ.add("eta " + got.eta() + " vs " + want.eta());
            if (Double.compare(want.lambda(), got.lambda()) != 0) differ.add("lambda " + got.lambda() + " vs " + want.lambda());
            if (want.nBatch() != got.nBatch()) differ.add("n_batch " + got.nBatch() + " vs " + want.nBatch());
            if (want.nEpochs() != got.nEpochs()) differ.add("n_epochs " + got.nEpochs() + " vs " + want.nEpochs());
            if (want.shuffle() != got.shuffle()) differ.add("shuffle " + got.shuffle() + " vs " + want.shuffle());
            if (want.precision() != got.precision()) differ.add("precision " + got.precision() + " vs " + want.precision());
            if (!want.options().equals(got.options())) differ.add("options " + got.options() + " vs " + want.options());
            if (trial.rung() != row.rung()) differ.add("rung " + row.rung() + " vs " + trial.rung());
            String preprocess = spec.data().preprocess().toString();
            String split = spec.data().split().toString();
            if (!row.preprocess().equals(preprocess)) differ.add("preprocess " + row.preprocess() + " vs " + preprocess);
            if (!row.split().equals(split)) differ.add("split " + row.split() + " vs " + split);
            if (!differ.isEmpty()) {
                throw new IllegalArgumentException(where + "was run with other settings than " + confFile + " gives it ("
                        + String.join(", ", differ) + ")");
            }
            return true;
        });
    }

    /**
     * The completed rows, in file order, streamed from results.csv (before or after {@link #repair}); the rows
     * appended after the repair are not among them.
     */
    public void forEachRow(Consumer<? super ResultsRow> action) {
        if (completed == 0) return;
        Path file = dir.resolve(ResultsWriter.RESULTS);
        Set<String> seen = new HashSet<>();
        int[] given = {0};
        streamRecords(file, r -> {
            ResultsRow row = parseRow(file, r);
            if (!seen.add(key(row)) || again.test(row)) return true;
            action.accept(row);
            return ++given[0] < completed;
        });
    }

    /** The completed rows, in file order: every one in memory, for tests and small folders ({@link #forEachRow} streams). */
    public List<ResultsRow> rows() {
        List<ResultsRow> rows = new ArrayList<>();
        forEachRow(rows::add);
        return rows;
    }

    /** How many runs are complete. */
    public int completedCount() {
        return completed;
    }

    /** What a resume keeps of the completed run {@code key} ({@link #key(String, long)}), or null. */
    public Recorded recorded(String key) {
        return byRun.get(key);
    }

    /** The completed run named {@code trial}, or null. */
    public Recorded recordedRun(String trial) {
        if (!completedTrials.contains(trial)) return null;
        for (Recorded r : byRun.values()) {
            if (r.trial().equals(trial)) return r;
        }
        return null;
    }

    /** The recorded rows that run again (see {@link #read(Path, Rerun)}), in file order. */
    public List<ResultsRow> rerunRows() {
        return rerun;
    }

    /**
     * The curves.csv rows of completed trial {@code trial}, by epoch, read back exactly (doubles are written with
     * Double.toString); empty if it has none. Streams the file: the rows the repair keeps, before or after it.
     */
    public List<EpochMetrics> curves(String trial) {
        List<EpochMetrics> found = new ArrayList<>();
        if (!completedTrials.contains(trial)) return found;
        CurvesFilter filter = new CurvesFilter(completedTrials, rerunTrials);
        streamRecords(dir.resolve(ResultsWriter.CURVES), r -> {
            List<String> f = r.fields();
            if (!f.get(0).equals(trial) || filter.test(f) != CurvesFilter.KEEP) return true;
            found.add(new EpochMetrics(Integer.parseInt(f.get(1)), Double.parseDouble(f.get(2)),
                    Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)), Double.parseDouble(f.get(5)),
                    Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)), Double.parseDouble(f.get(8))));
            return true;
        });
        found.sort(java.util.Comparator.comparingInt(EpochMetrics::epoch));
        return found;
    }

    /** The trials of {@code all} that have no completed row, in their order. */
    public List<TrialSpec> missing(List<TrialSpec> all) {
        return all.stream().filter(t -> !byRun.containsKey(key(t))).toList();
    }

    /** What {@link #repair} will do, one sentence each; empty when the files are clean. */
    public List<String> repairs() {
        return repairs;
    }

    /** Oddities that need no repair but deserve a word. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Rewrites the CSVs with only their complete rows of completed trials (each streamed to a temporary file, then
     * renamed, so an interruption leaves the old file or the new one) and deletes the leftover temporary files. Does
     * nothing when {@link #repairs()} is empty.
     */
    public void repair() {
        if (repaired) return;
        if (resultsChanged) {
            Path file = dir.resolve(ResultsWriter.RESULTS);
            Set<String> seen = new HashSet<>();
            rewrite(file, ResultsRow.COLUMNS, tornResultsHeader, r -> {
                ResultsRow row = parseRow(file, r);
                return seen.add(key(row)) && !again.test(row);
            });
        }
        if (curvesChanged) {
            CurvesFilter filter = new CurvesFilter(completedTrials, rerunTrials);
            rewrite(dir.resolve(ResultsWriter.CURVES), CurveRows.COLUMNS, tornCurvesHeader,
                    r -> filter.test(r.fields()) == CurvesFilter.KEEP);
        }
        for (Path p : leftovers) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": cannot delete: " + e.getMessage(), e);
            }
        }
        repaired = true;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Which curves.csv rows a repair keeps: those of completed trials, the first of each epoch. A row of a trial
     * that runs again, or that never finished, goes. Holds a small set of epochs per trial.
     */
    private static final class CurvesFilter {
        static final int KEEP = 0;
        static final int ORPHAN = 1;
        static final int RERUN = 2;
        static final int DUPLICATE = 3;

        private final Set<String> completed;
        private final Set<String> again;
        private final Map<String, java.util.BitSet> seen = new HashMap<>();
        int orphanRows;
        int rerunRows;
        int duplicates;

        CurvesFilter(Set<String> completed, Set<String> again) {
            this.completed = completed;
            this.again = again;
        }

        int test(List<String> fields) {
            String trial = fields.get(0);
            if (!completed.contains(trial)) {
                if (again.contains(trial)) {
                    rerunRows++;
                    return RERUN;
                }
                orphanRows++;
                return ORPHAN;
            }
            int epoch = Integer.parseInt(fields.get(1));
            java.util.BitSet epochs = seen.computeIfAbsent(trial, t -> new java.util.BitSet());
            if (epochs.get(epoch)) {
                duplicates++;
                return DUPLICATE;
            }
            epochs.set(epoch);
            return KEEP;
        }
    }

    /**
     * What the first read of a CSV file found: {@code exists} when it has content, {@code absent} when there is no
     * file, {@code torn} when its tail (or its header) was cut short, {@code tornHeader} when it holds only a torn
     * header.
     */
    private record Scan(boolean exists, boolean absent, boolean torn, boolean tornHeader) { }

    /**
     * Reads {@code file} one record at a time: checks its header and each record's form (a refusal names the first
     * damaged line), hands each data record to {@code action}, and notes a torn tail in {@code repairs}.
     */
    private static Scan scan(Path file, List<String> columns, List<String> repairs, Consumer<CsvRecords.Record> action) {
        try {
            if (!Files.exists(file)) return new Scan(false, true, false, false);
            if (Files.size(file) == 0) return new Scan(false, false, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        String headerLine = CsvAppender.format(List.of(columns));
        String name = file.getFileName().toString();
        try (CsvRecords.Reader reader = open(file)) {
            CsvRecords.Record header = reader.next();
            if (header == null) {
                // Only a torn header: the crash came while the file was being created.
                if (headerLine.startsWith(reader.tail())) {
                    repairs.add(name + ": completed a half-written header");
                    return new Scan(true, false, true, true);
                }
                throw new IllegalArgumentException(file + ": does not start with the header " + headerLine.strip()
                        + "; not a file of this program, so it is left alone");
            }
            checkHeader(file, header, columns, headerLine);
            for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
                checkForm(file, r, columns);
                action.accept(r);
            }
            String tail = reader.tail();
            boolean torn = !tail.isEmpty();
            if (torn) {
                repairs.add(name + ": dropped a half-written last line (" + tail.getBytes(StandardCharsets.UTF_8).length
                        + " bytes)");
            }
            return new Scan(true, false, torn, false);
        }
    }

    private static void checkHeader(Path file, CsvRecords.Record header, List<String> columns, String headerLine) {
        if (CsvRecords.CRLF.equals(header.problem())) {   // it looks identical to ours on screen: say why it is not
            throw new IllegalArgumentException(file + ": " + CsvRecords.CRLF + " (saved again by another program?);"
                    + " convert it back to \\n line endings (e.g. dos2unix " + file + ") and resume");
        }
        if (header.problem() != null || !header.fields().equals(columns)) {
            throw new IllegalArgumentException(file + ": header is " + header.text().strip() + ", expected "
                    + headerLine.strip() + " (written by another version?); cannot append to it");
        }
    }

    private static void checkForm(Path file, CsvRecords.Record r, List<String> columns) {
        if (r.problem() != null) throw damaged(file, r, r.problem());
        if (r.fields().size() != columns.size()) {
            throw damaged(file, r, r.fields().size() + " fields, expected " + columns.size());
        }
    }

    /**
     * The data records of a file already checked by {@link #scan}, one at a time, until {@code action} returns
     * false; nothing when the file is absent or holds no complete header.
     */
    private static void streamRecords(Path file, java.util.function.Predicate<CsvRecords.Record> action) {
        if (!Files.exists(file)) return;
        try (CsvRecords.Reader reader = open(file)) {
            if (reader.next() == null) return;
            for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
                if (!action.test(r)) return;
            }
        }
    }

    /**
     * Replaces {@code file} by its header and the complete data records {@code keep} accepts, in order, streamed
     * (write-then-rename); a file that held only a torn header gets the whole header.
     */
    private static void rewrite(Path file, List<String> columns, boolean tornHeader,
                                java.util.function.Predicate<CsvRecords.Record> keep) {
        String headerLine = CsvAppender.format(List.of(columns));
        DurableFiles.replace(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            if (tornHeader) {
                w.write(headerLine);
            } else {
                try (CsvRecords.Reader reader = open(file)) {
                    CsvRecords.Record header = reader.next();
                    w.write(header.text());
                    for (CsvRecords.Record r = reader.next(); r != null; r = reader.next()) {
                        if (keep.test(r)) w.write(r.text());
                    }
                }
            }
            w.flush();
        });
    }

    private static CsvRecords.Reader open(Path file) {
        try {
            return CsvRecords.Reader.open(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static ResultsRow parseRow(Path file, CsvRecords.Record r) {
        try {
            return ResultsRow.parse(r.fields());
        } catch (IllegalArgumentException e) {
            throw damaged(file, r, e.getMessage());
        }
    }

    private static void checkCurveRow(Path file, CsvRecords.Record r) {
        List<String> f = r.fields();
        if (f.get(0).isEmpty()) throw damaged(file, r, "column trial: empty");
        try {
            if (Integer.parseInt(f.get(1)) < 1) throw damaged(file, r, "column epoch: " + f.get(1) + " must be >= 1");
        } catch (NumberFormatException e) {
            throw damaged(file, r, "column epoch: '" + f.get(1) + "' is not an integer");
        }
        for (int i = 2; i < f.size(); i++) {
            try {
                Double.parseDouble(f.get(i));
            } catch (NumberFormatException e) {
                throw damaged(file, r, "column " + CurveRows.COLUMNS.get(i) + ": '" + f.get(i) + "' is not a number");
            }
        }
    }

    private static IllegalArgumentException damaged(Path file, CsvRecords.Record r, String problem) {
        return new IllegalArgumentException(file + ": line " + r.line() + ": " + problem
                + "; the file is damaged before its last line (not by a crash of a sweep), so it is left alone");
    }

    private static List<Path> leftovers(Path dir) {
        List<Path> found = new ArrayList<>();
        for (String name : List.of(ResultsWriter.RESULTS, ResultsWriter.CURVES, Provenance.FILE)) {
            Path p = dir.resolve(name + DurableFiles.TMP_SUFFIX);
            if (Files.isRegularFile(p)) found.add(p);
        }
        for (String folder : List.of(ResultsWriter.WEIGHTS, HalvingStates.DIR)) {
            Path weights = dir.resolve(folder);
            if (!Files.isDirectory(weights)) continue;
            try (Stream<Path> files = Files.list(weights)) {
                files.filter(p -> p.getFileName().toString().endsWith(".mat" + DurableFiles.TMP_SUFFIX))
                        .filter(Files::isRegularFile).sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(weights + ": cannot list: " + e.getMessage(), e);
            }
        }
        return found;
    }

    private static String shortList(Iterable<String> items) {
        List<String> all = new ArrayList<>();
        items.forEach(all::add);
        if (all.size() <= 4) return String.join(", ", all);
        return String.join(", ", all.subList(0, 4)) + " and " + (all.size() - 4) + " more";
    }
}
