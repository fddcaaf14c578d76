package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;

/** A results.csv row read back is the row that was written: what a resume relies on for its table and checks. */
class ResultsRowTest {

    static List<String> written(ResultsRow row) {
        // Through the same CSV formatting as the file, then the resume's own record parser.
        String text = CsvAppender.format(List.of(row.values()));
        return CsvRecords.parse(text).records().get(0).fields();
    }

    @Test
    void everyKindOfRowRoundTrips() {
        List<TrainConfig> configs = List.of(
                new TrainConfig(0.001, 0, 100, 40, -7, false, Precision.DOUBLE),
                new TrainConfig(1e-4, 0.25, 20, 3, Long.MAX_VALUE, true, Precision.FLOAT,
                        new TrainOptions(LossKind.SVM, 0.5, Decay.step(0.5, 10))),
                new TrainConfig(0.1, 1, 500, 12, 3, false, Precision.DOUBLE,
                        new TrainOptions(LossKind.SOFTMAX, 0, Decay.exp(0.95))));
        List<ResultsRow> rows = new ArrayList<>();
        int rung = -1;
        for (TrainConfig c : configs) {
            rows.add(new ResultsRow("t", c, "standardize", "all:1000", TrainingStatus.OK, 1.25, 0.5, 1.5, 1.75, 0.375,
                    2.0, 0.3125, 7, 12.5, "node-1", "3", "", rung++));
        }
        rows.add(new ResultsRow("d", configs.get(0), "scale", "default", TrainingStatus.DIVERGED, Double.NaN, 0.1,
                Double.POSITIVE_INFINITY, Double.NaN, 0.1, Double.NaN, Double.NaN, 1, 0.5, "h", "driver",
                "train cost became Infinity at epoch 2", 2));
        rows.add(new ResultsRow("f", configs.get(0), "scale", "default", TrainingStatus.FAILED, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0.01, "h", "1",
                "IllegalStateException: a \"quoted\", comma'd\nmulti-line message", -1));
        for (ResultsRow row : rows) assertEquals(row, ResultsRow.parse(written(row)));
    }

    @Test
    void aFieldThatDoesNotParseIsNamed() {
        ResultsRow row = new ResultsRow("t", new TrainConfig(0.01, 0, 100, 2, 1, false, Precision.DOUBLE), "scale",
                "default", TrainingStatus.OK, 1, 0.5, 1, 1, 0.5, 1, 0.5, 2, 1, "h", "0", "", -1);
        List<String> fields = new ArrayList<>(written(row));
        fields.set(ResultsRow.COLUMNS.indexOf("n_batch"), "ten");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultsRow.parse(fields));
        assertEquals("column n_batch: 'ten' is not an integer", e.getMessage());
        fields.set(ResultsRow.COLUMNS.indexOf("n_batch"), "0");
        e = assertThrows(IllegalArgumentException.class, () -> ResultsRow.parse(fields));
        assertTrue(e.getMessage().contains("n_batch 0 must be >= 1"), e.getMessage());
    }
}
