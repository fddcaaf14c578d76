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
import org.cifarsweep.model.MultiClassHinge;
import org.cifarsweep.model.Precision;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.Test;

class SvmGradientCheckTest {

    private static FeatureMatrix firstImages(Preprocess preprocess) {
        Dataset dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
        Normalization normalization = Normalization.fit(preprocess, dataset.train());
        return FeatureMatrix.of(Precision.DOUBLE, normalization, dataset.train().slice(0, 100));
    }

    @Test
    void svmGradientsAgreeBelow1e6AwayFromKinks() {
        FeatureMatrix x = firstImages(Preprocess.STANDARDIZE);
        GradientChecker checker = new GradientChecker(MultiClassHinge.INSTANCE, new SvmCost());
        for (CheckCase c : CheckCase.standard()) {
            CheckResult result = checker.check(c, x, 10, 1);
            assertTrue(result.clearOfKinks(), c + " " + result);
            assertTrue(result.passes(1e-6), c + " " + result);
        }
    }

    @Test
    void theDoubleDoubleCostMatchesAHandComputedHinge() {
        // 2 classes, 1 feature, 1 image x = 2 with y = 0: s = (w0·2 + b0, w1·2 + b1) = (1, 0.5);
        // margin 0.5 − 1 + 1 = 0.5; J = 0.5 + λ(w0² + w1²) = 0.5 + 0.1·(0.25 + 0.0625).
        FeatureMatrix x = FeatureMatrix.ofDoubles(new double[] {2}, new int[] {0}, 1);
        double[] w = {0.5, 0.25};
        double[] b = {0, 0};
        assertEquals(0.5 + 0.1 * 0.3125, new SvmCost().cost(w, b, x, 0.1).doubleValue(), 1e-16);
        assertEquals(0.5, new SvmCost().kinkDistance(w, b, x), 1e-16);
    }

    @Test
    void aPointOnAKinkIsNotClaimedAsPassing() {
        // s = (1, 0) with y = 0: the margin 0 − 1 + 1 is exactly on the kink.
        FeatureMatrix x = FeatureMatrix.ofDoubles(new double[] {1}, new int[] {0}, 1);
        double[] w = {1, 0};
        assertEquals(0, new SvmCost().kinkDistance(w, new double[] {0, 0}, x), 0.0);
        CheckResult onKink = new CheckResult(new CheckCase(1, 1, 0), 0, 0, 0, 1e-6);
        assertFalse(onKink.passes(1e-6));
    }
}
