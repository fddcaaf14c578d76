package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading back an output folder after a crash at every point of ResultsWriter.record, and repairing it. */
class ExistingResultsTest {
    @TempDir
    Path dir;

    static ResultsRow row(String trial, double eta, TrainingStatus status, String reason) {
        TrainConfig config = new TrainConfig(eta, 0.1, 100, 2, 42, false, Precision.DOUBLE);
        return new ResultsRow(trial, config, "scale", "default", status, 2.1, 0.25, 2.2, 2.15, 0.24, 2.25,
                status == TrainingStatus.OK ? 0.23 : Double.NaN, 2, 1.5, "host", "0", reason, -1);
    }

    static List<EpochMetrics> curves(int epochs) {
        List<EpochMetrics> list = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) list.add(new EpochMetrics(e, 2.0 / e, 2.1 / e, 0.1 * e, 2.2 / e, 2.3 / e, 0.09 * e));
        return list;
    }

    /** Three trials through the real writer: ok, failed with an awkward message, diverged. */
    void threeTrials() {
        try (ResultsWriter writer = new ResultsWriter(dir)) {
            writer.record(row("a", 0.01, TrainingStatus.OK, ""), curves(2), ModelWeights.ofDoubles(new double[][] {{1, 2}}, new double[] {3}));
            writer.record(row("b", 0.02, TrainingStatus.FAILED, "IllegalStateException: \"bad\" state,\nsecond line"),
                    List.of(), null);
            writer.record(row("c", 10, TrainingStatus.DIVERGED, "train cost became NaN at epoch 1"), curves(1),
                    ModelWeights.ofDoubles(new double[][] {{1, 2}}, new double[] {3}));
        }
    }

    String text(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void aCleanFolderNeedsNoRepairAndRoundTripsItsRows() throws IOException {
        threeTrials();
        String results = text("results.csv");
        ExistingResults existing = ExistingResults.read(dir);
        assertEquals(List.of(), existing.repairs());
        assertEquals(List.of(), existing.warnings());
        List<ResultsRow> rows = existing.rows();
        assertEquals(List.of("a", "b", "c"), rows.stream().map(ResultsRow::trial).toList());
        assertEquals(row("b", 0.02, TrainingStatus.FAILED, "IllegalStateException: \"bad\" state,\nsecond line"), rows.get(1));
        assertEquals(ResultsRow.COLUMNS.size(), rows.get(0).values().size());
        existing.repair();
        assertEquals(results, text("results.csv"));
    }

    @Test
    void aHalfWrittenResultsLineIsDroppedWhereverTheCutFalls() throws IOException {
        threeTrials();
        String full = text("results.csv");
        String curves = text("curves.csv");
        int lastStart = full.lastIndexOf("\nc,") + 1;
        // Every cut inside the last row (and inside the quoted two-line reason of the row before it).
        int secondStart = full.indexOf("\nb,") + 1;
        for (int cut = secondStart + 1; cut < full.length(); cut++) {
            Files.writeString(dir.resolve("results.csv"), full.substring(0, cut));
            Files.writeString(dir.resolve("curves.csv"), curves);
            ExistingResults existing = ExistingResults.read(dir);
            List<String> expected = cut < lastStart ? List.of("a") : List.of("a", "b");
            if (cut == lastStart) {
                assertEquals(expected, existing.rows().stream().map(ResultsRow::trial).toList(), "cut at " + cut);
                continue;   // a whole line: nothing torn
            }
            assertEquals(expected, existing.rows().stream().map(ResultsRow::trial).toList(), "cut at " + cut);
            assertTrue(existing.repairs().get(0).startsWith("results.csv: dropped a half-written last line ("),
                    existing.repairs().toString());
            existing.repair();
            String repaired = text("results.csv");
            assertTrue(full.startsWith(repaired) && repaired.endsWith("\n"), repaired);
            assertEquals(List.of(), ExistingResults.read(dir).repairs().stream()
                    .filter(s -> s.startsWith("results.csv")).toList(), "a repaired file needs no second repair");
        }
    }

    @Test
    void curvesOfUnfinishedTrialsAndTornCurvesAreDroppedTmpFilesDeleted() throws IOException {
        threeTrials();
        String results = text("results.csv");
        String curves = text("curves.csv");
        // Trial "d" was in flight: its weights were being renamed, its curves written, its results row not.
        try (CsvAppender c = new CsvAppender(dir.resolve("curves.csv"), CurveRows.COLUMNS)) {
            c.append(CurveRows.of("d", curves(3), epoch -> -1));
        }
        Files.write(dir.resolve("curves.csv"), "e,1,2.0".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("weights/d.mat.tmp"), "half a mat file");
        Files.writeString(dir.resolve("results.csv.tmp"), "an interrupted repair");

        ExistingResults existing = ExistingResults.read(dir);
        assertEquals(List.of(
                "curves.csv: dropped a half-written last line (7 bytes)",
                "curves.csv: dropped 3 row(s) of 1 trial(s) that had not finished (d); they run again",
                "deleted 2 temporary file(s) of an interrupted write (results.csv.tmp, weights/d.mat.tmp)"),
                existing.repairs());
        existing.repair();
        assertEquals(curves, text("curves.csv"));
        assertEquals(results, text("results.csv"));
        assertFalse(Files.exists(dir.resolve("weights/d.mat.tmp")));
        assertFalse(Files.exists(dir.resolve("results.csv.tmp")));
        assertEquals(List.of(), ExistingResults.read(dir).repairs());
    }

    @Test
    void aRepeatedRowIsKeptOnce() throws IOException {
        threeTrials();
        String results = text("results.csv");
        String firstRow = results.lines().skip(1).findFirst().orElseThrow() + "\n";
        Files.write(dir.resolve("results.csv"), firstRow.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        ExistingResults existing = ExistingResults.read(dir);
        assertEquals(3, existing.rows().size());
        assertEquals(List.of("results.csv: dropped 1 repeated row(s) of trials recorded before"), existing.repairs());
        existing.repair();
        assertEquals(results, text("results.csv"));
    }

    @Test
    void aTornHeaderIsCompletedAndAbsentFilesAreEmpty() throws IOException {
        assertEquals(List.of(), ExistingResults.read(dir).rows());
        Files.writeString(dir.resolve("results.csv"), "trial,eta,lam");
        ExistingResults existing = ExistingResults.read(dir);
        assertEquals(List.of("results.csv: completed a half-written header"), existing.repairs());
        existing.repair();
        assertEquals(String.join(",", ResultsRow.COLUMNS) + "\n", text("results.csv"));
        new CsvAppender(dir.resolve("results.csv"), ResultsRow.COLUMNS).close();   // appendable
    }

    @Test
    void damageACrashCannotCauseIsRefusedAndNothingIsChanged() throws IOException {
        threeTrials();
        String results = text("results.csv");
        String[][] cases = {
                {results.replaceFirst("^trial,eta", "trial,learning_rate"), "results.csv: header is trial,learning_rate"},
                {results.replace(",ok,", ",okay,"), "results.csv: line 2: column status: 'okay' is not one of ok, diverged, failed"},
                {results.replace("a,0.01,", "a,zero,"), "results.csv: line 2: column eta: 'zero' is not a number"},
                {results.replace("a,0.01,", "a,0.01,1,"), "results.csv: line 2: " + (ResultsRow.COLUMNS.size() + 1)
                        + " fields, expected " + ResultsRow.COLUMNS.size()},
                {"something else entirely", "results.csv: does not start with the header trial,eta,"},
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("results.csv"), c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExistingResults.read(dir));
            assertTrue(e.getMessage().startsWith(dir.resolve(c[1].substring(0, c[1].indexOf(':'))) + c[1].substring(c[1].indexOf(':'))),
                    e.getMessage());
            assertEquals(c[0], text("results.csv"));
        }
    }

    @Test
    void missingWeightsOfACompletedTrialAreReported() throws IOException {
        threeTrials();
        Files.delete(dir.resolve("weights/a.mat"));
        assertEquals(List.of("weights/a.mat is missing, though trial a is complete in results.csv (deleted by hand?)"),
                ExistingResults.read(dir).warnings());
    }

    @Test
    void appendingToATornOrForeignFileIsRefused() throws IOException {
        threeTrials();
        Files.write(dir.resolve("results.csv"), "d,0.1".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        IllegalArgumentException torn = assertThrows(IllegalArgumentException.class, () -> new ResultsWriter(dir));
        assertTrue(torn.getMessage().contains("results.csv: ends with a half-written line"), torn.getMessage());
        Files.writeString(dir.resolve("curves.csv"), "x,y\n1,2\n");
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> new CsvAppender(dir.resolve("curves.csv"), CurveRows.COLUMNS));
        assertTrue(foreign.getMessage().contains("curves.csv: does not start with the header trial,epoch,"), foreign.getMessage());
    }

    @Test
    void rowsChosenToRunAgainAreDroppedWithTheirCurvesByTheRepair() throws IOException {
        threeTrials();
        String results = text("results.csv");
        String curves = text("curves.csv");
        // A failed row that has curves too (an old row, say): they go with it.
        try (ResultsWriter writer = new ResultsWriter(dir)) {
            writer.record(row("d", 0.03, TrainingStatus.FAILED, "OutOfMemoryError: Java heap space (4 attempts, lack of resources)"),
                    curves(2), null);
        }
        List<List<String>> offered = new ArrayList<>();
        ExistingResults existing = ExistingResults.read(dir, rows -> {
            offered.add(rows.stream().map(ResultsRow::trial).toList());
            return r -> r.status() == TrainingStatus.FAILED;
        });
        assertEquals(List.of(List.of("a", "b", "c", "d")), offered, "the chooser sees every row once");
        assertEquals(List.of("a", "c"), existing.rows().stream().map(ResultsRow::trial).toList());
        assertEquals(List.of("b", "d"), existing.rerunRows().stream().map(ResultsRow::trial).toList());
        assertEquals(List.of("results.csv: dropped 2 row(s) of trial(s) that run again (b, d)",
                "curves.csv: dropped 2 row(s) of trial(s) that run again"), existing.repairs());
        TrainConfig config = new TrainConfig(0.02, 0.1, 100, 2, 42, false, Precision.DOUBLE);
        assertEquals(List.of("b"), existing.missing(List.of(new org.cifarsweep.sweep.TrialSpec("b", config)))
                .stream().map(org.cifarsweep.sweep.TrialSpec::id).toList());
        existing.repair();
        String withoutB = results.lines().filter(l -> !l.startsWith("b,") && !l.startsWith("second line"))
                .map(l -> l + "\n").reduce("", String::concat);
        assertEquals(withoutB, text("results.csv"));
        assertEquals(curves, text("curves.csv"));
        // Repaired, the folder reads back clean: nothing failed is left.
        ExistingResults again = ExistingResults.read(dir, rows -> r -> r.status() == TrainingStatus.FAILED);
        assertEquals(List.of(), again.repairs());
        assertEquals(List.of("a", "c"), again.rows().stream().map(ResultsRow::trial).toList());
    }

    /**
     * Issue 13: a results.csv of 3,000 rows and its curves, as a crash leaves them (failed rows that run again, a
     * repeated row, curves of a run in flight, torn last lines in both files), repaired by streaming. The expected
     * files are built here line by line from what was written, independently of the reader.
     */
    @Test
    void aLargeFolderIsRepairedRowByRowToExactlyItsCompleteRowsOfCompletedRuns() throws IOException {
        int n = 3_000;
        StringBuilder results = new StringBuilder(CsvAppender.format(List.of(ResultsRow.COLUMNS)));
        StringBuilder curves = new StringBuilder(CsvAppender.format(List.of(CurveRows.COLUMNS)));
        StringBuilder expectedResults = new StringBuilder(results);
        StringBuilder expectedCurves = new StringBuilder(curves);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean fails = i % 300 == 17;
            ResultsRow r = row("t" + i, 0.001 * (i + 1), fails ? TrainingStatus.FAILED : TrainingStatus.OK,
                    fails ? "OutOfMemoryError: Java heap space (4 attempts, lack of resources)" : "");
            String line = CsvAppender.format(List.of(r.values()));
            String curveLines = fails ? "" : CsvAppender.format(CurveRows.of(r.trial(), curves(2), epoch -> -1));
            curves.append(curveLines);
            results.append(line);
            if (fails) {
                failed.add(r.trial());
            } else {
                expectedResults.append(line);
                expectedCurves.append(curveLines);
            }
            if (i == 1234) results.append(line);   // a repeated row: kept once
        }
        // A run in flight at the crash: its curves are written, its row is not; then two torn appends.
        curves.append(CsvAppender.format(CurveRows.of("inflight", curves(2), epoch -> -1)));
        curves.append("t9,1,2.0");
        results.append("t9999,0.1,0.");
        Files.writeString(dir.resolve("results.csv"), results);
        Files.writeString(dir.resolve("curves.csv"), curves);

        ExistingResults existing = ExistingResults.read(dir, rows -> r -> r.status() == TrainingStatus.FAILED);
        assertEquals(n - failed.size(), existing.completedCount());
        assertEquals(failed, existing.rerunRows().stream().map(ResultsRow::trial).toList());
        assertEquals(List.of(
                "results.csv: dropped a half-written last line (12 bytes)",
                "results.csv: dropped 1 repeated row(s) of trials recorded before",
                "results.csv: dropped 10 row(s) of trial(s) that run again (t17, t317, t617, t917 and 6 more)",
                "curves.csv: dropped a half-written last line (8 bytes)",
                "curves.csv: dropped 2 row(s) of 1 trial(s) that had not finished (inflight); they run again"),
                existing.repairs());
        List<ResultsRow> before = existing.rows();
        assertEquals(curves(2), existing.curves("t2999"));
        assertEquals(ExistingResults.Recorded.of(before.get(5)), existing.recorded(ExistingResults.key("t5", 42)));

        existing.repair();
        assertEquals(expectedResults.toString(), text("results.csv"));
        assertEquals(expectedCurves.toString(), text("curves.csv"));
        // The same rows and curves stream from the repaired files, and they need no second repair.
        assertEquals(before, existing.rows());
        assertEquals(curves(2), existing.curves("t2999"));
        ExistingResults again = ExistingResults.read(dir, rows -> r -> r.status() == TrainingStatus.FAILED);
        assertEquals(List.of(), again.repairs());
        assertEquals(before, again.rows());
    }
}
