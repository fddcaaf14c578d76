package org.cifarsweep.report;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.cifarsweep.results.CurvesColumns;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A trial's training and validation curves per epoch, as in the assignment's figures: cost (loss + λ‖W‖², Figures
 * 1, 8, 10), loss (the trial's own, cross-entropy or hinge, alone) and accuracy (Figures 2, 7, 9, 11). Epochs whose
 * value is NaN or infinite (a diverging trial) are left out rather than stretching the axis to nothing.
 */
public final class CurvePlots {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 400;
    /** Where a title or caption names the trial's loss ({@link ReportedTrial#lossName()}). */
    private static final String LOSS_NAME = "{loss}";

    /** What one plot shows: its title, its y label, its caption, and how to read the two curves from an epoch. */
    public enum Kind {
        COST("cost", "Cost: loss + λ‖W‖²", "cost",
                "Cost (" + LOSS_NAME + " + λ‖W‖²) per epoch, training and validation.",
                CurvePoint::trainCost, CurvePoint::valCost),
        LOSS("loss", "Loss: mean " + LOSS_NAME, "loss",
                "Loss (mean " + LOSS_NAME + ") per epoch, training and validation.",
                CurvePoint::trainLoss, CurvePoint::valLoss),
        ACCURACY("accuracy", "Accuracy", "accuracy", "Accuracy per epoch, training and validation.",
                CurvePoint::trainAcc, CurvePoint::valAcc);

        public final String file;
        private final String title;
        final String axis;
        private final String caption;
        final ToDoubleFunction<CurvePoint> train;
        final ToDoubleFunction<CurvePoint> validation;

        Kind(String file, String title, String axis, String caption, ToDoubleFunction<CurvePoint> train,
             ToDoubleFunction<CurvePoint> validation) {
            this.file = file;
            this.title = title;
            this.axis = axis;
            this.caption = caption;
            this.train = train;
            this.validation = validation;
        }

        /** The chart's title for this trial, naming its loss where it names one. */
        public String title(ReportedTrial trial) {
            return title.replace(LOSS_NAME, trial.lossName());
        }

        /** The sentence under the picture on the page, naming the trial's loss where it names one. */
        public String caption(ReportedTrial trial) {
            return caption.replace(LOSS_NAME, trial.lossName());
        }
    }

    private CurvePlots() { }

    public static BufferedImage render(Kind kind, ReportedTrial trial, List<CurvePoint> curve) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(series("training", curve, kind.train));
        data.addSeries(series("validation", curve, kind.validation));
        JFreeChart chart = ChartFactory.createXYLineChart(kind.title(trial), CurvesColumns.EPOCH, kind.axis, data,
                PlotOrientation.VERTICAL, true, false, false);
        String subtitle = trial.params() + "   ·   " + trial.trial()
                + (trial.ok() ? "" : "   ·   " + trial.status());
        ChartStyle.apply(chart, subtitle);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, curve.size() <= 20);
        renderer.setSeriesPaint(0, ChartStyle.TRAIN);
        renderer.setSeriesPaint(1, ChartStyle.VALIDATION);
        renderer.setSeriesStroke(0, ChartStyle.LINE);
        renderer.setSeriesStroke(1, ChartStyle.LINE);
        plot.setRenderer(renderer);
        NumberAxis epochs = (NumberAxis) plot.getDomainAxis();
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        values.setAutoRangeIncludesZero(false);
        if (kind == Kind.ACCURACY) ChartStyle.percentAxis(values);
        return ChartStyle.draw(chart, WIDTH, HEIGHT);
    }

    private static XYSeries series(String name, List<CurvePoint> curve, ToDoubleFunction<CurvePoint> value) {
        XYSeries series = new XYSeries(name, true, false);
        for (CurvePoint p : curve) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) series.add(p.epoch(), v);
        }
        return series;
    }
}
