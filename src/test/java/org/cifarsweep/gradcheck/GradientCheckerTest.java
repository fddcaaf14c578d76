package org.cifarsweep.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Loss;
import org.cifarsweep.model.Precision;
import org.cifarsweep.model.SoftmaxCrossEntropy;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class GradientCheckerTest {

    /**
     * The first 100 images of the real data_batch_1, from data/sample (its first 1,000 records), normalised with the
     * statistics of the sample's 1,000 training images. The full data set would give the same 100 images.
     */
    private static FeatureMatrix realImages(Preprocess preprocess) {
        Dataset dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
        Normalization normalization = Normalization.fit(preprocess, dataset.train());
        return FeatureMatrix.of(Precision.DOUBLE, normalization, dataset.train().slice(0, 100));
    }

    @ParameterizedTest
    @EnumSource(Preprocess.class)
    void analyticGradientsMatchCentredDifferencesOnRealImages(Preprocess preprocess) {
        FeatureMatrix x = realImages(preprocess);
        GradientChecker checker = new GradientChecker(SoftmaxCrossEntropy.INSTANCE, new SoftmaxCost());
        for (CheckCase c : CheckCase.standard()) {
            // The 3,072-dimension cases take ~20 s each; once, on the standardized data, is enough.
            if (preprocess == Preprocess.SCALE && c.dims() > 20) continue;
            CheckResult result = checker.check(c, x, 10, 3);
            assertTrue(result.passes(1e-6), c + " " + result);
        }
    }

    @Test
    void aWrongGradientIsCaught() {
        // The loss is right but its gradient is 1% too large: the check must see it.
        Loss biased = new Loss() {
            @Override
            public BatchLoss evaluate(double[] s, int[] labels, int offset, int n, int classes, double[] g) {
                BatchLoss result = SoftmaxCrossEntropy.INSTANCE.evaluate(s, labels, offset, n, classes, g);
                if (g != null) for (int i = 0; i < classes * n; i++) g[i] *= 1.01;
                return result;
            }

            @Override
            public String name() {
                return "biased";
            }
        };
        CheckResult result = new GradientChecker(biased, new SoftmaxCost()).check(new CheckCase(20, 10, 0), realImages(Preprocess.SCALE), 10, 3);
        assertFalse(result.passes(1e-6), result.toString());
        // With λ = 0 both analytic gradients are exactly 1.01 times the true ones, so wherever the numerical
        // gradient is accurate the relative error is |1.01g − g| / (1.01|g| + |g|) = 0.01 / 2.01. The numerical
        // gradient's own error (truncation O(h²) with h = 1e-6; rounding removed by double-double) is far below
        // 1e-5 of it, so the largest error must be that value: a checker that misreports errors cannot give it.
        double expected = 0.01 / 2.01;
        assertEquals(expected, result.maxRelativeErrorW(), 1e-5 * expected, result.toString());
        assertEquals(expected, result.maxRelativeErrorB(), 1e-5 * expected, result.toString());
    }

    @Test
    void relativeErrorFollowsTheAssignmentFormula() {
        assertEquals(0.1 / 2.1, RelativeError.of(1.0, 1.1, 1e-10), 1e-15);
        assertEquals(0.0, RelativeError.of(0, 0, 1e-10));
        assertEquals(1e-12 / 1e-10, RelativeError.of(1e-12, 0, 1e-10), 1e-15);
    }
}
