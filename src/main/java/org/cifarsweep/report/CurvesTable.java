package org.cifarsweep.report;

import static org.cifarsweep.results.CurvesColumns.EPOCH;
import static org.cifarsweep.results.CurvesColumns.TRAIN_ACC;
import static org.cifarsweep.results.CurvesColumns.TRAIN_COST;
import static org.cifarsweep.results.CurvesColumns.TRAIN_LOSS;
import static org.cifarsweep.results.CurvesColumns.TRIAL;
import static org.cifarsweep.results.CurvesColumns.VAL_ACC;
import static org.cifarsweep.results.CurvesColumns.VAL_COST;
import static org.cifarsweep.results.CurvesColumns.VAL_LOSS;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * curves.csv read back for the report: each trial's epochs, in epoch order. An epoch recorded twice (a trial that
 * ran again) keeps its last row. A missing file gives no curves rather than an error: a report from results.csv
 * alone is still worth having.
 *
 * <p>The file is streamed: {@link #read(Path, Predicate, List)} keeps the epochs of the trials asked for (the report
 * asks for the best N, whose pictures it draws) and passes over the rest, so that its memory does not grow with the
 * number of trials. The page's curves of every trial are streamed from the file again, by {@link CurvesData}.
 */
public final class CurvesTable {
    private static final List<String> REQUIRED = List.of(TRIAL, EPOCH);

    private final Map<String, List<CurvePoint>> byTrial;

    private CurvesTable(Map<String, List<CurvePoint>> byTrial) {
        this.byTrial = byTrial;
    }

    public static CurvesTable empty() {
        return new CurvesTable(Map.of());
    }

    /** The trial's epochs, first to last; empty when curves.csv has none for it. */
    public List<CurvePoint> of(String trial) {
        return byTrial.getOrDefault(trial, List.of());
    }

    /** Every trial's curves: for tests and small folders. */
    public static CurvesTable read(Path file, List<String> notes) {
        return read(file, trial -> true, notes);
    }

    /** The curves of the trials that {@code keep} accepts; the other rows are read and dropped. */
    public static CurvesTable read(Path file, Predicate<String> keep, List<String> notes) {
        if (!Files.isRegularFile(file)) {
            notes.add(file.getFileName() + " is missing: the report has no per-epoch curves");
            return empty();
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        Map<String, TreeMap<Integer, CurvePoint>> epochs = new HashMap<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            List<String> columns = parser.getHeaderNames();
            if (!columns.containsAll(REQUIRED)) {
                notes.add(file.getFileName() + ": no trial/epoch columns (header: " + String.join(",", columns)
                        + "); curves ignored");
                return empty();
            }
            int skipped = 0;
            for (CSVRecord r : parser) {
                int epoch = r.isConsistent() ? Numbers.parseInt(r.get(EPOCH)) : -1;
                if (epoch < 0) {
                    skipped++;
                    continue;
                }
                String trial = r.get(TRIAL).strip();
                if (!keep.test(trial)) continue;
                CurvePoint point = new CurvePoint(epoch, num(r, TRAIN_LOSS), num(r, TRAIN_COST),
                        num(r, TRAIN_ACC), num(r, VAL_LOSS), num(r, VAL_COST), num(r, VAL_ACC));
                epochs.computeIfAbsent(trial, t -> new TreeMap<>()).put(epoch, point);
            }
            if (skipped > 0) notes.add(file.getFileName() + ": " + skipped + " incomplete row(s) skipped");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            notes.add(file.getFileName() + ": not a readable CSV file (" + e.getMessage() + "); curves ignored");
            return empty();
        }
        Map<String, List<CurvePoint>> lists = new HashMap<>();
        epochs.forEach((trial, points) -> lists.put(trial, List.copyOf(points.values())));
        return new CurvesTable(lists);
    }

    private static double num(CSVRecord r, String column) {
        return r.isMapped(column) ? Numbers.parse(r.get(column)) : Double.NaN;
    }
}
