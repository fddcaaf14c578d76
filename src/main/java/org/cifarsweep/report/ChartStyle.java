package org.cifarsweep.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/** One look for every chart of the report: white background, light grid, readable fonts, the same two colours. */
final class ChartStyle {
    /** Training and validation, as the assignment's figures pair them; distinguishable by colour-blind readers. */
    static final Color TRAIN = new Color(0x1f77b4);
    static final Color VALIDATION = new Color(0xd95f02);
    /** For several trials on one chart (Tableau 10, first five): the top-5 curves and the batch sizes. */
    static final Paint[] SERIES = {
            new Color(0x4e79a7), new Color(0xf28e2b), new Color(0x59a14f), new Color(0xe15759), new Color(0x76b7b2),
            new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f), new Color(0xbab0ac)};
    static final BasicStroke LINE = new BasicStroke(2.0f);
    private static final Color GRID = new Color(0xdddddd);

    private ChartStyle() { }

    static JFreeChart apply(JFreeChart chart, String subtitle) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        if (subtitle != null) {
            TextTitle sub = new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            sub.setPaint(Color.DARK_GRAY);
            sub.setPosition(RectangleEdge.TOP);
            chart.addSubtitle(sub);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(GRID);
            plot.setRangeGridlinePaint(GRID);
            plot.setOutlinePaint(Color.GRAY);
        }
        return chart;
    }

    /** Accuracies are stored as fractions and shown as percentages, like the assignment's tables. */
    static void percentAxis(NumberAxis axis) {
        // An unquoted % in a DecimalFormat pattern multiplies by 100.
        axis.setNumberFormatOverride(new DecimalFormat("0.#%", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    }

    static BufferedImage draw(JFreeChart chart, int width, int height) {
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }
}
