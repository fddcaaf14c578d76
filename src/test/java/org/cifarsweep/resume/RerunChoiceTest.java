package org.cifarsweep.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.cifarsweep.model.Precision;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which recorded rows a resume runs again: failed ones; with successive halving, only those of the last rung. */
class RerunChoiceTest {
    @TempDir
    Path tmp;

    static ResultsRow row(String trial, TrainingStatus status, int rung) {
        TrainConfig config = new TrainConfig(0.01, 0, 100, 2, 1, false, Precision.DOUBLE);
        return new ResultsRow(trial, config, "scale", "default", status, 0, 0, 0, 0, 0.1, 0, 0, 1, 1, "h", "0", "", rung);
    }

    static List<String> chosen(SweepSpec spec, List<ResultsRow> rows) {
        Predicate<ResultsRow> again = ResumePlan.rerun(spec).choose(rows);
        return rows.stream().filter(again).map(r -> r.trial() + "@" + r.rung()).toList();
    }

    @Test
    void aPlainSweepRerunsEveryFailedRow() throws IOException {
        SweepSpec spec = SweepSpec.load(Files.writeString(tmp.resolve("plain.conf"),
                "grid { eta = [0.01], lambda = [0], n_batch = [100], n_epochs = [2] }"));
        List<ResultsRow> rows = List.of(row("a", TrainingStatus.OK, -1), row("b", TrainingStatus.FAILED, -1),
                row("c", TrainingStatus.DIVERGED, -1), row("d", TrainingStatus.FAILED, -1));
        assertEquals(List.of("b@-1", "d@-1"), chosen(spec, rows));
    }

    @Test
    void successiveHalvingRerunsOnlyTheFailedRowsOfItsLastRecordedRung() throws IOException {
        SweepSpec spec = SweepSpec.load(Files.writeString(tmp.resolve("halving.conf"), """
                halving { rungs = [1, 2, 4], reduction = 2 }
                grid { eta = [0.01, 0.02], lambda = [0], n_batch = [100] }
                """));
        // Rung 1 was chosen without the run that failed in rung 0: that one stays as it is.
        List<ResultsRow> rows = List.of(row("a", TrainingStatus.FAILED, 0), row("b", TrainingStatus.OK, 0),
                row("b", TrainingStatus.FAILED, 1), row("c", TrainingStatus.DIVERGED, 1));
        assertEquals(List.of("b@1"), chosen(spec, rows));
        // The sweep stopped after rung 0, with a run that failed there: it runs again.
        assertEquals(List.of("a@0"), chosen(spec, rows.subList(0, 2)));
        assertEquals(List.of(), chosen(spec, List.of()));
    }
}
