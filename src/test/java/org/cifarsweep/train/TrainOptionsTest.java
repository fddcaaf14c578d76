package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cifarsweep.data.Images;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.junit.jupiter.api.Test;

/** Flips and decay inside the trainer, on small hand-made data. */
class TrainOptionsTest {

    /** n images of 3072 features with distinct values, labels alternating 0/1. */
    private static FeatureMatrix images(int n, boolean mirrored) {
        double[] x = new double[n * Images.PIXELS];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            for (int j = 0; j < Images.PIXELS; j++) {
                int source = mirrored ? HorizontalFlip.mirror(j) : j;
                x[i * Images.PIXELS + j] = Math.sin(0.001 * source * (i + 1)) + (i % 2) * (source % 32) / 64.0;
            }
        }
        return FeatureMatrix.ofDoubles(x, labels, Images.PIXELS);
    }

    private static TrainConfig config(int epochs, TrainOptions options) {
        return new TrainConfig(0.05, 0.001, 2, epochs, 3, false, Precision.DOUBLE, options);
    }

    @Test
    void flipOneTrainsOnTheMirroredImages() {
        FeatureMatrix plain = images(4, false);
        FeatureMatrix mirrored = images(4, true);
        TrainingOutcome flipped = new Trainer().train(config(3, new TrainOptions(LossKind.SOFTMAX, 1, Decay.NONE)),
                new TrainingData(plain, plain, plain, 2), EpochListener.NONE);
        TrainingOutcome onMirror = new Trainer().train(config(3, TrainOptions.DEFAULT),
                new TrainingData(mirrored, plain, plain, 2), EpochListener.NONE);
        for (int k = 0; k < 2; k++) assertArrayEquals(onMirror.model().weightRows()[k], flipped.model().weightRows()[k], 1e-12);
    }

    @Test
    void flipZeroIsThePlainRun() {
        FeatureMatrix x = images(4, false);
        TrainingData data = new TrainingData(x, x, x, 2);
        TrainingOutcome a = new Trainer().train(config(3, TrainOptions.DEFAULT), data, EpochListener.NONE);
        TrainingOutcome b = new Trainer().train(config(3, new TrainOptions(LossKind.SOFTMAX, 0, Decay.NONE)), data, EpochListener.NONE);
        for (int k = 0; k < 2; k++) assertArrayEquals(a.model().weightRows()[k], b.model().weightRows()[k], 0.0);
    }

    @Test
    void halfTheFlipsMirrorSomeImagesAndNotOthers() {
        FeatureMatrix x = images(4, false);
        TrainingData data = new TrainingData(x, x, x, 2);
        TrainingOutcome none = new Trainer().train(config(6, TrainOptions.DEFAULT), data, EpochListener.NONE);
        TrainingOutcome all = new Trainer().train(config(6, new TrainOptions(LossKind.SOFTMAX, 1, Decay.NONE)), data, EpochListener.NONE);
        TrainingOutcome half = new Trainer().train(config(6, new TrainOptions(LossKind.SOFTMAX, 0.5, Decay.NONE)), data, EpochListener.NONE);
        double w = half.model().weight(0, 5);
        assertNotEquals(none.model().weight(0, 5), w);
        assertNotEquals(all.model().weight(0, 5), w);
    }

    @Test
    void decayedRunsStepWithTheScheduledRate() {
        // Decay by 0.5 after 1 epoch: epoch 2 uses η/2. With full batches one epoch is one step, so the run equals
        // a 1-epoch run at η continued for 1 epoch at η/2 by hand.
        FeatureMatrix x = images(4, false);
        TrainingData data = new TrainingData(x, x, x, 2);
        TrainConfig decayed = new TrainConfig(0.05, 0.001, 4, 2, 3, false, Precision.DOUBLE,
                new TrainOptions(LossKind.SOFTMAX, 0, Decay.step(0.5, 1)));
        TrainingOutcome run = new Trainer().train(decayed, data, EpochListener.NONE);
        assertEquals(0.05, run.curves().get(0).eta(), 0.0);
        assertEquals(0.025, run.curves().get(1).eta(), 0.0);

        TrainingOutcome first = new Trainer().train(new TrainConfig(0.05, 0.001, 4, 1, 3, false, Precision.DOUBLE), data, EpochListener.NONE);
        org.cifarsweep.model.LinearModel m = first.model();
        double[] g = new double[2 * 4];
        m.scores(x, 0, 4, g);
        LossKind.SOFTMAX.loss().evaluate(g, x.labels(), 0, 4, 2, g);
        m.gradient(x, 0, 4, g, 0.001);
        m.step(0.025);
        for (int k = 0; k < 2; k++) assertArrayEquals(m.weightRows()[k], run.model().weightRows()[k], 1e-15);
    }

    @Test
    void badOptionsAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainOptions(LossKind.SVM, 1.5, Decay.NONE))
                .getMessage().contains("flip 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LossKind.parse("hinge2")).getMessage().contains("hinge2"));
    }
}
