package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.results.ResultsColumns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.csv and curves.csv read back as real folders hold them: gaps, NaN, cut-off lines, repeats. */
class ResultsTableTest {
    @TempDir
    Path tmp;

    @Test
    void readsEveryTrialWithNaNForMissingNumbers() throws Exception {
        ReportFixture.write(tmp);
        List<String> notes = new ArrayList<>();
        ResultsTable table = ResultsTable.read(tmp.resolve("results.csv"), notes);
        assertEquals(ReportFixture.TRIALS.size(), table.rows().size());
        assertEquals(List.of(), notes);
        ReportedTrial b = table.rows().get(1);
        assertEquals("eta0.01_lam0_b100_ep40", b.trial());
        assertEquals(0.01, b.eta());
        assertEquals(0.0, b.lambda());
        assertEquals(100, b.nBatch());
        assertEquals(40, b.nEpochs());
        assertEquals(0.3561, b.valAcc());
        assertEquals(0.3673, b.testAcc());
        assertTrue(b.ok());
        ReportedTrial failed = table.rows().get(6);
        assertEquals("failed", failed.status());
        assertTrue(Double.isNaN(failed.valAcc()) && Double.isNaN(failed.testAcc()));
        assertEquals(-1, failed.bestEpoch());
        assertTrue(failed.reason().contains("two\nlines"), "quoted multi-line reason kept whole");
        assertEquals("12345", failed.value("seed"));
    }

    @Test
    void theRankingIsOkTrialsByValAccThenTheOthers() throws Exception {
        ReportFixture.write(tmp);
        List<String> ranked = ResultsTable.read(tmp.resolve("results.csv"), new ArrayList<>()).ranked().stream()
                .map(ReportedTrial::trial).toList();
        assertEquals(List.of("eta0.01_lam0_b100_ep40", "eta0.01_lam0.1_b100_ep40", "eta0.001_lam0_b20_ep40",
                "eta0.1_lam0_b100_ep40", "eta0.01_lam1_b100_ep40", "eta0.5_lam1_b100_ep40", "eta1_lam0_b100_ep40"), ranked);
    }

    @Test
    void aCutOffLastLineAndARepeatedTrialAreNotedNotFatal() throws Exception {
        ReportFixture.write(tmp);
        Path file = tmp.resolve("results.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String first = lines.get(1);
        lines.add(first.replace(",0.2712,", ",0.2999,"));   // trial A again, with another val_acc
        lines.add("eta9_lam0_b100_ep40,9.0,0.0,100");        // a row cut short
        Files.write(file, lines);
        List<String> notes = new ArrayList<>();
        ResultsTable table = ResultsTable.read(file, notes);
        assertEquals(ReportFixture.TRIALS.size(), table.rows().size());
        ReportedTrial a = table.rows().stream().filter(r -> r.trial().equals("eta0.1_lam0_b100_ep40")).findFirst()
                .orElseThrow();
        assertEquals(0.2999, a.valAcc(), "the later row wins");
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("more than once") || notes.get(1).contains("more than once"), notes.toString());
        assertTrue(String.join(" ", notes).contains("4 of " + ResultsColumns.ALL.size() + " fields"), notes.toString());
    }

    @Test
    void theDocumentedFifteenColumnsAreEnough() throws Exception {
        Path file = tmp.resolve("results.csv");
        Files.writeString(file, "trial,eta,lambda,n_batch,n_epochs,seed,preprocess,precision,status,train_acc,val_acc,"
                + "test_acc,train_cost,val_cost,seconds\n"
                + "old,0.01,0,100,40,1,scale,double,ok,0.4,0.35,0.36,1.9,2.0,10\n");
        ResultsTable table = ResultsTable.read(file, new ArrayList<>());
        assertEquals(0.35, table.rows().get(0).valAcc());
        assertEquals(-1, table.rows().get(0).bestEpoch());
        assertEquals("", table.rows().get(0).value("host"));
    }

    @Test
    void aFileWithoutTrialOrStatusIsRefusedInOneLine() throws Exception {
        Path file = tmp.resolve("results.csv");
        Files.writeString(file, "name,score\nx,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultsTable.read(file, new ArrayList<>()));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("'trial'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void curvesComeBackInEpochOrderAndAMissingFileIsANote() throws Exception {
        ReportFixture.write(tmp);
        List<String> notes = new ArrayList<>();
        CurvesTable curves = CurvesTable.read(tmp.resolve("curves.csv"), notes);
        List<CurvePoint> b = curves.of("eta0.01_lam0_b100_ep40");
        assertEquals(ReportFixture.EPOCHS, b.size());
        for (int i = 0; i < b.size(); i++) assertEquals(i + 1, b.get(i).epoch());
        assertEquals(0.3561, b.get(b.size() - 1).valAcc(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, curves.of("eta1_lam0_b100_ep40").get(2).trainLoss());
        assertEquals(List.of(), curves.of("eta0.5_lam1_b100_ep40"));
        assertEquals(List.of(), notes);

        CurvesTable none = CurvesTable.read(tmp.resolve("nothing.csv"), notes);
        assertEquals(List.of(), none.of("eta0.01_lam0_b100_ep40"));
        assertEquals(1, notes.size());
    }
}
