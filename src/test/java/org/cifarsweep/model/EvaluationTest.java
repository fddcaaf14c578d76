package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.testutil.ReferenceSoftmax;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loss, cost and accuracy over a split larger than one evaluation chunk (2,000 columns scored per call), against a
 * single pass in plain double loops ({@link ReferenceSoftmax}), for each way a split is held.
 */
class EvaluationTest {
    /** The chunk of {@link Evaluation}, plus 3: the second chunk holds the last 3 images. */
    private static final int N = 2003;
    private static final int CLASSES = 10;
    private static final double LAMBDA = 0.05;

    enum Holding { DOUBLES, FLOATS, PIXELS }

    /** A split, its features as rows of doubles for the reference, and a model with its parameters. */
    private record Case(FeatureMatrix matrix, double[][] x, int[] y, LinearModel model, ReferenceSoftmax reference,
                        double tolerance) { }

    @ParameterizedTest
    @EnumSource(Holding.class)
    void aSplitPastOneChunkIsEvaluatedLikeOnePass(Holding holding) {
        Case c = build(holding);
        Evaluation got = Evaluation.of(c.model(), c.matrix(), SoftmaxCrossEntropy.INSTANCE, LAMBDA);
        ReferenceSoftmax.Metrics expected = c.reference().evaluate(c.x(), c.y(), LAMBDA);
        assertEquals(expected.loss(), got.loss(), c.tolerance(), "mean loss");
        assertEquals(expected.cost(), got.cost(), c.tolerance(), "cost");
        // Accuracy is a count over n, exact as long as no prediction sits within rounding of a tie.
        assertEquals(0, c.reference().nearTies(c.x(), 1e-4), "the synthetic split must be clear of near ties");
        assertEquals(expected.accuracy(), got.accuracy(), 0.0, "accuracy");

        // What a chunking bug would give, each far from the truth: the last chunk dropped, or its labels taken
        // from the start of the split instead of its own offset.
        double[][] firstChunk = Arrays.copyOf(c.x(), N - 3);
        int[] firstLabels = Arrays.copyOf(c.y(), N - 3);
        ReferenceSoftmax.Metrics dropped = c.reference().evaluate(firstChunk, firstLabels, LAMBDA);
        int[] wrongLabels = c.y().clone();
        System.arraycopy(c.y(), 0, wrongLabels, N - 3, 3);
        ReferenceSoftmax.Metrics misread = c.reference().evaluate(c.x(), wrongLabels, LAMBDA);
        for (ReferenceSoftmax.Metrics wrong : new ReferenceSoftmax.Metrics[] {dropped, misread}) {
            assertTrue(Math.abs(wrong.loss() - expected.loss()) > 100 * c.tolerance(), wrong + " vs " + expected);
        }
        assertTrue(dropped.accuracy() != expected.accuracy(), dropped + " vs " + expected);
    }

    private static Case build(Holding holding) {
        Random rng = new Random(17 + holding.ordinal());
        int dim = holding == Holding.PIXELS ? Images.PIXELS : 4;
        double[][] x = new double[N][dim];
        int[] y = new int[N];
        FeatureMatrix matrix;
        // W with spread ~1/sqrt(d), so that the scores spread over a few units and accuracy is well above 0.
        double[][] w = new double[CLASSES][dim];
        double[] b = new double[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            for (int j = 0; j < dim; j++) w[k][j] = (float) (rng.nextGaussian() * 2 / Math.sqrt(dim));
            b[k] = (float) (0.3 * rng.nextGaussian());
        }
        ReferenceSoftmax reference = new ReferenceSoftmax(w, b);
        if (holding == Holding.PIXELS) {
            byte[] pixels = new byte[N * dim];
            rng.nextBytes(pixels);
            float[] mean = new float[dim];
            float[] invStd = new float[dim];
            for (int j = 0; j < dim; j++) {
                mean[j] = 100 + j % 57;
                invStd[j] = 1f / (50 + j % 23);
            }
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < dim; j++) x[i][j] = ((pixels[i * dim + j] & 0xFF) - (double) mean[j]) * invStd[j];
            }
            labelAll(reference, x, y, rng);
            byte[] labels = new byte[N];
            for (int i = 0; i < N; i++) labels[i] = (byte) y[i];
            matrix = FeatureMatrix.of(Precision.FLOAT, new Normalization(Preprocess.STANDARDIZE, mean, invStd),
                    new Images(pixels, labels));
            assertTrue(matrix.isPixels());
        } else {
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < dim; j++) x[i][j] = (float) rng.nextGaussian();
            }
            labelAll(reference, x, y, rng);
            double[] doubles = new double[N * dim];
            float[] floats = new float[N * dim];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < dim; j++) {
                    doubles[i * dim + j] = x[i][j];
                    floats[i * dim + j] = (float) x[i][j];
                }
            }
            matrix = holding == Holding.DOUBLES ? FeatureMatrix.ofDoubles(doubles, y, dim)
                    : FeatureMatrix.ofFloats(floats, y, dim);
        }
        Precision precision = holding == Holding.DOUBLES ? Precision.DOUBLE : Precision.FLOAT;
        LinearModel model = LinearModel.create(precision, CLASSES, dim);
        model.setParameters(w, b);
        // float64: BLAS sums in another order than the reference, ~1e-16 relative on O(1) losses. float32: W, b and
        // the features are exact floats, so only the score sums round (~1e-6 of their size for 3,072 terms).
        double tolerance = precision == Precision.DOUBLE ? 1e-12 : 1e-5;
        return new Case(matrix, x, y, model, reference, tolerance);
    }

    /**
     * Labels: the reference's prediction for half the images (so accuracy is far from 0 and from 1), a random class
     * for the others, and for the last 3 (the second chunk) the class the model scores lowest, so that losing or
     * mislabelling them moves the loss and the accuracy.
     */
    private static void labelAll(ReferenceSoftmax reference, double[][] x, int[] y, Random rng) {
        for (int i = 0; i < N; i++) {
            double[] s = reference.scores(x[i]);
            int best = 0;
            int worst = 0;
            for (int k = 1; k < s.length; k++) {
                if (s[k] > s[best]) best = k;
                if (s[k] < s[worst]) worst = k;
            }
            y[i] = i >= N - 3 ? worst : i % 2 == 0 ? best : rng.nextInt(CLASSES);
        }
    }
}
