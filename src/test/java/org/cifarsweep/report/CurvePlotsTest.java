package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.results.ResultsColumns;
import org.junit.jupiter.api.Test;

/** The per-trial curves: real PNGs of the documented size, both curves drawn, bad epochs survived. */
class CurvePlotsTest {
    private static final ReportedTrial TRIAL = new ReportedTrial("eta0.01_lam0.1_b100_ep40", 0.01, 0.1, 100, 40, "ok",
            0.41, 0.34, 0.33, 1.9, 2.0, 1.8, 1.9, 12.5, 38, "", new LinkedHashMap<>());

    private static List<CurvePoint> curve(int epochs) {
        List<CurvePoint> points = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            points.add(new CurvePoint(e, 2.3 - 0.02 * e, 2.4 - 0.02 * e, 0.2 + 0.005 * e, 2.31 - 0.015 * e,
                    2.41 - 0.015 * e, 0.18 + 0.004 * e));
        }
        return points;
    }

    @Test
    void everyKindIsAPngOfTheDocumentedSizeWithBothCurves() throws Exception {
        for (CurvePlots.Kind kind : CurvePlots.Kind.values()) {
            Png png = Png.of(kind.file + ".png", CurvePlots.render(kind, TRIAL, curve(40)));
            BufferedImage image = PngAssertions.assertPng(png.bytes(), CurvePlots.WIDTH, CurvePlots.HEIGHT, kind.file);
            // The lines are 2 px wide in their series colours: hundreds of pixels each, not just the legend's.
            assertTrue(PngAssertions.count(image, ChartStyle.TRAIN) > 200, kind + ": training curve drawn");
            assertTrue(PngAssertions.count(image, ChartStyle.VALIDATION) > 200, kind + ": validation curve drawn");
        }
    }

    private static ReportedTrial withLoss(String loss) {
        Map<String, String> values = new LinkedHashMap<>(TRIAL.values());
        values.put(ResultsColumns.LOSS, loss);
        return new ReportedTrial(TRIAL.trial(), TRIAL.eta(), TRIAL.lambda(), TRIAL.nBatch(), TRIAL.nEpochs(),
                TRIAL.status(), TRIAL.trainAcc(), TRIAL.valAcc(), TRIAL.testAcc(), TRIAL.trainCost(), TRIAL.valCost(),
                TRIAL.trainLoss(), TRIAL.valLoss(), TRIAL.seconds(), TRIAL.bestEpoch(), TRIAL.reason(), values);
    }

    @Test
    void theTitlesAndCaptionsNameTheTrialsOwnLoss() {
        ReportedTrial svm = withLoss("svm");
        assertEquals("hinge", svm.lossName());
        assertEquals("Loss: mean hinge", CurvePlots.Kind.LOSS.title(svm));
        assertEquals("Loss (mean hinge) per epoch, training and validation.", CurvePlots.Kind.LOSS.caption(svm));
        assertEquals("Cost (hinge + λ‖W‖²) per epoch, training and validation.",
                CurvePlots.Kind.COST.caption(svm));
        for (CurvePlots.Kind kind : CurvePlots.Kind.values()) {
            assertFalse(kind.title(svm).contains("cross-entropy"), kind.name());
            assertFalse(kind.caption(svm).contains("cross-entropy"), kind.name());
        }
        // softmax, and an empty or absent column (a results.csv from before it): cross-entropy, as it always was.
        for (ReportedTrial softmax : List.of(withLoss("softmax"), withLoss(""), TRIAL)) {
            assertEquals("cross-entropy", softmax.lossName());
            assertEquals("Loss: mean cross-entropy", CurvePlots.Kind.LOSS.title(softmax));
            assertEquals("Cost (cross-entropy + λ‖W‖²) per epoch, training and validation.",
                    CurvePlots.Kind.COST.caption(softmax));
        }
        assertEquals("Cost: loss + λ‖W‖²", CurvePlots.Kind.COST.title(svm));
        assertEquals("Accuracy", CurvePlots.Kind.ACCURACY.title(svm));
        // A loss this version does not know is named as written, not called something it is not.
        assertEquals("Loss: mean focal", CurvePlots.Kind.LOSS.title(withLoss("focal")));
    }

    @Test
    void nonFiniteEpochsOfADivergingTrialAreLeftOut() throws Exception {
        List<CurvePoint> points = new ArrayList<>(curve(3));
        points.add(new CurvePoint(4, Double.POSITIVE_INFINITY, Double.NaN, 0.1, Double.NaN, Double.NEGATIVE_INFINITY, 0.1));
        ReportedTrial diverged = new ReportedTrial("eta1_lam0_b100_ep40", 1, 0, 100, 40, "diverged", Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1, -1, "cost became NaN",
                new LinkedHashMap<>());
        for (CurvePlots.Kind kind : CurvePlots.Kind.values()) {
            PngAssertions.assertPng(Png.of("x.png", CurvePlots.render(kind, diverged, points)).bytes(),
                    CurvePlots.WIDTH, CurvePlots.HEIGHT, kind.file);
        }
        // No epoch at all: an empty chart, not an exception.
        PngAssertions.assertPng(Png.of("x.png", CurvePlots.render(CurvePlots.Kind.COST, diverged, List.of())).bytes(),
                CurvePlots.WIDTH, CurvePlots.HEIGHT, "empty");
    }
}
