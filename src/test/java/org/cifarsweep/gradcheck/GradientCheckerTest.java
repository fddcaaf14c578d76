package org.cifarsweep.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static FeatureMatrix realImages(Preprocess preprocess) {
        Dataset dataset = CifarLoader.load(RealData.dir(), new Split(Split.Kind.DEFAULT, 0));
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
        assertTrue(result.maxRelativeErrorW() > 1e-3, result.toString());
        assertTrue(result.maxRelativeErrorB() > 1e-3, result.toString());
    }

    @Test
    void relativeErrorFollowsTheAssignmentFormula() {
        assertEquals(0.1 / 2.1, RelativeError.of(1.0, 1.1, 1e-10), 1e-15);
        assertEquals(0.0, RelativeError.of(0, 0, 1e-10));
        assertEquals(1e-12 / 1e-10, RelativeError.of(1e-12, 0, 1e-10), 1e-15);
    }
}
