package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.cifarsweep.testutil.ReferenceSoftmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mini-batch gradient descent on tiny synthetic sets, against {@link ReferenceSoftmax}: plain loops written in the
 * test code, which take the batches in a known order from the documented seeded start. Each test also shows that
 * the alternatives (the other batch order, a shuffled order, a wrongly averaged or dropped last batch) give a
 * clearly different answer, so the agreement proves which batches the trainer took.
 *
 * <p>float64 runs on hand-made 3-feature vectors (dgemm); float32 on 3,072-pixel images (the pixel kernel, with the
 * normalisation folded into W), with the same arithmetic in double in the reference.
 */
class HandComputedTrainingTest {
    private static final long SEED = 7;
    private static final int CLASSES = 3;
    /** float64: dgemm sums in another order than the reference; the values are O(1), so 1e-12 is ~1e4 ulps. */
    private static final double DOUBLE_TOLERANCE = 1e-12;
    /**
     * float32, relative to the largest |W|, |b|: W and b are stored in float (rounding 6e-8 relative) and every
     * score and gradient entry is a float sum of 3,072 products (rounding ~sqrt(3072)·6e-8 ≈ 3e-6 relative of the
     * step, which is itself small next to W). 1e-5 leaves a margin over both and stays far below the effect of a
     * different batch order, which each test checks.
     */
    private static final double FLOAT_TOLERANCE = 1e-5;

    /** A training set, its images as feature rows for the reference, and the run's η and λ. */
    private record Setup(TrainingData data, double[][] x, int[] y, double[][] xVal, int[] yVal, double[][] xTest,
                         int[] yTest, double eta, double lambda, double tolerance) {
        TrainConfig config(int batch, int epochs, boolean shuffle) {
            return new TrainConfig(eta, lambda, batch, epochs, SEED, shuffle, data.precision());
        }

        ReferenceSoftmax start() {
            return ReferenceSoftmax.seededStart(SEED, CLASSES, x[0].length, data.precision() == Precision.FLOAT);
        }

        /** The reference trained on the batches {@code epochs[e][t]} (image indices) in that order. */
        ReferenceSoftmax reference(int[][][] epochs) {
            ReferenceSoftmax model = start();
            for (int[][] epoch : epochs) {
                for (int[] batch : epoch) model.step(x, y, batch, eta, lambda);
            }
            return model;
        }

        double tolerance(ReferenceSoftmax expected) {
            return data.precision() == Precision.DOUBLE ? tolerance : tolerance * expected.maxMagnitude();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Data

    /** Hand-made 3-feature vectors: 4 or 5 training images, 3 validation and 3 test images, classes 0..2. */
    private static Setup doubles(int n) {
        double[][] all = {
                {1, 0, 2}, {0, 1, -1}, {2, 1, 0}, {-1, 2, 1}, {0.5, -1, 1.5},   // training
                {1, 1, 1}, {-1, 0, 2}, {2, -1, 0},                             // validation
                {0, 2, 1}, {1, -2, 0}, {-1, 1, -1}};                            // test
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 1, 2, 0};
        double[][] x = Arrays.copyOfRange(all, 0, n);
        int[] y = Arrays.copyOfRange(labels, 0, n);
        double[][] xVal = Arrays.copyOfRange(all, 5, 8);
        int[] yVal = Arrays.copyOfRange(labels, 5, 8);
        double[][] xTest = Arrays.copyOfRange(all, 8, 11);
        int[] yTest = Arrays.copyOfRange(labels, 8, 11);
        TrainingData data = new TrainingData(doubleMatrix(x, y), doubleMatrix(xVal, yVal), doubleMatrix(xTest, yTest),
                CLASSES);
        // η = 0.5 moves the scores by O(1) per step, so the second step's gradient depends on the first.
        return new Setup(data, x, y, xVal, yVal, xTest, yTest, 0.5, 0.1, DOUBLE_TOLERANCE);
    }

    /** As {@link #doubles(int)} with 4 training images, and 2,003 random validation and test vectors. */
    private static Setup doublesWithLargeEvaluation(int evaluated) {
        Setup small = doubles(4);
        Random rng = new Random(13);
        double[][][] x = new double[2][evaluated][3];
        int[][] y = new int[2][evaluated];
        for (int set = 0; set < 2; set++) {
            for (int i = 0; i < evaluated; i++) {
                for (int j = 0; j < 3; j++) x[set][i][j] = rng.nextGaussian();
                y[set][i] = rng.nextInt(CLASSES);
            }
        }
        TrainingData data = new TrainingData(small.data().train(), doubleMatrix(x[0], y[0]), doubleMatrix(x[1], y[1]),
                CLASSES);
        return new Setup(data, small.x(), small.y(), x[0], y[0], x[1], y[1], small.eta(), small.lambda(),
                DOUBLE_TOLERANCE);
    }

    private static FeatureMatrix doubleMatrix(double[][] x, int[] y) {
        int dim = x[0].length;
        double[] values = new double[dim * x.length];
        for (int i = 0; i < x.length; i++) System.arraycopy(x[i], 0, values, i * dim, dim);
        return FeatureMatrix.ofDoubles(values, y.clone(), dim);
    }

    /**
     * Random 3,072-pixel images (n training, 3 validation, 3 test) with a normalisation chosen here (not fitted):
     * feature j = (pixel − mean[j]) · invStd[j], so the reference's features are known independently of the fit.
     */
    private static Setup pixels(int n) {
        return pixels(n, 3);
    }

    /** As {@link #pixels(int)}, with {@code evaluated} validation and test images. */
    private static Setup pixels(int n, int evaluated) {
        Random rng = new Random(11);
        float[] mean = new float[Images.PIXELS];
        float[] invStd = new float[Images.PIXELS];
        for (int j = 0; j < Images.PIXELS; j++) {
            mean[j] = 64 + (j * 37) % 128 + 0.25f;
            invStd[j] = 1f / (30 + j % 41);
        }
        Normalization normalization = new Normalization(Preprocess.STANDARDIZE, mean, invStd);
        Images train = randomImages(rng, n);
        Images validation = randomImages(rng, evaluated);
        Images test = randomImages(rng, evaluated);
        TrainingData data = new TrainingData(FeatureMatrix.of(Precision.FLOAT, normalization, train),
                FeatureMatrix.of(Precision.FLOAT, normalization, validation),
                FeatureMatrix.of(Precision.FLOAT, normalization, test), CLASSES);
        assertTrue(data.train().isPixels());
        // Features are O(1) over 3,072 dimensions: η = 2e-4 moves the scores by O(1) per step.
        return new Setup(data, features(train, mean, invStd), train.labels(), features(validation, mean, invStd),
                validation.labels(), features(test, mean, invStd), test.labels(), 2e-4, 0.1, FLOAT_TOLERANCE);
    }

    private static Images randomImages(Random rng, int n) {
        byte[] pixels = new byte[n * Images.PIXELS];
        rng.nextBytes(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) labels[i] = (byte) (n <= 5 ? (i * 2 + 1) % CLASSES : rng.nextInt(CLASSES));
        return new Images(pixels, labels);
    }

    /** The features in double, straight from the bytes: (pixel − mean) · invStd. */
    private static double[][] features(Images images, float[] mean, float[] invStd) {
        byte[] raw = images.rawPixels();
        double[][] x = new double[images.count()][Images.PIXELS];
        for (int i = 0; i < images.count(); i++) {
            for (int j = 0; j < Images.PIXELS; j++) {
                x[i][j] = ((raw[i * Images.PIXELS + j] & 0xFF) - (double) mean[j]) * invStd[j];
            }
        }
        return x;
    }

    private static Setup setup(Precision precision, int n) {
        return precision == Precision.DOUBLE ? doubles(n) : pixels(n);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Tests

    @ParameterizedTest
    @EnumSource(Precision.class)
    void twoBatchesPerEpochAreTakenInDataOrder(Precision precision) {
        Setup s = setup(precision, 4);
        int[] first = {0, 1};
        int[] second = {2, 3};
        TrainingOutcome outcome = new Trainer().train(s.config(2, 2, false), s.data(), EpochListener.NONE);

        ReferenceSoftmax expected = s.reference(new int[][][] {{first, second}, {first, second}});
        double tolerance = s.tolerance(expected);
        assertEquals(0, expected.maxDifference(outcome.model().weightRows(), outcome.model().biases()), tolerance,
                "W, b after batches {0,1}, {2,3}, {0,1}, {2,3}");

        // The answers of the orders a wrong trainer could take are all far outside the tolerance.
        List<ReferenceSoftmax> alternatives = List.of(
                s.reference(new int[][][] {{second, first}, {second, first}}),    // batches swapped
                s.reference(new int[][][] {{first, second}, {second, first}}),    // second epoch swapped
                s.reference(new int[][][] {{{0, 2}, {1, 3}}, {{0, 2}, {1, 3}}}),  // another pairing
                s.reference(new int[][][] {{{0, 1, 2, 3}}, {{0, 1, 2, 3}}}),      // one full batch per epoch
                s.reference(new int[][][] {{first, second}}));                     // one epoch only
        for (ReferenceSoftmax alternative : alternatives) {
            assertTrue(alternative.maxDifference(expected) > 100 * tolerance,
                    "an alternative order differs by only " + alternative.maxDifference(expected));
        }

        assertCurvesFollowTheReference(s, outcome, new int[][][] {{first, second}, {first, second}});
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void aShortLastBatchIsUsedAndAveragedOverItsOwnSize(Precision precision) {
        Setup s = setup(precision, 5);
        // n = 5, batch 2: batches {0, 1}, {2, 3}, {4}, two epochs.
        int[][] epoch = {{0, 1}, {2, 3}, {4}};
        TrainingOutcome outcome = new Trainer().train(s.config(2, 2, false), s.data(), EpochListener.NONE);

        ReferenceSoftmax expected = s.reference(new int[][][] {epoch, epoch});
        double tolerance = s.tolerance(expected);
        assertEquals(0, expected.maxDifference(outcome.model().weightRows(), outcome.model().biases()), tolerance,
                "W, b after batches {0,1}, {2,3}, {4} twice");

        // The last batch averaged over the batch size 2 instead of its own size 1, or dropped.
        ReferenceSoftmax overTwo = s.start();
        ReferenceSoftmax dropped = s.start();
        for (int e = 0; e < 2; e++) {
            overTwo.step(s.x(), s.y(), epoch[0], s.eta(), s.lambda());
            overTwo.step(s.x(), s.y(), epoch[1], s.eta(), s.lambda());
            overTwo.step(s.x(), s.y(), epoch[2], s.eta(), s.lambda(), 2);
            dropped.step(s.x(), s.y(), epoch[0], s.eta(), s.lambda());
            dropped.step(s.x(), s.y(), epoch[1], s.eta(), s.lambda());
        }
        assertTrue(overTwo.maxDifference(expected) > 100 * tolerance, "averaging over 2 differs by only "
                + overTwo.maxDifference(expected));
        assertTrue(dropped.maxDifference(expected) > 100 * tolerance, "dropping the last batch differs by only "
                + dropped.maxDifference(expected));

        assertCurvesFollowTheReference(s, outcome, new int[][][] {epoch, epoch});
    }

    /**
     * With shuffling, each epoch reshuffles the running order by Fisher–Yates from the seed's shuffle stream (the
     * second draw of a SplittableRandom of the seed, after the initialisation's long, is its split), and the
     * batches are consecutive slices of it, the last one short; the mini-batches are gathered copies.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void shuffledEpochsTakeTheSeededPermutationInSlices(Precision precision) {
        Setup s = setup(precision, 5);
        TrainingOutcome outcome = new Trainer().train(s.config(2, 2, true), s.data(), EpochListener.NONE);

        SplittableRandom root = new SplittableRandom(SEED);
        root.nextLong();
        SplittableRandom shuffleRng = root.split();
        int[] order = {0, 1, 2, 3, 4};
        int[][][] epochs = new int[2][][];
        for (int e = 0; e < 2; e++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffleRng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            epochs[e] = new int[][] {{order[0], order[1]}, {order[2], order[3]}, {order[4]}};
        }
        ReferenceSoftmax expected = s.reference(epochs);
        double tolerance = s.tolerance(expected);
        assertEquals(0, expected.maxDifference(outcome.model().weightRows(), outcome.model().biases()), tolerance,
                "W, b after the batches " + Arrays.deepToString(epochs));

        int[][] unshuffled = {{0, 1}, {2, 3}, {4}};
        ReferenceSoftmax inDataOrder = s.reference(new int[][][] {unshuffled, unshuffled});
        assertTrue(inDataOrder.maxDifference(expected) > 100 * tolerance, "the permutation changed nothing: "
                + Arrays.deepToString(epochs));
        assertCurvesFollowTheReference(s, outcome, epochs);
    }

    /**
     * Every epoch's train and validation loss, cost and accuracy, and the test accuracy, against the reference
     * evaluated after the same batches.
     */
    private static void assertCurvesFollowTheReference(Setup s, TrainingOutcome outcome, int[][][] epochs) {
        assertEquals(TrainingStatus.OK, outcome.status());
        List<EpochMetrics> curves = outcome.curves();
        assertEquals(epochs.length, curves.size());
        ReferenceSoftmax model = s.start();
        // Losses are O(1); float32 scores are good to ~1e-6 of their size (see FLOAT_TOLERANCE).
        double tolerance = s.data().precision() == Precision.DOUBLE ? DOUBLE_TOLERANCE : 1e-5;
        for (int e = 0; e < epochs.length; e++) {
            for (int[] batch : epochs[e]) model.step(s.x(), s.y(), batch, s.eta(), s.lambda());
            ReferenceSoftmax.Metrics train = model.evaluate(s.x(), s.y(), s.lambda());
            ReferenceSoftmax.Metrics val = model.evaluate(s.xVal(), s.yVal(), s.lambda());
            EpochMetrics m = curves.get(e);
            assertEquals(e + 1, m.epoch());
            assertEquals(train.loss(), m.trainLoss(), tolerance, "train loss, epoch " + (e + 1));
            assertEquals(train.cost(), m.trainCost(), tolerance, "train cost, epoch " + (e + 1));
            assertEquals(val.loss(), m.valLoss(), tolerance, "validation loss, epoch " + (e + 1));
            assertEquals(val.cost(), m.valCost(), tolerance, "validation cost, epoch " + (e + 1));
            // Accuracies are counts, so exact, given no image's two best scores lie within rounding of each other.
            assertEquals(0, model.nearTies(s.x(), 1e-4) + model.nearTies(s.xVal(), 1e-4), "near tie, epoch " + (e + 1));
            assertEquals(train.accuracy(), m.trainAcc(), 0.0, "train accuracy, epoch " + (e + 1));
            assertEquals(val.accuracy(), m.valAcc(), 0.0, "validation accuracy, epoch " + (e + 1));
        }
        assertEquals(0, model.nearTies(s.xTest(), 1e-4), "near tie on the test set");
        assertEquals(model.evaluate(s.xTest(), s.yTest(), s.lambda()).accuracy(), outcome.testAccuracy(), 0.0);
    }

    /**
     * Validation and test sets of 2,003 images, past the 2,000-image chunk in which the trainer evaluates a split:
     * every epoch's validation metrics and the test accuracy equal one pass of the reference over the whole set
     * with the trained W and b.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void validationAndTestPastOneEvaluationChunk(Precision precision) {
        int evaluated = 2003;
        Setup s = precision == Precision.DOUBLE ? doublesWithLargeEvaluation(evaluated) : pixels(4, evaluated);
        assertEquals(evaluated, s.data().validation().count());
        double tolerance = precision == Precision.DOUBLE ? DOUBLE_TOLERANCE : 1e-5;
        for (int epochs = 1; epochs <= 2; epochs++) {
            TrainingOutcome outcome = new Trainer().train(s.config(2, epochs, false), s.data(), EpochListener.NONE);
            ReferenceSoftmax trained = new ReferenceSoftmax(outcome.model().weightRows(), outcome.model().biases());
            ReferenceSoftmax.Metrics val = trained.evaluate(s.xVal(), s.yVal(), s.lambda());
            EpochMetrics last = outcome.curves().get(epochs - 1);
            assertEquals(val.loss(), last.valLoss(), tolerance, "validation loss");
            assertEquals(val.cost(), last.valCost(), tolerance, "validation cost");
            // Exact counts, given no image within rounding of a tie (float32 scores are good to ~1e-6 here).
            assertEquals(0, trained.nearTies(s.xVal(), 1e-5) + trained.nearTies(s.xTest(), 1e-5), "near ties");
            assertEquals(val.accuracy(), last.valAcc(), 0.0, "validation accuracy");
            assertEquals(trained.evaluate(s.xTest(), s.yTest(), s.lambda()).accuracy(), outcome.testAccuracy(), 0.0);
            // Losing the last 3 images would show: it moves the accuracy, compared exactly, and the mean loss by
            // well over the tolerance.
            ReferenceSoftmax.Metrics firstChunk = trained.evaluate(Arrays.copyOf(s.xVal(), 2000),
                    Arrays.copyOf(s.yVal(), 2000), s.lambda());
            assertTrue(firstChunk.accuracy() != val.accuracy(), firstChunk + " vs " + val);
            assertTrue(Math.abs(firstChunk.loss() - val.loss()) > 10 * tolerance, firstChunk + " vs " + val);
        }
    }

    @Test
    void theReferenceReproducesTheTrainersSeededStart() {
        // The other tests rest on this: with η = 1e-300 the one step changes no entry (η·|gradient| is far below half
        // an ulp of W), so the trained W, b are the trainer's start bit for bit.
        Setup s = doubles(4);
        TrainConfig config = new TrainConfig(1e-300, 0, 4, 1, SEED, false, Precision.DOUBLE);
        TrainingOutcome outcome = new Trainer().train(config, s.data(), EpochListener.NONE);
        assertEquals(0, s.start().maxDifference(outcome.model().weightRows(), outcome.model().biases()), 0.0);
    }
}
