package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.cifarsweep.results.CurvesColumns;
import org.cifarsweep.results.ResultsColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a sweep with repeats: configurations by mean val_acc, mean ± sd in the table, heatmap, curves. */
class ReportRepeatsTest {
    @TempDir
    Path tmp;

    /** config, eta, lambda, val_acc of repeats 1–3, test_acc of repeats 1–3. */
    static final Object[][] CONFIGS = {
            // A: val 0.21, 0.23, 0.25 (mean 0.23, sd 0.02); test 0.20, 0.22, 0.24 (mean 0.22, sd 0.02).
            {"eta0.1_lam0_b100_ep40", 0.1, 0.0, new double[] {0.21, 0.23, 0.25}, new double[] {0.20, 0.22, 0.24}},
            // B: val 0.35, 0.36, 0.37 (mean 0.36, sd 0.01); test 0.36, 0.37, 0.38 (mean 0.37, sd 0.01).
            {"eta0.01_lam0_b100_ep40", 0.01, 0.0, new double[] {0.35, 0.36, 0.37}, new double[] {0.36, 0.37, 0.38}},
    };
    static final int EPOCHS = 4;

    /** A folder as seed-repeats.conf with repeats = 3 leaves it; each repeat's val curve is final × epoch / 4. */
    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        CSVFormat format = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
        try (Writer out = Files.newBufferedWriter(dir.resolve("results.csv"), StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, format);
             Writer curvesOut = Files.newBufferedWriter(dir.resolve("curves.csv"), StandardCharsets.UTF_8);
             CSVPrinter curves = new CSVPrinter(curvesOut, format)) {
            csv.printRecord(ResultsColumns.ALL);
            curves.printRecord(CurvesColumns.ALL);
            for (Object[] c : CONFIGS) {
                double[] val = (double[]) c[3];
                double[] test = (double[]) c[4];
                for (int k = 1; k <= 3; k++) {
                    String trial = c[0] + (k == 1 ? "" : "_rep" + k);
                    List<Object> row = new ArrayList<>(List.of(trial, c[1], c[2], 100, 40, 1000 + k, "scale", "double",
                            "ok", 0.5, val[k - 1], test[k - 1], 1.9, 1.9, 3.5, 40, 1.8, 1.8, false, "default",
                            "127.0.0.1", "driver", "", "softmax", 0.0, "none", -1, "1", c[0], ""));
                    assertEquals(ResultsColumns.ALL.size(), row.size());
                    csv.printRecord(row);
                    for (int e = 1; e <= EPOCHS; e++) {
                        double acc = val[k - 1] * e / EPOCHS;
                        curves.printRecord(trial, e, 2.0, 2.1, acc, 2.0, 2.1, acc, c[1], -1);
                    }
                }
            }
        }
        ReportFixture.writeProvenance(dir, "seed-repeats", dir.resolve("nowhere"), true);
        return dir;
    }

    /** report.html of {@code out}, built now. */
    private static String page(Path out) throws IOException {
        return Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);
    }

    @Test
    void configurationsAreRankedByMeanValAccWithHandComputedMeanAndSd() throws IOException {
        Path out = write(tmp.resolve("out"));
        ResultsTable results = ResultsTable.read(out.resolve("results.csv"), new ArrayList<>());
        List<Configurations.Config> configs = Configurations.ranked(results.rows());
        assertEquals(List.of("eta0.01_lam0_b100_ep40", "eta0.1_lam0_b100_ep40"),
                configs.stream().map(Configurations.Config::name).toList());
        Configurations.Config b = configs.get(0);
        assertEquals(3, b.ok());
        assertEquals(0.36, b.valMean(), 1e-15);
        assertEquals(0.01, b.valSd(), 1e-15);
        assertEquals(0.37, b.testMean(), 1e-15);
        assertEquals(0.01, b.testSd(), 1e-15);
        assertEquals("36.00% ± 1.00", b.val());
        assertEquals("22.00% ± 2.00", configs.get(1).test());
    }

    @Test
    void theCurvesBandIsTheMeanAndSdOfTheRepeatsAtEachEpoch() {
        // Three repeats at epoch 2: 0.1, 0.2, 0.3 → mean 0.2, sd 0.1; at epoch 1 only two finite: 0.1, 0.3 →
        // mean 0.2, sd √0.02.
        List<List<CurvePoint>> curves = List.of(
                List.of(point(1, 0.1), point(2, 0.1)),
                List.of(point(1, Double.NaN), point(2, 0.2)),
                List.of(point(1, 0.3), point(2, 0.3)));
        List<Configurations.Band> bands = Configurations.valBands(curves);
        assertEquals(2, bands.size());
        assertEquals(1, bands.get(0).epoch());
        assertEquals(2, bands.get(0).n());
        assertEquals(0.2, bands.get(0).mean(), 1e-15);
        assertEquals(Math.sqrt(0.02), bands.get(0).sd(), 1e-15);
        assertEquals(3, bands.get(1).n());
        assertEquals(0.2, bands.get(1).mean(), 1e-15);
        assertEquals(0.1, bands.get(1).sd(), 1e-15);
    }

    private static CurvePoint point(int epoch, double valAcc) {
        return new CurvePoint(epoch, 2, 2, 0.5, 2, 2, valAcc);
    }

    @Test
    void aHeatmapCellIsItsConfigurationsMeanAndSd() throws IOException {
        Path out = write(tmp.resolve("out"));
        List<ReportedTrial> rows = ResultsTable.read(out.resolve("results.csv"), new ArrayList<>()).rows();
        SweepPlots.Cell cell = SweepPlots.Cell.ofConfigurations(rows, 0.1, 0.0);
        assertEquals("23.00% ± 2.00", cell.label());
        assertEquals(0.23, cell.best(), 1e-15);
        assertEquals("—", SweepPlots.Cell.ofConfigurations(rows, 0.5, 0.0).label());
    }

    @Test
    void thePageShowsTheConfigurationsAndTheAssignmentsNumbersBesideOurMeanAndSd() throws IOException {
        Path out = write(tmp.resolve("out"));
        String page = page(out);
        assertTrue(page.contains("<span>best configuration <b>36.00% ± 1.00</b> val_acc (η=0.01, λ=0, batch 100, "
                + "40 epochs, test 37.00% ± 1.00, 3 seeds)</span>"), "the header names the best configuration");
        int configurations = page.indexOf("<section id=\"configurations\">");
        assertTrue(configurations > 0, "a configurations section");
        String table = page.substring(configurations, page.indexOf("</section>", configurations));
        assertTrue(table.indexOf("eta0.01_lam0_b100_ep40") < table.indexOf("eta0.1_lam0_b100_ep40"), "B ranks first");
        assertTrue(table.contains("<td>3/3</td><td>36.00% ± 1.00</td><td>37.00% ± 1.00</td>"), table);
        assertTrue(table.contains("<td>3/3</td><td>23.00% ± 2.00</td><td>22.00% ± 2.00</td>"), table);

        int assignment = page.indexOf("<section id=\"assignment\">");
        assertTrue(assignment > 0, "seed-repeats is set beside the assignment");
        String compare = page.substring(assignment, page.indexOf("</section>", assignment));
        // A: the report's 28.33% beside our repeat 1 (20.00%), our 22.00% ± 2.00, -6.33 points, runs 20.00%–24.00%.
        assertTrue(compare.contains("<td>A</td><td>0.1</td><td>0</td><td>28.33%</td><td>20.00%</td><td><b>22.00% ± 2.00</b></td>"
                + "<td>-6.33 points</td><td>20.00% – 24.00%</td><td>23.00% ± 2.00</td><td>3/3</td>"), compare);
        assertTrue(compare.contains("<td>B</td><td>0.01</td><td>0</td><td>34.73%</td><td>36.00%</td><td><b>37.00% ± 1.00</b></td>"
                + "<td>+2.27 points</td>"), compare);
        assertTrue(compare.contains("<td>C</td><td>0.01</td><td>0.1</td><td>31.88%</td><td colspan=\"7\" class=\"missing\">"),
                compare);
        assertTrue(Files.isRegularFile(out.resolve("plots/sweep/top5-val-acc.png")));
        assertTrue(page.contains("configurations with the best final mean val_acc"), "the top-5 caption names the bands");
        assertTrue(page.contains("each cell the mean ± sd of its configuration"), "the heatmap caption says what a cell is");
    }

    @Test
    void aSweepWithoutRepeatsHasNoConfigurationsSection() throws IOException {
        String page = page(ReportFixture.write(tmp.resolve("plain")));
        assertFalse(page.contains("id=\"configurations\""));
        assertTrue(page.contains("Validation accuracy per epoch of the 5 trials with the best final val_acc."));
    }
}
