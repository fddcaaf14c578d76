package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Loss;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * float64 splits held as the images' raw bytes (1 byte per pixel, normalised into a buffer on read) against the
 * doubles-backed matrices they replaced, built independently with {@link Normalization#toDoubleMatrix}: the same
 * scores, gradients, evaluations and whole trials, bit for bit.
 */
class RawPixelsSameBitsTest {
    private static final int CLASSES = 10;

    private static Dataset sample() {
        return CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
    }

    /** The old float64 representation: every split decoded into normalised doubles, 8 bytes per value. */
    private static FeatureMatrix doubles(Normalization normalization, Images images) {
        return FeatureMatrix.ofDoubles(normalization.toDoubleMatrix(images), images.labels(), Images.PIXELS);
    }

    private static TrainingData doublesBacked(Dataset dataset, Normalization normalization) {
        return new TrainingData(doubles(normalization, dataset.train()), doubles(normalization, dataset.validation()),
                doubles(normalization, dataset.test()), CLASSES, HorizontalFlip.of(normalization));
    }

    private static LinearModel model(Random rng) {
        LinearModel model = LinearModel.create(Precision.DOUBLE, CLASSES, Images.PIXELS);
        model.initGaussian(rng, 0.01);
        // Away from the start, so the biases are not all tiny.
        for (int k = 0; k < CLASSES; k++) model.setBias(k, k - 4.5);
        return model;
    }

    @ParameterizedTest
    @EnumSource(Preprocess.class)
    void rawPixelsHoldTheImagesBytesAndReadAsTheNormalisedDoubles(Preprocess kind) {
        Dataset dataset = sample();
        Normalization normalization = Normalization.fit(kind, dataset.train());
        TrainingData raw = TrainingData.of(dataset, normalization, Precision.DOUBLE);
        FeatureMatrix train = raw.train();
        assertTrue(train.isRawPixels());
        assertSame(dataset.train().rawPixels(), train.rawPixels(), "the images' own bytes, not a copy");
        assertEquals(Precision.DOUBLE, train.precision());

        double[] expected = normalization.toDoubleMatrix(dataset.train());
        double[] all = new double[expected.length];
        train.normaliseColumns(0, train.count(), all);
        assertArrayEquals(expected, all);
        double[] some = new double[7 * Images.PIXELS];
        train.normaliseColumns(300, 7, some);
        for (int i = 0; i < some.length; i++) assertEquals(expected[300 * Images.PIXELS + i], some[i]);
        for (int c = 0; c < train.count(); c += 97) {
            for (int j = 0; j < Images.PIXELS; j += 5) assertEquals(expected[j + c * Images.PIXELS], train.value(j, c));
        }

        // A gathered batch is float64 values, normalised on the way, with its labels.
        FeatureMatrix batch = train.emptyLike(3);
        assertNotNull(batch.doubles());
        train.gatherColumns(new int[] {999, 0, 512}, 0, 3, batch);
        int[] columns = {999, 0, 512};
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < Images.PIXELS; j++) {
                assertEquals(expected[j + columns[c] * Images.PIXELS], batch.doubles()[j + c * Images.PIXELS]);
            }
            assertEquals(train.labels()[columns[c]], batch.labels()[c]);
        }
        // The split is shared and read-only: flips act on gathered batches.
        assertThrows(IllegalArgumentException.class, () -> raw.flip().apply(train, 0));
    }

    @Test
    void scoresAndGradientsAreBitIdentical() {
        Dataset dataset = sample();
        Normalization normalization = Normalization.fit(Preprocess.STANDARDIZE, dataset.train());
        FeatureMatrix raw = FeatureMatrix.of(Precision.DOUBLE, normalization, dataset.train());
        FeatureMatrix reference = doubles(normalization, dataset.train());
        Random rng = new Random(5);
        LinearModel a = model(new Random(7));
        LinearModel b = model(new Random(7));
        // Column ranges at offset 0 and inside the split, the widest first and then narrower ones: the model's
        // buffer is reused, wider than the call.
        int[][] ranges = {{0, 1000}, {0, 100}, {900, 100}, {313, 57}, {999, 1}};
        for (int[] range : ranges) {
            int from = range[0];
            int n = range[1];
            double[] sa = new double[CLASSES * n];
            double[] sb = new double[CLASSES * n];
            a.scores(raw, from, n, sa);
            b.scores(reference, from, n, sb);
            assertArrayEquals(sb, sa, "scores of columns [" + from + ", " + (from + n) + ")");

            double[] g = new double[CLASSES * n];
            for (int i = 0; i < g.length; i++) g[i] = rng.nextGaussian();
            a.gradient(raw, from, n, g, 0.1);
            b.gradient(reference, from, n, g, 0.1);
            for (int k = 0; k < CLASSES; k++) {
                for (int j = 0; j < Images.PIXELS; j++) {
                    assertEquals(b.weightGradient(k, j), a.weightGradient(k, j), "dW(" + k + ", " + j + ")");
                }
                assertEquals(b.biasGradient(k), a.biasGradient(k), "db(" + k + ")");
            }
            a.step(0.01);
            b.step(0.01);
        }
    }

    @ParameterizedTest
    @EnumSource(LossKind.class)
    void evaluationsOverSeveralChunksAreBitIdentical(LossKind lossKind) {
        // 4,500 synthetic images: chunks of 2,000, 2,000 and 500 columns.
        Random rng = new Random(17);
        byte[] pixels = new byte[4500 * Images.PIXELS];
        rng.nextBytes(pixels);
        byte[] labels = new byte[4500];
        for (int i = 0; i < labels.length; i++) labels[i] = (byte) rng.nextInt(CLASSES);
        Images images = new Images(pixels, labels);
        Normalization normalization = Normalization.fit(Preprocess.STANDARDIZE, images);
        FeatureMatrix raw = FeatureMatrix.of(Precision.DOUBLE, normalization, images);
        FeatureMatrix reference = doubles(normalization, images);
        Loss loss = lossKind.loss();
        LinearModel a = model(new Random(3));
        LinearModel b = model(new Random(3));
        assertEquals(Evaluation.of(b, reference, loss, 0.2), Evaluation.of(a, raw, loss, 0.2));
        // And with a buffer of the chunk's size, as the trainer passes it.
        double[] buffer = new double[Evaluation.bufferSize(a, raw)];
        assertEquals(Evaluation.of(b, reference, loss, 0.2), Evaluation.of(a, raw, loss, 0.2, buffer));
    }

    @Test
    void wholeTrialsOnTheSampleAreBitIdentical() {
        Dataset dataset = sample();
        // 1,000 training images in batches of 300: three full batches and a short one of 100.
        TrainOptions flipsAndDecay = new TrainOptions(LossKind.SOFTMAX, 0.5, Decay.step(0.5, 2));
        TrainOptions svmFlips = new TrainOptions(LossKind.SVM, 0.3, Decay.NONE);
        List<TrainConfig> configs = List.of(
                new TrainConfig(0.01, 0.01, 300, 4, 21, true, Precision.DOUBLE, flipsAndDecay),
                new TrainConfig(0.005, 0.1, 300, 3, 22, true, Precision.DOUBLE, svmFlips),
                // Data order, no flips: contiguous batches, the path of conf/seed-experiments.conf.
                new TrainConfig(0.01, 0.1, 300, 3, 23, false, Precision.DOUBLE),
                // Data order with flips.
                new TrainConfig(0.01, 0, 300, 3, 24, false, Precision.DOUBLE, flipsAndDecay));
        for (Preprocess kind : Preprocess.values()) {
            Normalization normalization = Normalization.fit(kind, dataset.train());
            TrainingData raw = TrainingData.of(dataset, normalization, Precision.DOUBLE);
            TrainingData reference = doublesBacked(dataset, normalization);
            for (TrainConfig config : configs) {
                assertSameRun(new Trainer().train(config, reference, EpochListener.NONE),
                        new Trainer().train(config, raw, EpochListener.NONE), kind + " " + config);
            }
        }
    }

    @Test
    void aTrialWhoseSplitsSpanSeveralEvaluationChunksIsBitIdentical() {
        Random rng = new Random(29);
        Images train = randomImages(rng, 4200);
        Images validation = randomImages(rng, 2100);
        Images test = randomImages(rng, 2001);
        Dataset dataset = new Dataset(train, validation, test, sample().classNames());
        Normalization normalization = Normalization.fit(Preprocess.STANDARDIZE, train);
        // 4,200 images in batches of 1,000: a short last batch of 200.
        TrainConfig config = new TrainConfig(0.002, 0.01, 1000, 2, 31, true, Precision.DOUBLE,
                new TrainOptions(LossKind.SOFTMAX, 0.5, Decay.NONE));
        assertSameRun(new Trainer().train(config, doublesBacked(dataset, normalization), EpochListener.NONE),
                new Trainer().train(config, TrainingData.of(dataset, normalization, Precision.DOUBLE), EpochListener.NONE),
                "synthetic");
    }

    private static Images randomImages(Random rng, int n) {
        byte[] pixels = new byte[n * Images.PIXELS];
        // Pixel values that depend on the position and the label, so that training has something to learn.
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) rng.nextInt(CLASSES);
            for (int j = 0; j < Images.PIXELS; j++) {
                pixels[i * Images.PIXELS + j] = (byte) (rng.nextInt(64) + (j % 32) * labels[i] / 2 + (j / 1024) * 20);
            }
        }
        return new Images(pixels, labels);
    }

    private static void assertSameRun(TrainingOutcome expected, TrainingOutcome actual, String what) {
        assertEquals(expected.status(), actual.status(), what);
        assertEquals(expected.curves(), actual.curves(), what);
        assertEquals(expected.testAccuracy(), actual.testAccuracy(), what);
        double[][] we = expected.model().weightRows();
        double[][] wa = actual.model().weightRows();
        for (int k = 0; k < CLASSES; k++) assertArrayEquals(we[k], wa[k], what + ": W row " + k);
        assertArrayEquals(expected.model().biases(), actual.model().biases(), what + ": b");
    }
}
