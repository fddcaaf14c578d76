package org.cifarsweep.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 */
public final class ExistingResults {

    /** A completed trial: its results row, the line it starts on, and its exact text. */
    private record Kept(int line, ResultsRow row, String text) { }

    private final Path dir;
    private final List<Kept> kept;
    private final List<Kept> rerun;
    private final String resultsText;
    private final boolean resultsChanged;
    private final String curvesText;
    private final boolean curvesChanged;
    private final List<Path> leftovers;
    private final List<String> repairs;
    private final List<String> warnings;

    private ExistingResults(Path dir, List<Kept> kept, List<Kept> rerun, String resultsText, boolean resultsChanged,
                            String curvesText, boolean curvesChanged, List<Path> leftovers, List<String> repairs,
                            List<String> warnings) {
        this.dir = dir;
        this.kept = List.copyOf(kept);
        this.rerun = List.copyOf(rerun);
        this.resultsText = resultsText;
        this.resultsChanged = resultsChanged;
        this.curvesText = curvesText;
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

        /** From every recorded row (file order, repeats dropped): which of them run again. */
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

        // results.csv: the completed trials.
        Path resultsFile = dir.resolve(ResultsWriter.RESULTS);
        String results = readText(resultsFile);
        List<Kept> kept = new ArrayList<>();
        List<Kept> rerunKept = new ArrayList<>();
        String resultsText = results;
        boolean resultsChanged = false;
        if (results != null && !results.isEmpty()) {
            Body body = body(resultsFile, results, ResultsRow.COLUMNS, repairs);
            Set<String> keys = new HashSet<>();
            int duplicates = 0;
            for (CsvRecords.Record r : body.records) {
                ResultsRow row;
                try {
                    row = ResultsRow.parse(r.fields());
                } catch (IllegalArgumentException e) {
                    throw damaged(resultsFile, r, e.getMessage());
                }
                if (!keys.add(key(row))) {
                    duplicates++;
                    continue;
                }
                kept.add(new Kept(r.line(), row, r.text()));
            }
            if (duplicates > 0) {
                repairs.add(ResultsWriter.RESULTS + ": dropped " + duplicates + " repeated row(s) of trials recorded before");
            }
            java.util.function.Predicate<ResultsRow> again = rerun.choose(kept.stream().map(Kept::row).toList());
            List<Kept> all = List.copyOf(kept);
            kept.clear();
            StringBuilder text = new StringBuilder(body.header);
            for (Kept k : all) {
                if (again.test(k.row)) {
                    rerunKept.add(k);
                } else {
                    kept.add(k);
                    text.append(k.text);
                }
            }
            if (!rerunKept.isEmpty()) {
                repairs.add(ResultsWriter.RESULTS + ": dropped " + rerunKept.size() + " row(s) of trial(s) that run again ("
                        + shortList(rerunKept.stream().map(k -> k.row.trial()).toList()) + ")");
            }
            resultsChanged = body.changed || duplicates > 0 || !rerunKept.isEmpty();
            resultsText = text.toString();
        }

        // curves.csv: only the rows of completed trials, once per epoch.
        Set<String> completed = new HashSet<>();
        for (Kept k : kept) completed.add(k.row.trial());
        Set<String> again = new HashSet<>();
        for (Kept k : rerunKept) again.add(k.row.trial());
        Path curvesFile = dir.resolve(ResultsWriter.CURVES);
        String curves = readText(curvesFile);
        String curvesText = curves;
        boolean curvesChanged = false;
        if (curves != null && !curves.isEmpty()) {
            Body body = body(curvesFile, curves, CurveRows.COLUMNS, repairs);
            StringBuilder text = new StringBuilder(body.header);
            Set<String> seen = new HashSet<>();
            Set<String> unfinished = new TreeSet<>();
            int orphanRows = 0;
            int rerunRows = 0;
            int duplicates = 0;
            for (CsvRecords.Record r : body.records) {
                checkCurveRow(curvesFile, r);
                String trial = r.fields().get(0);
                if (again.contains(trial) && !completed.contains(trial)) {
                    rerunRows++;
                    continue;
                }
                if (!completed.contains(trial)) {
                    orphanRows++;
                    unfinished.add(trial);
                    continue;
                }
                if (!seen.add(trial + "|" + r.fields().get(1))) {
                    duplicates++;
                    continue;
                }
                text.append(r.text());
            }
            if (orphanRows > 0) {
                repairs.add(ResultsWriter.CURVES + ": dropped " + orphanRows + " row(s) of " + unfinished.size()
                        + " trial(s) that had not finished (" + shortList(unfinished) + "); they run again");
            }
            if (rerunRows > 0) {
                repairs.add(ResultsWriter.CURVES + ": dropped " + rerunRows + " row(s) of trial(s) that run again");
            }
            if (duplicates > 0) {
                repairs.add(ResultsWriter.CURVES + ": dropped " + duplicates + " repeated row(s)");
            }
            curvesChanged = body.changed || orphanRows > 0 || rerunRows > 0 || duplicates > 0;
            curvesText = text.toString();
        }

        // The curves of completed trials are written before their rows: curves.csv cannot be missing after a crash.
        if ((curves == null || curves.isEmpty()) && !kept.isEmpty()) {
            throw new IllegalArgumentException(curvesFile + ": " + (curves == null ? "missing" : "empty") + ", though "
                    + ResultsWriter.RESULTS + " records " + kept.size() + " trial(s) (deleted by hand?); restore it,"
                    + " or start over with --overwrite");
        }

        // Temporary files of writes a crash interrupted.
        List<Path> leftovers = leftovers(dir);
        if (!leftovers.isEmpty()) {
            List<String> names = leftovers.stream().map(p -> dir.relativize(p).toString()).toList();
            repairs.add("deleted " + leftovers.size() + " temporary file(s) of an interrupted write (" + shortList(names) + ")");
        }
        for (ResultsRow row : KeptWeights.expected(weights, kept.stream().map(Kept::row).toList())) {
            if (!Files.exists(ResultsWriter.weightsFile(dir, row.trial()))) {
                warnings.add(dir.relativize(ResultsWriter.weightsFile(dir, row.trial())) + " is missing, though trial "
                        + row.trial() + " is complete in " + ResultsWriter.RESULTS + " (deleted by hand?)");
            }
        }
        return new ExistingResults(dir, kept, rerunKept, resultsText, resultsChanged, curvesText, curvesChanged,
                leftovers, repairs, warnings);
    }

    /**
     * Checks that every completed row is a trial of {@code spec} with the same settings, so that a results.csv of
     * another sweep is never mixed into this one.
     *
     * @throws IllegalArgumentException naming the line and the trial that does not belong
     */
    public void checkBelongsTo(SweepSpec spec, Path confFile) {
        Map<String, TrialSpec> byId = new HashMap<>();
        // With successive halving, the rows are each trial's runs at each rung.
        for (TrialSpec t : Schedule.possibleRuns(spec)) byId.put(t.id(), t);
        Path file = dir.resolve(ResultsWriter.RESULTS);
        List<Kept> recorded = new ArrayList<>(kept);
        recorded.addAll(rerun);
        recorded.sort(java.util.Comparator.comparingInt(Kept::line));
        for (Kept k : recorded) {
            ResultsRow row = k.row;
            TrialSpec trial = byId.get(row.trial());
            String where = file + ": line " + k.line + ": trial " + key(row) + " ";
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
        }
    }

    /** The completed trials, in file order. */
    public List<ResultsRow> rows() {
        return kept.stream().map(Kept::row).toList();
    }

    /** The recorded rows that run again (see {@link #read(Path, Rerun)}), in file order. */
    public List<ResultsRow> rerunRows() {
        return rerun.stream().map(Kept::row).toList();
    }

    /**
     * The curves.csv rows of completed trial {@code trial}, by epoch, read back exactly (doubles are written with
     * Double.toString); empty if it has none. After {@link #repair}, this is what the file holds.
     */
    public List<EpochMetrics> curves(String trial) {
        List<EpochMetrics> found = new ArrayList<>();
        if (curvesText == null || curvesText.isEmpty()) return found;
        List<CsvRecords.Record> records = CsvRecords.parse(curvesText).records();
        for (CsvRecords.Record r : records.subList(Math.min(1, records.size()), records.size())) {
            List<String> f = r.fields();
            if (!f.get(0).equals(trial)) continue;
            found.add(new EpochMetrics(Integer.parseInt(f.get(1)), Double.parseDouble(f.get(2)),
                    Double.parseDouble(f.get(3)), Double.parseDouble(f.get(4)), Double.parseDouble(f.get(5)),
                    Double.parseDouble(f.get(6)), Double.parseDouble(f.get(7)), Double.parseDouble(f.get(8))));
        }
        found.sort(java.util.Comparator.comparingInt(EpochMetrics::epoch));
        return found;
    }

    /** The {@link #key}s of the completed trials. */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (Kept k : kept) keys.add(key(k.row));
        return keys;
    }

    /** The trials of {@code all} that have no completed row, in their order. */
    public List<TrialSpec> missing(List<TrialSpec> all) {
        Set<String> done = new HashSet<>();
        for (Kept k : kept) done.add(key(k.row.trial(), k.row.config().seed()));
        return all.stream().filter(t -> !done.contains(key(t))).toList();
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
     * Rewrites the CSVs with only their complete rows of completed trials (each by write-then-rename, so an
     * interruption leaves the old file or the new one) and deletes the leftover temporary files. Does nothing when
     * {@link #repairs()} is empty.
     */
    public void repair() {
        if (resultsChanged) {
            DurableFiles.replace(dir.resolve(ResultsWriter.RESULTS), resultsText.getBytes(StandardCharsets.UTF_8));
        }
        if (curvesChanged) {
            DurableFiles.replace(dir.resolve(ResultsWriter.CURVES), curvesText.getBytes(StandardCharsets.UTF_8));
        }
        for (Path p : leftovers) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": cannot delete: " + e.getMessage(), e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The header's text and the data records of a CSV file; {@code changed} when a torn tail was cut off. */
    private record Body(String header, List<CsvRecords.Record> records, boolean changed) { }

    private static Body body(Path file, String text, List<String> columns, List<String> repairs) {
        CsvRecords.Parsed parsed = CsvRecords.parse(text);
        String headerLine = CsvAppender.format(List.of(columns));
        String name = file.getFileName().toString();
        if (parsed.records().isEmpty()) {
            // Only a torn header: the crash came while the file was being created.
            if (headerLine.startsWith(parsed.tail())) {
                repairs.add(name + ": completed a half-written header");
                return new Body(headerLine, List.of(), true);
            }
            throw new IllegalArgumentException(file + ": does not start with the header " + headerLine.strip()
                    + "; not a file of this program, so it is left alone");
        }
        CsvRecords.Record header = parsed.records().get(0);
        if (CsvRecords.CRLF.equals(header.problem())) {   // it looks identical to ours on screen: say why it is not
            throw new IllegalArgumentException(file + ": " + CsvRecords.CRLF + " (saved again by another program?);"
                    + " convert it back to \\n line endings (e.g. dos2unix " + file + ") and resume");
        }
        if (header.problem() != null || !header.fields().equals(columns)) {
            throw new IllegalArgumentException(file + ": header is " + header.text().strip() + ", expected "
                    + headerLine.strip() + " (written by another version?); cannot append to it");
        }
        List<CsvRecords.Record> records = parsed.records().subList(1, parsed.records().size());
        for (CsvRecords.Record r : records) {
            if (r.problem() != null) throw damaged(file, r, r.problem());
            if (r.fields().size() != columns.size()) {
                throw damaged(file, r, r.fields().size() + " fields, expected " + columns.size());
            }
        }
        boolean torn = !parsed.tail().isEmpty();
        if (torn) {
            repairs.add(name + ": dropped a half-written last line (" + parsed.tail().getBytes(StandardCharsets.UTF_8).length
                    + " bytes)");
        }
        return new Body(header.text(), records, torn);
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

    /** The file as text, or null if it does not exist. A torn multi-byte character can only be in the dropped tail. */
    private static String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
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
