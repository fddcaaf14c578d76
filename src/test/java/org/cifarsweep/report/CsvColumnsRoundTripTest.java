package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.CurvesColumns;
import org.cifarsweep.results.ResultsColumns;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer and the report's reader agree through the one definition of the columns: a trial written by
 * {@link ResultsWriter} comes back from {@link ResultsTable} and {@link CurvesTable} with every number in its place,
 * and the headers are the files' documented formats, unchanged.
 */
class CsvColumnsRoundTripTest {
    /** results.csv's header as the files have always had it: the format must not change. */
    private static final String RESULTS_HEADER = "trial,eta,lambda,n_batch,n_epochs,seed,preprocess,precision,status,"
            + "train_acc,val_acc,test_acc,train_cost,val_cost,seconds,best_epoch,train_loss,val_loss,shuffle,split,"
            + "host,executor,reason,loss,flip,decay,rung,pack,config,bracket";
    private static final String CURVES_HEADER = "trial,epoch,train_loss,train_cost,train_acc,val_loss,val_cost,val_acc,"
            + "eta,rung";

    @TempDir
    Path tmp;

    @Test
    void theHeadersAreTheDefinedColumnsInTheirDocumentedOrder() {
        assertEquals(RESULTS_HEADER, String.join(",", ResultsColumns.ALL));
        assertEquals(CURVES_HEADER, String.join(",", CurvesColumns.ALL));
        assertEquals(ResultsColumns.ALL, ResultsRow.COLUMNS);
        assertEquals(CurvesColumns.ALL, org.cifarsweep.results.CurveRows.COLUMNS);
    }

    @Test
    void aWrittenTrialIsReadBackByTheReportWithEveryValueUnderItsColumn() throws Exception {
        // Every number distinct, so that two columns swapped anywhere between writer and reader show.
        TrainConfig config = new TrainConfig(0.0125, 0.25, 50, 3, 4242, true, Precision.FLOAT,
                new TrainOptions(LossKind.SVM, 0.5, Decay.step(0.5, 10)));
        ResultsRow row = new ResultsRow("eta0.0125_lam0.25_b50_ep3_shuf_svm_rep3", config, "standardize", "all:1000",
                TrainingStatus.OK, 1.11, 0.22, 1.33, 1.44, 0.55, 1.66, 0.77, 2, 8.5, "node-1", "3", "", 1, "12", 2);
        List<EpochMetrics> curves = List.of(
                new EpochMetrics(1, 2.1, 2.2, 0.13, 2.4, 2.5, 0.16, 0.0125),
                new EpochMetrics(2, 1.7, 1.8, 0.19, 1.91, 1.92, 0.193, 0.00625),
                new EpochMetrics(3, 1.11, 1.33, 0.22, 1.44, 1.66, 0.55, 0.003125));
        try (ResultsWriter writer = new ResultsWriter(tmp)) {
            writer.record(row, curves, null);
        }
        List<String> resultsLines = Files.readAllLines(tmp.resolve(ResultsWriter.RESULTS), StandardCharsets.UTF_8);
        List<String> curvesLines = Files.readAllLines(tmp.resolve(ResultsWriter.CURVES), StandardCharsets.UTF_8);
        assertEquals(RESULTS_HEADER, resultsLines.get(0));
        assertEquals(CURVES_HEADER, curvesLines.get(0));

        List<String> notes = new ArrayList<>();
        ResultsTable table = ResultsTable.read(tmp.resolve(ResultsWriter.RESULTS), notes);
        assertEquals(List.of(), notes);
        assertEquals(ResultsColumns.ALL, table.columns());
        ReportedTrial read = table.rows().get(0);
        assertEquals(row.trial(), read.trial());
        assertEquals(config.eta(), read.eta());
        assertEquals(config.lambda(), read.lambda());
        assertEquals(config.nBatch(), read.nBatch());
        assertEquals(config.nEpochs(), read.nEpochs());
        assertEquals("ok", read.status());
        assertEquals(row.trainAcc(), read.trainAcc());
        assertEquals(row.valAcc(), read.valAcc());
        assertEquals(row.testAcc(), read.testAcc());
        assertEquals(row.trainCost(), read.trainCost());
        assertEquals(row.valCost(), read.valCost());
        assertEquals(row.trainLoss(), read.trainLoss());
        assertEquals(row.valLoss(), read.valLoss());
        assertEquals(row.seconds(), read.seconds());
        assertEquals(row.bestEpoch(), read.bestEpoch());
        // The columns the report keeps as text, each under its own name.
        Map<String, String> expected = Map.ofEntries(
                Map.entry(ResultsColumns.SEED, "4242"), Map.entry(ResultsColumns.PREPROCESS, "standardize"),
                Map.entry(ResultsColumns.PRECISION, "float"), Map.entry(ResultsColumns.SHUFFLE, "true"),
                Map.entry(ResultsColumns.SPLIT, "all:1000"), Map.entry(ResultsColumns.HOST, "node-1"),
                Map.entry(ResultsColumns.EXECUTOR, "3"), Map.entry(ResultsColumns.REASON, ""),
                Map.entry(ResultsColumns.LOSS, "svm"), Map.entry(ResultsColumns.FLIP, "0.5"),
                Map.entry(ResultsColumns.DECAY, "step0.5x10"), Map.entry(ResultsColumns.RUNG, "1"),
                Map.entry(ResultsColumns.CONFIG, "eta0.0125_lam0.25_b50_ep3_shuf_svm"),
                Map.entry(ResultsColumns.BRACKET, "2"));
        expected.forEach((column, value) -> assertEquals(value, read.value(column), column));
        assertEquals(ResultsColumns.ALL, List.copyOf(read.values().keySet()));

        CurvesTable readCurves = CurvesTable.read(tmp.resolve(ResultsWriter.CURVES), notes);
        assertEquals(List.of(), notes);
        List<CurvePoint> points = readCurves.of(row.trial());
        assertEquals(curves.size(), points.size());
        for (int i = 0; i < curves.size(); i++) {
            EpochMetrics m = curves.get(i);
            assertEquals(new CurvePoint(m.epoch(), m.trainLoss(), m.trainCost(), m.trainAcc(), m.valLoss(), m.valCost(),
                    m.valAcc()), points.get(i), "epoch " + m.epoch());
        }
    }
}
