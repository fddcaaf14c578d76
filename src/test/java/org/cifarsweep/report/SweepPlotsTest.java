package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's pictures from the fixture folder: which ones, their sizes, and that the heatmap's colours mean something. */
class SweepPlotsTest {
    @TempDir
    Path tmp;

    private Map<String, Figure> figures() throws Exception {
        ReportFixture.write(tmp);
        List<String> notes = new ArrayList<>();
        ResultsTable results = ResultsTable.read(tmp.resolve("results.csv"), notes);
        CurvesTable curves = CurvesTable.read(tmp.resolve("curves.csv"), notes);
        return SweepPlots.render(results, curves).stream()
                .collect(Collectors.toMap(f -> f.png().name(), f -> f, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void oneHeatmapPerBatchSizeThenTheTopCurvesAndTheScatter() throws Exception {
        Map<String, Figure> figures = figures();
        assertEquals(List.of("heatmap-val-acc-b20-ep40.png", "heatmap-val-acc-b100-ep40.png", "top5-val-acc.png",
                "val-vs-test.png"), List.copyOf(figures.keySet()));
        for (Figure f : figures.values()) {
            PngAssertions.assertPng(f.png());
            assertTrue(f.png().width() >= 500 && f.png().height() >= 350, f.png().name() + " big enough to read");
            assertTrue(!f.caption().isBlank());
        }
        assertEquals(SweepPlots.CURVES_WIDTH, figures.get("top5-val-acc.png").png().width());
        assertEquals(SweepPlots.CURVES_HEIGHT, figures.get("top5-val-acc.png").png().height());
    }

    @Test
    void theHeatmapColoursTheBestAndWorstTrialsAtTheEndsOfOneSharedScale() throws Exception {
        Map<String, Figure> figures = figures();
        BufferedImage b100 = PngAssertions.assertPng(figures.get("heatmap-val-acc-b100-ep40.png").png());
        BufferedImage b20 = PngAssertions.assertPng(figures.get("heatmap-val-acc-b20-ep40.png").png());
        Color top = new Color(0xfde725);      // viridis' end: the sweep's best val_acc (0.3561, batch 100)
        Color bottom = new Color(0x440154);   // viridis' start: the sweep's worst (0.2690, batch 100)
        // A cell is at least 100×60 px; the legend strip alone has far fewer pixels of one exact colour.
        assertTrue(PngAssertions.count(b100, top) > 3000, "best cell in the batch-100 heatmap");
        assertTrue(PngAssertions.count(b100, bottom) > 3000, "worst cell in the batch-100 heatmap");
        assertTrue(PngAssertions.count(b100, AccuracyScale.NO_NUMBER) > 3000, "diverged and failed cells are grey");
        // The batch-20 heatmap has one mid-scale trial: neither end colour fills a cell there.
        assertTrue(PngAssertions.count(b20, top) < 1000, "no best cell in the batch-20 heatmap");
        assertTrue(PngAssertions.count(b20, bottom) < 1000, "no worst cell in the batch-20 heatmap");
    }

    @Test
    void aSweepWithNoOkTrialStillGetsItsHeatmap() throws Exception {
        ReportedTrial failed = failed("a", 0.1);
        ReportedTrial diverged = new ReportedTrial("b", 1, 0, 100, 40, "diverged", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 3, -1, "cost became NaN", Map.of());
        List<Figure> figures = SweepPlots.render(new ResultsTable(List.of("trial", "status"), List.of(failed, diverged)),
                CurvesTable.empty());
        assertEquals(List.of("heatmap-val-acc-b100-ep40.png"), figures.stream().map(f -> f.png().name()).toList());
        BufferedImage heatmap = PngAssertions.assertPng(figures.get(0).png());
        assertTrue(PngAssertions.count(heatmap, AccuracyScale.NO_NUMBER) > 3000, "grey cells");
    }

    @Test
    void aSingleTrialHasNothingToCompare() {
        assertEquals(List.of(), SweepPlots.render(new ResultsTable(List.of("trial", "status"), List.of(failed("a", 0.1))),
                CurvesTable.empty()));
    }

    private static ReportedTrial failed(String trial, double eta) {
        return new ReportedTrial(trial, eta, 0, 100, 40, "failed", Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, "boom", Map.of());
    }
}
