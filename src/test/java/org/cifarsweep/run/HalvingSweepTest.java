package org.cifarsweep.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.results.ExistingResults;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.testutil.LocalSweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Successive halving on local[2], one job per rung, against trials trained in full without Spark. */
class HalvingSweepTest {
    private static final String CONF = """
            name = "halving-test"
            seed = 3
            precision = double
            shuffle = true
            data { preprocess = standardize }
            halving { rungs = [1, 2, 4], reduction = 2 }
            grid { eta = [0.03, 0.01, 0.003, 0.001], lambda = 0.01, n_batch = 100, flip = 0.5 }
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir
    Path tmp;

    @Test
    void survivorsContinueAndTheirLastRungEqualsTheUninterruptedTrial() throws IOException {
        Path conf = Files.writeString(tmp.resolve("h.conf"), CONF);
        Path out = tmp.resolve("out");
        LocalSweep.run(conf, out, "local[2]");
        SweepSpec spec = LocalSweep.spec(conf, out);
        Dataset dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
        List<ResultsRow> rows = ExistingResults.read(out).rows();
        // 4 trials → 2 → 1.
        assertEquals(List.of(4L, 2L, 1L), List.of(0, 1, 2).stream()
                .map(r -> rows.stream().filter(x -> x.rung() == r).count()).toList());
        ResultsRow rung1Best = rows.stream().filter(x -> x.rung() == 0)
                .max((a, b) -> Double.compare(a.valAcc(), b.valAcc())).orElseThrow();
        ResultsRow last = rows.stream().filter(x -> x.rung() == 2).findFirst().orElseThrow();
        assertEquals(4, last.config().nEpochs());
        assertTrue(rows.stream().filter(x -> x.rung() == 1)
                .anyMatch(x -> x.config().eta() == rung1Best.config().eta()), "the best of rung 0 continues");

        // Independent truth: the same trial trained for 4 epochs in one go, without Spark.
        TrialSpec full = spec.trials().stream().filter(t -> t.config().eta() == last.config().eta()).findFirst().orElseThrow();
        TrainingData data = TrainingData.of(dataset, spec.data().preprocess(), spec.precision());
        TrainingOutcome expected = new Trainer().train(full.config(), data, EpochListener.NONE);
        assertEquals(full.id(), last.trial());
        assertEquals(expected.last().trainCost(), last.trainCost(), 0.0);
        assertEquals(expected.last().valAcc(), last.valAcc(), 0.0);
        assertEquals(expected.testAccuracy(), last.testAcc(), 0.0);
        WeightsFile.Weights w = WeightsFile.read(ResultsWriter.weightsFile(out, last.trial()));
        for (int k = 0; k < 10; k++) assertArrayEquals(expected.model().weightRows()[k], w.w()[k], 0.0);
        // Its curves run from epoch 1 to 4 without a restart, each epoch tagged with the rung that trained it.
        List<String> curve = Files.readAllLines(out.resolve("curves.csv")).stream()
                .filter(l -> l.startsWith(last.trial() + ",")).toList();
        assertEquals(4, curve.size());
        assertTrue(curve.get(0).endsWith(",0") && curve.get(1).endsWith(",1") && curve.get(3).endsWith(",2"), curve.toString());
        // Epochs: 4 trials × 1 + 2 × 1 + 1 × 2 = 8, against 4 × 4 = 16 for the full grid.
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.matches("(?s).*\"epochs_spent\"\\s*:\\s*8\\b.*"), provenance);
        assertTrue(provenance.matches("(?s).*\"epochs_full_grid\"\\s*:\\s*16\\b.*"), provenance);
    }
}
