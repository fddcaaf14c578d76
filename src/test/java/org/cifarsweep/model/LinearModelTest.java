package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Scores and gradients of a 2-class, 3-feature model on 2 images, worked out by hand. */
class LinearModelTest {
    // W = [[1, 0, -1], [0.5, 2, 0]], b = (0.1, -0.2); x1 = (1, 2, 3), x2 = (0, -1, 1).
    private static final double[][] W = {{1, 0, -1}, {0.5, 2, 0}};
    private static final double[] B = {0.1, -0.2};

    private static FeatureMatrix x(Precision precision) {
        double[] values = {1, 2, 3, 0, -1, 1};
        int[] labels = {0, 1};
        if (precision == Precision.DOUBLE) return FeatureMatrix.ofDoubles(values, labels, 3);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return FeatureMatrix.ofFloats(f, labels, 3);
    }

    private static LinearModel model(Precision precision) {
        LinearModel model = LinearModel.create(precision, 2, 3);
        model.setParameters(W, B);
        return model;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void scoresAreWxPlusB(Precision precision) {
        double[] s = new double[4];
        model(precision).scores(x(precision), 0, 2, s);
        // s1 = (1 - 3 + 0.1, 0.5 + 4 - 0.2) = (-1.9, 4.3); s2 = (0 - 1 + 0.1, -2 - 0.2) = (-0.9, -2.2)
        assertArrayEquals(new double[] {-1.9, 4.3, -0.9, -2.2}, s, 1e-6);
        // One column at an offset.
        double[] one = new double[2];
        model(precision).scores(x(precision), 1, 1, one);
        assertArrayEquals(new double[] {-0.9, -2.2}, one, 1e-6);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void gradientIsGXtOverNPlusTwoLambdaW(Precision precision) {
        LinearModel model = model(precision);
        // G columns g1 = (1, -1), g2 = (0.5, 0.25); λ = 0.1, n = 2.
        double[] g = {1, -1, 0.5, 0.25};
        model.gradient(x(precision), 0, 2, g, 0.1);
        // G Xᵀ = [[1·1 + 0.5·0, 1·2 + 0.5·(-1), 1·3 + 0.5·1], [-1 + 0, -2 - 0.25, -3 + 0.25]]
        //      = [[1, 1.5, 3.5], [-1, -2.25, -2.75]]; /2, + 0.2 W.
        double[][] expected = {{0.5 + 0.2, 0.75, 1.75 - 0.2}, {-0.5 + 0.1, -1.125 + 0.4, -1.375}};
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) assertEquals(expected[k][j], model.weightGradient(k, j), 1e-6, k + "," + j);
        }
        assertEquals(0.75, model.biasGradient(0), 1e-6);
        assertEquals(-0.375, model.biasGradient(1), 1e-6);

        model.step(0.5);
        assertEquals(1 - 0.5 * 0.7, model.weight(0, 0), 1e-6);
        assertEquals(-0.2 + 0.5 * 0.375, model.bias(1), 1e-6);
        assertEquals(0.1 - 0.5 * 0.75, model.bias(0), 1e-6);
    }

    @Test
    void weightNormIsTheSumOfSquares() {
        assertEquals(1 + 1 + 0.25 + 4, model(Precision.DOUBLE).weightNormSquared(), 1e-12);
        assertEquals(1 + 1 + 0.25 + 4, model(Precision.FLOAT).weightNormSquared(), 1e-6);
    }

    @Test
    void bothPrecisionsStartFromTheSameDrawForTheSameSeed() {
        LinearModel d = LinearModel.create(Precision.DOUBLE, 10, 50);
        LinearModel f = LinearModel.create(Precision.FLOAT, 10, 50);
        d.initGaussian(new Random(7), 0.01);
        f.initGaussian(new Random(7), 0.01);
        for (int k = 0; k < 10; k++) {
            assertEquals((float) d.bias(k), f.bias(k), 0.0);
            for (int j = 0; j < 50; j++) assertEquals((float) d.weight(k, j), f.weight(k, j), 0.0);
        }
    }

    @Test
    void initialWeightsHaveTheRequestedSpread() {
        LinearModel d = LinearModel.create(Precision.DOUBLE, 10, 3072);
        d.initGaussian(new Random(1), 0.01);
        double std = Math.sqrt(d.weightNormSquared() / (10 * 3072));
        assertEquals(0.01, std, 0.0003);
    }

    @Test
    void rejectsMismatchedFeatures() {
        LinearModel model = model(Precision.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.scores(x(Precision.FLOAT), 0, 2, new double[4]));
        assertEquals("features are float, model is double", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.scores(x(Precision.DOUBLE), 1, 2, new double[4]));
    }

    @Test
    void evaluationCostIsMeanLossPlusLambdaNorm() {
        LinearModel model = model(Precision.DOUBLE);
        Evaluation e = Evaluation.of(model, x(Precision.DOUBLE), SoftmaxCrossEntropy.INSTANCE, 0.5);
        // Column 1 scores (-1.9, 4.3), label 0; column 2 (-0.9, -2.2), label 1.
        double l1 = Math.log(Math.exp(-1.9) + Math.exp(4.3)) + 1.9;
        double l2 = Math.log(Math.exp(-0.9) + Math.exp(-2.2)) + 2.2;
        assertEquals((l1 + l2) / 2, e.loss(), 1e-12);
        assertEquals((l1 + l2) / 2 + 0.5 * 6.25, e.cost(), 1e-12);
        assertEquals(0.0, e.accuracy());
    }
}
