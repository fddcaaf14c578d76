package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cifarsweep.results.ResultsColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shape of a search as the report reads it, and the plots it picks by it. */
class SearchSpaceTest {
    @TempDir
    Path tmp;

    /** An ok trial with these parameters and val_acc; the other columns as a sweep writes them. */
    static ReportedTrial trial(String name, double eta, double lambda, int batch, String loss, double valAcc, int rung) {
        Map<String, String> values = new HashMap<>();
        values.put(ResultsColumns.LOSS, loss);
        values.put(ResultsColumns.FLIP, "0.0");
        values.put(ResultsColumns.DECAY, "none");
        values.put(ResultsColumns.SHUFFLE, "false");
        values.put(ResultsColumns.RUNG, String.valueOf(rung));
        return new ReportedTrial(name, eta, lambda, batch, 40, "ok", valAcc + 0.1, valAcc, valAcc, 1.9, 1.9, 1.8, 1.8,
                3, 39, "", values);
    }

    /** A full grid: η {0.1, 0.01, 0.001} × λ {0, 0.1} × batch {20, 100}, val_acc by η alone. */
    static List<ReportedTrial> grid() {
        List<ReportedTrial> rows = new ArrayList<>();
        double[] etas = {0.1, 0.01, 0.001};
        double[] byEta = {0.25, 0.38, 0.31};
        for (int e = 0; e < 3; e++) {
            for (double lambda : new double[] {0, 0.1}) {
                for (int batch : new int[] {20, 100}) {
                    rows.add(trial("t" + rows.size(), etas[e], lambda, batch, "softmax", byEta[e], -1));
                }
            }
        }
        return rows;
    }

    @Test
    void theParametersThatVaryTheirLevelsAndAxes() {
        SearchSpace space = SearchSpace.of(grid(), Set.of());
        assertEquals(List.of("eta", "lambda", "n_batch"), space.varying().stream().map(SearchSpace.Parameter::column).toList());
        SearchSpace.Parameter eta = space.parameter("eta");
        assertEquals(List.of(0.001, 0.01, 0.1), eta.numbers());
        assertTrue(eta.few());
        assertFalse(eta.log(), "two decades exactly: linear");
        assertFalse(space.parameter("lambda").log(), "λ has a 0: no log axis");
        assertTrue(space.fullGrid());
        // The conf's loguniform gives a log axis whatever the span.
        assertTrue(SearchSpace.of(grid(), Set.of("eta")).parameter("eta").log());
        // Three decades: a log axis without being told.
        List<ReportedTrial> wide = new ArrayList<>(grid());
        wide.add(trial("wide", 0.0001, 0, 20, "softmax", 0.2, -1));
        assertTrue(SearchSpace.of(wide, Set.of()).parameter("eta").log());
        assertFalse(SearchSpace.of(wide, Set.of()).fullGrid(), "η 0.0001 with one λ and batch only: holes");
    }

    @Test
    void aGridWithAHoleOrManyLevelsIsNotAFullGrid() {
        List<ReportedTrial> holed = new ArrayList<>(grid());
        holed.remove(3);
        assertFalse(SearchSpace.of(holed, Set.of()).fullGrid());
        List<ReportedTrial> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) many.add(trial("r" + i, 0.001 * (1 + i), 0.1, 100, "softmax", 0.3, -1));
        SearchSpace space = SearchSpace.of(many, Set.of());
        assertFalse(space.parameter("eta").few());
        assertFalse(space.fullGrid());
    }

    @Test
    void halvingComparesConfigurationsOnItsFirstRung() {
        List<ReportedTrial> rows = new ArrayList<>();
        for (int i = 0; i < 9; i++) rows.add(trial("a" + i, 0.01 * (i % 3 + 1), 0.1 * (i / 3), 100, "softmax", 0.3, 0));
        for (int i = 0; i < 3; i++) rows.add(trial("b" + i, 0.01 * (i + 1), 0, 100, "softmax", 0.35, 1));
        assertEquals(9, SearchSpace.firstRung(rows).size());
        assertTrue(SearchSpace.halving(rows));
        assertFalse(SearchSpace.halving(grid()));
        assertEquals(12, SearchSpace.firstRung(grid()).size());
    }

    @Test
    void aGridOfFewLevelsKeepsItsHeatmapsAndGetsExactImportance() throws Exception {
        ResultsTable results = new ResultsTable(List.of("trial", "status"), grid());
        List<String> files = SweepPlots.render(results, CurvesTable.empty(), Set.of(), 50, new ArrayList<>()).stream()
                .map(f -> f.png().name()).toList();
        assertEquals(List.of("heatmap-val-acc-b20-ep40.png", "heatmap-val-acc-b100-ep40.png", "val-vs-test.png",
                SearchPlots.PARALLEL, SearchPlots.IMPORTANCE, SearchPlots.DISTRIBUTION), files);
        SearchPlots.Trials trials = SearchPlots.Trials.of(results);
        Importance.Result importance = SearchPlots.importance(SearchSpace.of(trials.ok(), Set.of()), trials);
        assertEquals(Importance.Method.EXACT_GRID, importance.method());
        assertEquals(1, importance.shares()[0], 1e-12);
        assertEquals(0, importance.shares()[1], 1e-12);
    }

    @Test
    void aContinuousSearchGetsScattersAndTheForest() throws Exception {
        SyntheticSweep.write(tmp, 300, 3, 0, 5);
        List<String> notes = new ArrayList<>();
        ResultsTable results = ResultsTable.read(tmp.resolve("results.csv"), notes);
        Set<String> logUniform = ReportedProvenance.read(tmp.resolve("provenance.json"), notes).logUniform();
        assertEquals(Set.of("eta", "lambda"), logUniform);
        List<Figure> figures = SweepPlots.render(results, CurvesTable.empty(), logUniform, 50, notes);
        assertEquals(List.of(SearchPlots.ETA_LAMBDA, SearchPlots.BY_PARAMETER, "val-vs-test.png", SearchPlots.PARALLEL,
                SearchPlots.IMPORTANCE, SearchPlots.DISTRIBUTION), figures.stream().map(f -> f.png().name()).toList());
        assertEquals(List.of(), notes);
        for (Figure f : figures) PngAssertions.assertPng(f.png());
        SearchPlots.Trials trials = SearchPlots.Trials.of(results);
        assertTrue(trials.leftOut() > 0, "diverged and failed trials are left out");
        String caption = figures.stream().filter(f -> f.png().name().equals(SearchPlots.IMPORTANCE)).findFirst()
                .orElseThrow().caption();
        assertTrue(caption.contains("random-forest surrogate") && caption.contains(trials.leftOut() + " trials without "
                + "a validation accuracy (diverged or failed) left out"), caption);
        // η and λ drive the synthetic val_acc; the batch size does nothing.
        Importance.Result importance = SearchPlots.importance(SearchSpace.of(trials.ok(), logUniform), trials);
        assertEquals(Importance.Method.FOREST, importance.method());
        assertTrue(importance.shares()[0] > 0.3 && importance.shares()[1] > 0.2 && importance.shares()[2] < 0.05,
                java.util.Arrays.toString(importance.shares()));
    }

    @Test
    void sparseSamplesKeepTheBestAndSpreadTheRest() {
        List<ReportedTrial> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) rows.add(trial("s" + i, 0.01, 0, 100, "softmax", 0.4 - i * 1e-5, -1));
        List<ReportedTrial> sample = SearchPlots.sample(rows, 2000);
        assertEquals(2000, sample.size());
        assertEquals(rows.subList(0, SearchPlots.KEEP_BEST), sample.subList(0, SearchPlots.KEEP_BEST));
        assertEquals(2000, sample.stream().distinct().count());
        assertTrue(sample.get(1999).valAcc() < 0.31, "reaches the worst end");
        assertEquals(rows.subList(0, 5), SearchPlots.sample(rows.subList(0, 5), 2000));
    }
}
