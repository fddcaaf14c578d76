package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.model.SoftmaxCrossEntropy;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;

class TrainerTest {

    private static TrainConfig config(double eta, double lambda, int batch, int epochs, boolean shuffle, Precision p) {
        return new TrainConfig(eta, lambda, batch, epochs, 42, shuffle, p);
    }

    private static TrainingData sample(Precision precision) {
        Dataset dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
        return TrainingData.of(dataset, Preprocess.STANDARDIZE, precision);
    }

    @Test
    void oneFullBatchEpochIsOneGradientStepFromTheSeededStart() {
        // Independent re-derivation: draw W, b as documented, take one step by hand, compare.
        TrainingData data = sample(Precision.DOUBLE);
        TrainConfig c = config(0.05, 0.1, data.train().count(), 1, false, Precision.DOUBLE);
        TrainingOutcome outcome = new Trainer().train(c, data, EpochListener.NONE);

        SplittableRandom root = new SplittableRandom(42);
        LinearModel manual = LinearModel.create(Precision.DOUBLE, 10, 3072);
        manual.initGaussian(new Random(root.nextLong()), TrainConfig.INIT_STD);
        int n = data.train().count();
        double[] g = new double[10 * n];
        manual.scores(data.train(), 0, n, g);
        SoftmaxCrossEntropy.INSTANCE.evaluate(g, data.train().labels(), 0, n, 10, g);
        manual.gradient(data.train(), 0, n, g, 0.1);
        manual.step(0.05);

        for (int k = 0; k < 10; k++) {
            assertArrayEquals(manual.weightRows()[k], outcome.model().weightRows()[k], 1e-12);
        }
        Evaluation val = Evaluation.of(manual, data.validation(), SoftmaxCrossEntropy.INSTANCE, 0.1);
        assertEquals(val.cost(), outcome.curves().get(0).valCost(), 1e-12);
        assertEquals(val.accuracy(), outcome.curves().get(0).valAcc(), 0.0);
    }

    @Test
    void aFixedSeedGivesIdenticalCurvesTwice() {
        TrainingData data = sample(Precision.FLOAT);
        for (boolean shuffle : new boolean[] {false, true}) {
            TrainConfig c = config(0.01, 0.01, 50, 4, shuffle, Precision.FLOAT);
            TrainingOutcome a = new Trainer().train(c, data, EpochListener.NONE);
            TrainingOutcome b = new Trainer().train(c, data, EpochListener.NONE);
            assertEquals(a.curves(), b.curves());
            assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
        }
    }

    @Test
    void shufflingChangesTheRunAndOtherSeedsToo() {
        TrainingData data = sample(Precision.FLOAT);
        TrainingOutcome ordered = new Trainer().train(config(0.01, 0, 50, 2, false, Precision.FLOAT), data, EpochListener.NONE);
        TrainingOutcome shuffled = new Trainer().train(config(0.01, 0, 50, 2, true, Precision.FLOAT), data, EpochListener.NONE);
        assertNotEquals(ordered.curves(), shuffled.curves());
        TrainingOutcome otherSeed = new Trainer().train(new TrainConfig(0.01, 0, 50, 2, 43, true, Precision.FLOAT),
                data, EpochListener.NONE);
        assertNotEquals(shuffled.curves(), otherSeed.curves());
    }

    @Test
    void shuffleIsAPermutationFixedByTheSeed() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] b = a.clone();
        Trainer.shuffle(a, new SplittableRandom(5));
        Trainer.shuffle(b, new SplittableRandom(5));
        assertArrayEquals(a, b);
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    }

    @Test
    void learnsALinearlySeparableProblem() {
        // Two Gaussian blobs in 5 dimensions: any working trainer separates them almost perfectly.
        Random rng = new Random(3);
        int n = 400;
        double[] x = new double[5 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 5; j++) x[j + 5 * i] = rng.nextGaussian() + (y[i] == 0 ? -1.5 : 1.5);
        }
        FeatureMatrix m = FeatureMatrix.ofDoubles(x, y, 5);
        TrainingData data = new TrainingData(m, m, m, 2);
        TrainingOutcome outcome = new Trainer().train(config(0.1, 0, 20, 10, true, Precision.DOUBLE), data, EpochListener.NONE);
        List<EpochMetrics> curves = outcome.curves();
        assertTrue(curves.get(curves.size() - 1).trainLoss() < curves.get(0).trainLoss() / 2, curves.toString());
        assertTrue(outcome.testAccuracy() > 0.98, "accuracy " + outcome.testAccuracy());
        assertEquals(TrainingStatus.OK, outcome.status());
    }

    @Test
    void aHugeStepDivergesAndSaysWhen() {
        TrainingData data = sample(Precision.DOUBLE);
        // With 2ηλ = 20 every step multiplies W by about −19: ‖W‖² overflows after some 120 steps (12 epochs).
        TrainingOutcome outcome = new Trainer().train(config(10, 1, 100, 40, false, Precision.DOUBLE), data, EpochListener.NONE);
        assertEquals(TrainingStatus.DIVERGED, outcome.status());
        int epoch = outcome.curves().size();
        assertTrue(epoch > 1 && epoch < 40, "stopped at epoch " + epoch);
        assertTrue(Double.isFinite(outcome.curves().get(epoch - 2).trainCost()));
        assertTrue(outcome.reason().endsWith("at epoch " + epoch), outcome.reason());
        assertTrue(Double.isNaN(outcome.testAccuracy()));
    }

    @Test
    void floatStaysWithinAThirdOfAPointOfDoubleOnRealData() {
        Dataset dataset = CifarLoader.load(RealData.dir(), new Split(Split.Kind.DEFAULT, 0));
        double[] accuracy = new double[2];
        for (Precision p : Precision.values()) {
            TrainingData data = TrainingData.of(dataset, Preprocess.SCALE, p);
            accuracy[p.ordinal()] = new Trainer().train(config(0.01, 0, 100, 10, false, p), data, EpochListener.NONE)
                    .testAccuracy();
        }
        assertTrue(accuracy[0] > 0.3, "double accuracy " + accuracy[0]);
        assertEquals(accuracy[0], accuracy[1], 0.003, "double vs float test accuracy");
    }

    @Test
    void rejectsBadConfigurationsNamingTheValue() {
        assertEquals("eta -1.0 must be > 0 and finite",
                assertThrows(IllegalArgumentException.class, () -> config(-1, 0, 10, 1, false, Precision.DOUBLE)).getMessage());
        assertEquals("lambda -0.5 must be >= 0 and finite",
                assertThrows(IllegalArgumentException.class, () -> config(0.1, -0.5, 10, 1, false, Precision.DOUBLE)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> config(0.1, 0, 0, 1, false, Precision.DOUBLE));
        assertThrows(IllegalArgumentException.class, () -> config(0.1, 0, 10, 0, false, Precision.DOUBLE));
        assertThrows(IllegalArgumentException.class, () -> config(Double.NaN, 0, 10, 1, false, Precision.DOUBLE));
        TrainingData data = sample(Precision.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(config(0.1, 0, 5000, 1, false, Precision.DOUBLE), data, EpochListener.NONE));
        assertEquals("n_batch 5000 must be <= the training size 1000", e.getMessage());
    }
}
