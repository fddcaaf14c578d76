package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.cifarsweep.results.CurveRows;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.WeightsFile;

/**
 * Checks on a sweep's output folder as a user would make them: results.csv and curves.csv parse with the full
 * header, end with a whole line, have no duplicate trial (or trial and epoch), and hold the same numbers as a
 * reference folder in every column except timing and placement.
 */
public final class SweepFiles {
    /** The columns that legitimately differ between two runs of the same trial (pack: which runs trained with it). */
    public static final Set<String> TIMING_AND_PLACEMENT = Set.of("seconds", "host", "executor", "pack");

    private SweepFiles() { }

    /** The rows of a CSV, keyed by {@code key} columns joined by "|"; fails on a duplicate key or a torn line. */
    public static Map<String, Map<String, String>> rows(Path csv, List<String> header, String... key) {
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(csv + " unreadable", e);
        }
        assertTrue(text.endsWith("\n"), csv + " ends with a half-written line: ..."
                + text.substring(Math.max(0, text.length() - 80)));
        Map<String, Map<String, String>> byKey = new TreeMap<>();
        try (Reader in = new StringReader(text);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            assertEquals(header, parser.getHeaderNames(), csv + " header");
            for (CSVRecord r : parser) {
                assertEquals(header.size(), r.size(), csv + " line " + r.getParser().getCurrentLineNumber() + ": " + r);
                Map<String, String> row = new LinkedHashMap<>(r.toMap());
                List<String> parts = new ArrayList<>();
                for (String k : key) parts.add(row.get(k));
                String k = String.join("|", parts);
                if (byKey.put(k, row) != null) fail(csv + ": duplicate " + String.join("+", key) + " " + k);
            }
        } catch (IOException e) {
            throw new AssertionError(csv + " does not parse", e);
        }
        return byKey;
    }

    public static Map<String, Map<String, String>> results(Path dir) {
        return rows(dir.resolve("results.csv"), ResultsRow.COLUMNS, "trial", "seed");
    }

    public static Map<String, Map<String, String>> curves(Path dir) {
        return rows(dir.resolve("curves.csv"), CurveRows.COLUMNS, "trial", "epoch");
    }

    /** Complete data rows of a results.csv being written; 0 while it is absent. */
    public static int completeRows(Path csv) {
        try {
            byte[] bytes = Files.readAllBytes(csv);
            int newlines = 0;
            for (byte b : bytes) if (b == '\n') newlines++;
            return Math.max(0, newlines - 1);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code actual} holds exactly {@code expected}'s trials and curves, with the same numbers. */
    public static void assertSameSweep(Path expected, Path actual) {
        List<String> diffs = new ArrayList<>();
        diffs.addAll(diff("results.csv", results(expected), results(actual), TIMING_AND_PLACEMENT));
        diffs.addAll(diff("curves.csv", curves(expected), curves(actual), Set.of()));
        if (!diffs.isEmpty()) {
            fail(actual + " differs from the uninterrupted run " + expected + ":\n"
                    + diffs.stream().limit(30).collect(Collectors.joining("\n")));
        }
        // Every completed trial that has weights in the reference has them here, with identical W and b.
        for (Map<String, String> row : results(expected).values()) {
            Path want = expected.resolve("weights").resolve(row.get("trial") + ".mat");
            Path got = actual.resolve("weights").resolve(row.get("trial") + ".mat");
            if (Files.exists(want)) {
                assertTrue(Files.isRegularFile(got), got + " missing");
                WeightsFile.Weights w1 = WeightsFile.read(want);
                WeightsFile.Weights w2 = WeightsFile.read(got);
                assertTrue(Arrays.deepEquals(w1.w(), w2.w()) && Arrays.equals(w1.b(), w2.b()),
                        "W and b of " + row.get("trial") + " differ from the uninterrupted run's");
            }
        }
    }

    static List<String> diff(String name, Map<String, Map<String, String>> expected,
                             Map<String, Map<String, String>> actual, Set<String> ignored) {
        List<String> diffs = new ArrayList<>();
        if (!expected.keySet().equals(actual.keySet())) {
            diffs.add(name + ": keys " + actual.keySet() + ", expected " + expected.keySet());
        }
        expected.forEach((k, want) -> {
            Map<String, String> got = actual.get(k);
            if (got == null) return;
            want.forEach((column, value) -> {
                if (!ignored.contains(column) && !value.equals(got.get(column))) {
                    diffs.add(name + " " + k + " " + column + ": " + got.get(column) + ", expected " + value);
                }
            });
        });
        return diffs;
    }
}
