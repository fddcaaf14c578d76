package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftmaxCrossEntropyTest {
    private final Loss loss = SoftmaxCrossEntropy.INSTANCE;

    @Test
    void probabilitiesLossAndGradientOfAHandComputedColumn() {
        // softmax(1, 2, 3) = e^s / (e + e² + e³) = 0.09003057, 0.24472847, 0.66524096; label 2 → loss −ln 0.66524096.
        double[] scores = {1, 2, 3};
        double[] gradient = new double[3];
        Loss.BatchLoss result = loss.evaluate(scores, new int[] {2}, 0, 1, 3, gradient);
        assertEquals(0.40760596, result.lossSum(), 1e-8);
        assertEquals(1, result.correct());
        assertArrayEquals(new double[] {0.09003057, 0.24472847, 0.66524096 - 1}, gradient, 1e-8);
        assertArrayEquals(new double[] {0.09003057, 0.24472847, 0.66524096},
                SoftmaxCrossEntropy.probabilities(scores), 1e-8);
    }

    @Test
    void sumsOverColumnsAndCountsCorrectPredictions() {
        // Column 0: equal scores → loss ln 2, argmax is the first index (0), label 1 → wrong.
        // Column 1: scores (0, ln 3) → P = (1/4, 3/4), label 1 → loss ln(4/3), right.
        double[] scores = {5, 5, 0, Math.log(3)};
        Loss.BatchLoss result = loss.evaluate(scores, new int[] {9, 1, 1}, 1, 2, 2, null);
        assertEquals(Math.log(2) + Math.log(4.0 / 3), result.lossSum(), 1e-12);
        assertEquals(1, result.correct());
    }

    @Test
    void largeScoresDoNotOverflow() {
        double[] scores = {1000, 1001, 999};
        double[] gradient = new double[3];
        Loss.BatchLoss result = loss.evaluate(scores, new int[] {1}, 0, 1, 3, gradient);
        assertTrue(Double.isFinite(result.lossSum()));
        // Shift invariance: same as scores (1, 2, 0).
        Loss.BatchLoss shifted = loss.evaluate(new double[] {1, 2, 0}, new int[] {1}, 0, 1, 3, null);
        assertEquals(shifted.lossSum(), result.lossSum(), 1e-12);
        assertEquals(0.0, gradient[0] + gradient[1] + gradient[2], 1e-12);
    }

    @Test
    void gradientMayOverwriteTheScoresInPlace() {
        double[] scores = {1, 2, 3};
        loss.evaluate(scores, new int[] {0}, 0, 1, 3, scores);
        assertArrayEquals(new double[] {0.09003057 - 1, 0.24472847, 0.66524096}, scores, 1e-8);
    }
}
