package org.cifarsweep.report;

import static org.cifarsweep.results.ResultsColumns.BEST_EPOCH;
import static org.cifarsweep.results.ResultsColumns.ETA;
import static org.cifarsweep.results.ResultsColumns.LAMBDA;
import static org.cifarsweep.results.ResultsColumns.N_BATCH;
import static org.cifarsweep.results.ResultsColumns.N_EPOCHS;
import static org.cifarsweep.results.ResultsColumns.REASON;
import static org.cifarsweep.results.ResultsColumns.SECONDS;
import static org.cifarsweep.results.ResultsColumns.STATUS;
import static org.cifarsweep.results.ResultsColumns.TEST_ACC;
import static org.cifarsweep.results.ResultsColumns.TRAIN_ACC;
import static org.cifarsweep.results.ResultsColumns.TRAIN_COST;
import static org.cifarsweep.results.ResultsColumns.TRAIN_LOSS;
import static org.cifarsweep.results.ResultsColumns.TRIAL;
import static org.cifarsweep.results.ResultsColumns.VAL_ACC;
import static org.cifarsweep.results.ResultsColumns.VAL_COST;
import static org.cifarsweep.results.ResultsColumns.VAL_LOSS;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cifarsweep.train.TrainingStatus;

/**
 * results.csv read back for the report. It accepts what real folders hold: fewer rows than planned (a sweep stopped
 * half-way), NaN or empty numbers (diverged and failed trials), a cut-off last line, columns added or missing after
 * the first fifteen, and a trial recorded twice (the later row wins, as a rerun's would).
 *
 * @param columns the header, in file order
 * @param rows    one per trial, in file order
 */
public record ResultsTable(List<String> columns, List<ReportedTrial> rows) {
    /** Without these a row cannot be named or judged. */
    static final List<String> REQUIRED = List.of(TRIAL, STATUS);
    /** How many distinct values of a column are shared between rows before the column is taken as all distinct. */
    private static final int SHARED_PER_COLUMN = 64;

    public static ResultsTable read(Path file, List<String> notes) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = format.parse(in)) {
            List<String> columns = parser.getHeaderNames();
            for (String required : REQUIRED) {
                if (!columns.contains(required)) {
                    throw new IllegalArgumentException(file + ": no '" + required + "' column (header: "
                            + String.join(",", columns) + ")");
                }
            }
            Map<String, ReportedTrial> byTrial = new LinkedHashMap<>();
            RowValues.Header header = new RowValues.Header(columns);
            // Values repeated down a column (ok, scale, the host) are kept once, not once per row.
            List<Map<String, String>> shared = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) shared.add(new HashMap<>());
            for (CSVRecord record : parser) {
                if (!record.isConsistent()) {
                    // Rows are written whole and fsync'ed, so this is a copy cut short; the rest is still good.
                    notes.add(file.getFileName() + " line " + (record.getRecordNumber() + 1) + ": " + record.size()
                            + " of " + columns.size() + " fields; row skipped");
                    continue;
                }
                ReportedTrial row = row(record, header, columns, shared);
                if (row.trial().isBlank()) continue;
                if (byTrial.remove(row.trial()) != null) {
                    notes.add(file.getFileName() + ": trial " + row.trial() + " is recorded more than once; the last row is shown");
                }
                byTrial.put(row.trial(), row);
            }
            return new ResultsTable(List.copyOf(columns), List.copyOf(byTrial.values()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            // commons-csv reports malformed quoting this way
            throw new IllegalArgumentException(file + ": not a readable CSV file: " + e.getMessage(), e);
        }
    }

    private static ReportedTrial row(CSVRecord record, RowValues.Header header, List<String> columns,
                                     List<Map<String, String>> shared) {
        String[] fields = new String[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            String v = record.get(i);
            Map<String, String> seen = shared.get(i);
            // A column of few distinct values shares them; one of many (costs, names) stops looking.
            fields[i] = seen.size() < SHARED_PER_COLUMN ? seen.computeIfAbsent(v, x -> x) : seen.getOrDefault(v, v);
        }
        Map<String, String> values = new RowValues(header, fields);
        java.util.function.Function<String, Double> num = c -> Numbers.parse(values.get(c));
        return new ReportedTrial(values.get(TRIAL).strip(), num.apply(ETA), num.apply(LAMBDA),
                Numbers.parseInt(values.get(N_BATCH)), Numbers.parseInt(values.get(N_EPOCHS)),
                values.get(STATUS).strip().toLowerCase(java.util.Locale.ROOT),
                num.apply(TRAIN_ACC), num.apply(VAL_ACC), num.apply(TEST_ACC),
                num.apply(TRAIN_COST), num.apply(VAL_COST), num.apply(TRAIN_LOSS), num.apply(VAL_LOSS),
                num.apply(SECONDS), Numbers.parseInt(values.get(BEST_EPOCH)),
                values.getOrDefault(REASON, ""), values);
    }

    /** The ranking of the console's table: ok trials by validation accuracy, best first, then the others. */
    public List<ReportedTrial> ranked() {
        Comparator<ReportedTrial> byVal = Comparator.comparingDouble(
                (ReportedTrial r) -> Double.isNaN(r.valAcc()) ? Double.NEGATIVE_INFINITY : r.valAcc()).reversed();
        return rows.stream()
                .sorted(Comparator.comparing((ReportedTrial r) -> !r.ok()).thenComparing(byVal)
                        .thenComparing(ReportedTrial::trial))
                .toList();
    }

    /**
     * The losses the trials trained with, by name ({@link ReportedTrial#lossName()}), sorted: more than one in a sweep
     * that mixes them, where the pictures and the table that set trials side by side name each one's loss.
     */
    public List<String> losses() {
        return rows.stream().map(ReportedTrial::lossName).distinct().sorted().toList();
    }

    /** Whether the trials trained with more than one loss. */
    public boolean mixesLosses() {
        return losses().size() > 1;
    }

    public long count(TrainingStatus status) {
        return rows.stream().filter(r -> r.is(status)).count();
    }
}
