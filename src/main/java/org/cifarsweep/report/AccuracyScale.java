package org.cifarsweep.report;

import java.awt.Color;
import java.awt.Paint;
import org.cifarsweep.results.ResultsColumns;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/**
 * The heatmaps' colours: viridis from the lowest to the highest validation accuracy of the sweep (one scale for all
 * batch sizes, so their colours compare), grey for a diverged or failed cell.
 */
final class AccuracyScale implements PaintScale, java.io.Serializable {
    static final Color NO_NUMBER = new Color(0xbdbdbd);
    private static final Color[] VIRIDIS = {
            new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};

    private final double lower;
    private final double upper;

    AccuracyScale(double lower, double upper) {
        if (!(upper > lower)) {
            // One value (or none): widen around it so the colour is mid-scale rather than undefined.
            double centre = Double.isFinite(lower) ? lower : 0.5;
            lower = centre - 0.01;
            upper = centre + 0.01;
        }
        this.lower = lower;
        this.upper = upper;
    }

    /** The colour bar of this scale, in percent of val_acc, at the right of a chart. */
    PaintScaleLegend legend() {
        NumberAxis axis = new NumberAxis(ResultsColumns.VAL_ACC);
        ChartStyle.percentAxis(axis);
        axis.setRange(lower, upper);
        PaintScaleLegend legend = new PaintScaleLegend(this, axis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setMargin(new RectangleInsets(40, 10, 40, 10));
        legend.setStripWidth(14);
        return legend;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return colour(value);
    }

    Color colour(double value) {
        if (!Double.isFinite(value)) return NO_NUMBER;
        double t = Math.max(0, Math.min(1, (value - lower) / (upper - lower))) * (VIRIDIS.length - 1);
        int i = Math.min((int) t, VIRIDIS.length - 2);
        double f = t - i;
        Color a = VIRIDIS[i];
        Color b = VIRIDIS[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    /** White text on the dark half of the scale, black on the light half. */
    Color textOn(double value) {
        Color c = colour(value);
        double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
        return luminance < 128 ? Color.WHITE : Color.BLACK;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
