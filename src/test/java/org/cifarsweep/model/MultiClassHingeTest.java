package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MultiClassHingeTest {

    @Test
    void lossAndSubgradientOfTwoHandMadeColumns() {
        // Column 0, y = 0: scores (2, 1.5, -1): margins 1.5-2+1 = 0.5 (violated), -1-2+1 = -2 (not).
        // Column 1, y = 2: scores (0, 3, 0.2): margins 0-0.2+1 = 0.8, 3-0.2+1 = 3.8, both violated; argmax 1 (wrong).
        double[] scores = {2, 1.5, -1, 0, 3, 0.2};
        double[] g = new double[6];
        Loss.BatchLoss batch = MultiClassHinge.INSTANCE.evaluate(scores, new int[] {0, 2}, 0, 2, 3, g);
        assertEquals(0.5 + 0.8 + 3.8, batch.lossSum(), 1e-15);
        assertEquals(1, batch.correct());
        assertArrayEquals(new double[] {-1, 1, 0, 1, 1, -2}, g, 0.0);
    }

    @Test
    void theGradientMayOverwriteTheScores() {
        double[] scores = {2, 1.5, -1, 0, 3, 0.2};
        MultiClassHinge.INSTANCE.evaluate(scores, new int[] {0, 2}, 0, 2, 3, scores);
        assertArrayEquals(new double[] {-1, 1, 0, 1, 1, -2}, scores, 0.0);
    }

    @Test
    void aMarginOfExactlyZeroIsNotAViolation() {
        double[] scores = {1, 0};
        double[] g = new double[2];
        assertEquals(0, MultiClassHinge.INSTANCE.evaluate(scores, new int[] {0}, 0, 1, 2, g).lossSum());
        assertArrayEquals(new double[] {0, 0}, g, 0.0);
    }
}
