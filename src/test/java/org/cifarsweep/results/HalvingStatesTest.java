package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.testutil.RealData;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingState;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A halving state written in the run's precision (float32: single-precision arrays) and read back continues the run
 * to the same bits as an uninterrupted run: the float32 trainer's W and b are exactly floats, so the narrowing to
 * float and widening back lose nothing.
 */
class HalvingStatesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aStateFileContinuesARunToTheUninterruptedBits(Precision precision) throws IOException {
        Dataset dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
        TrainingData data = TrainingData.of(dataset, Preprocess.STANDARDIZE, precision);
        TrainConfig full = new TrainConfig(0.01, 0.01, 100, 4, 5, true, precision,
                new TrainOptions(LossKind.SOFTMAX, 0.5, Decay.step(0.5, 3)));
        TrainingOutcome straight = new Trainer().train(full, data, EpochListener.NONE);
        TrainingOutcome rung0 = new Trainer().train(full.withEpochs(2), data, EpochListener.NONE);

        double[][] w = rung0.model().weightRows();
        double[] b = rung0.model().biases();
        if (precision == Precision.FLOAT) {
            // The float32 trainer's state is exactly float: widening its narrowed values gives them back.
            for (double[] row : w) for (double v : row) assertEquals(v, (double) (float) v, 0.0);
            for (double v : b) assertEquals(v, (double) (float) v, 0.0);
        }
        ModelWeights weights = ModelWeights.of(w, b, precision);
        assertEquals(precision == Precision.FLOAT, weights.single());
        HalvingStates.write(dir, "run_ep2", weights, rung0.curves());
        assertFalse(Files.exists(dir.resolve("state/run_ep2.mat.tmp")));
        long bytes = Files.size(HalvingStates.file(dir, "run_ep2"));
        long values = 10L * 3073 * (precision == Precision.FLOAT ? 4 : 8);
        // At most the values and a header (MFL compresses, so often less): float32 halves the file.
        assertTrue(bytes < values + 2_000, bytes + " bytes for " + values + " bytes of values");

        TrainingState state = HalvingStates.read(dir, "run_ep2");
        for (int k = 0; k < w.length; k++) assertArrayEquals(w[k], state.w()[k], 0.0);
        assertArrayEquals(b, state.b(), 0.0);
        assertEquals(rung0.curves(), state.curves());

        TrainingOutcome continued = new Trainer().train(full, data, EpochListener.NONE, state);
        double[][] ws = straight.model().weightRows();
        double[][] wc = continued.model().weightRows();
        for (int k = 0; k < ws.length; k++) assertArrayEquals(ws[k], wc[k], 0.0, "row " + k);
        assertArrayEquals(straight.model().biases(), continued.model().biases(), 0.0);
        assertEquals(straight.curves(), continued.curves());
        assertEquals(straight.testAccuracy(), continued.testAccuracy(), 0.0);

        // The weights file of a float32 run is single too, and reads back as the same doubles.
        WeightsFile.write(dir.resolve("weights/run.mat"), weights);
        WeightsFile.Contents read = WeightsFile.read(dir.resolve("weights/run.mat"), List.of());
        assertEquals(precision == Precision.FLOAT, read.single());
        for (int k = 0; k < w.length; k++) assertArrayEquals(w[k], read.weights().w()[k], 0.0);

        HalvingStates.delete(dir, "run_ep2");
        assertNull(HalvingStates.read(dir, "run_ep2"));
        HalvingStates.deleteAll(dir);
        assertFalse(Files.exists(dir.resolve(HalvingStates.DIR)));
    }

}
