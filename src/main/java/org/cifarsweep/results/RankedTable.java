package org.cifarsweep.results;

import java.util.Comparator;
import java.util.List;
import org.cifarsweep.train.TrainingStatus;

/** The comparison printed at the end of a sweep: ok trials by validation accuracy, best first, then the others. */
public final class RankedTable {

    private RankedTable() { }

    public static List<ResultsRow> rank(List<ResultsRow> rows) {
        return rows.stream()
                .sorted(Comparator.comparing((ResultsRow r) -> r.status() != TrainingStatus.OK)
                        .thenComparing(Comparator.comparingDouble(ResultsRow::valAcc).reversed())
                        .thenComparing(ResultsRow::trial))
                .toList();
    }

    /** {@code "N trials: a ok, b diverged, c failed"}, the sweep's last line. */
    public static String summary(List<ResultsRow> rows) {
        long ok = rows.stream().filter(r -> r.status() == TrainingStatus.OK).count();
        long diverged = rows.stream().filter(r -> r.status() == TrainingStatus.DIVERGED).count();
        long failed = rows.stream().filter(r -> r.status() == TrainingStatus.FAILED).count();
        return String.format("%d trials: %d ok, %d diverged, %d failed", rows.size(), ok, diverged, failed);
    }

    public static String format(List<ResultsRow> rows) {
        StringBuilder table = new StringBuilder(String.format("%4s  %-10s %-8s %7s %8s  %-8s %9s %9s %9s %5s %8s%n",
                "rank", "eta", "lambda", "n_batch", "n_epochs", "status", "train_acc", "val_acc", "test_acc", "best", "seconds"));
        int rank = 0;
        for (ResultsRow r : rank(rows)) {
            table.append(String.format("%4d  %-10s %-8s %7d %8d  %-8s %9.4f %9.4f %9.4f %5d %8.1f%n", ++rank,
                    r.config().eta(), r.config().lambda(), r.config().nBatch(), r.config().nEpochs(), r.status(),
                    r.trainAcc(), r.valAcc(), r.testAcc(), r.bestEpoch(), r.seconds()));
        }
        return table.toString();
    }
}
