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
import org.cifarsweep.testutil.ReferenceSoftmax;
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

    /**
     * float32 (pixel kernel, normalisation folded into W) against float64 (dgemm), which the hand-computed tests
     * check against plain loops: 100 steps on the sample from the same seeded start. float32 rounds each step at
     * ~sqrt(3072)·6e-8 ≈ 3e-6 of its size; even if every step's error pointed the same way, 100 steps stay below
     * 1e-4 of how far training moved W (measured: 2e-6). A float path that trains differently (a wrong fold, scale
     * or step) is off by O(1) of that distance.
     */
    @Test
    void floatTracksDoubleOnTheSample() {
        Dataset dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
        TrainingOutcome[] outcome = new TrainingOutcome[2];
        for (Precision p : Precision.values()) {
            TrainingData data = TrainingData.of(dataset, Preprocess.SCALE, p);
            outcome[p.ordinal()] = new Trainer().train(config(0.01, 0, 100, 10, false, p), data, EpochListener.NONE);
        }
        ReferenceSoftmax start = ReferenceSoftmax.seededStart(42, 10, 3072, false);
        ReferenceSoftmax d = new ReferenceSoftmax(outcome[0].model().weightRows(), outcome[0].model().biases());
        ReferenceSoftmax f = new ReferenceSoftmax(outcome[1].model().weightRows(), outcome[1].model().biases());
        double moved = d.maxDifference(start);
        assertTrue(moved > 0.1 * TrainConfig.INIT_STD, "training barely moved W: " + moved);
        assertTrue(f.maxDifference(d) < 1e-4 * moved, "float32 W, b differ by " + f.maxDifference(d) + ", W moved " + moved);

        // Every epoch's losses: O(1), float32 agrees to ~1e-8 (measured); 1e-5 is the float score rounding bound.
        for (int e = 0; e < 10; e++) {
            EpochMetrics md = outcome[0].curves().get(e);
            EpochMetrics mf = outcome[1].curves().get(e);
            assertEquals(md.trainLoss(), mf.trainLoss(), 1e-5, "train loss, epoch " + (e + 1));
            assertEquals(md.valLoss(), mf.valLoss(), 1e-5, "validation loss, epoch " + (e + 1));
        }

        // Test predictions: the two models' scores on the 500 test images (features x/255, in double) are within
        // 1e-5 of each other, so only images whose two best float64 scores are within 2e-5 can be classified
        // differently; the test accuracies may differ by those images and no more.
        double[][] xTest = new double[dataset.test().count()][3072];
        for (int i = 0; i < xTest.length; i++) {
            for (int j = 0; j < 3072; j++) xTest[i][j] = dataset.test().pixel(i, j) / 255.0;
        }
        double maxScoreDifference = 0;
        for (double[] x : xTest) {
            double[] sd = d.scores(x);
            double[] sf = f.scores(x);
            for (int k = 0; k < 10; k++) maxScoreDifference = Math.max(maxScoreDifference, Math.abs(sd[k] - sf[k]));
        }
        assertTrue(maxScoreDifference < 1e-5, "test scores differ by " + maxScoreDifference);
        int mayFlip = d.nearTies(xTest, 2e-5);
        assertEquals(outcome[0].testAccuracy(), outcome[1].testAccuracy(), mayFlip / (double) xTest.length + 1e-12,
                "double vs float test accuracy");
        // And the reported float64 test accuracy is that of its W, b (the product's features are x·(1f/255f), 1e-8
        // away from x/255: no test image is that close to a tie).
        assertEquals(0, d.nearTies(xTest, 1e-6));
        assertEquals(d.evaluate(xTest, dataset.test().labels(), 0).accuracy(), outcome[0].testAccuracy(), 0.0);
    }

    /**
     * The full-data counterpart of {@link #floatTracksDoubleOnTheSample}: what it adds is the scale of a real trial
     * (10,000 training images, 1,000 steps, 10,000 test images) and the assignment-level accuracy of float64.
     */
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
