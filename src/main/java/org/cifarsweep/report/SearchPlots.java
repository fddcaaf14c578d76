package org.cifarsweep.report;

import static org.cifarsweep.results.ResultsColumns.ETA;
import static org.cifarsweep.results.ResultsColumns.LAMBDA;
import static org.cifarsweep.results.ResultsColumns.VAL_ACC;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The pictures that compare many configurations, as Optuna and W&amp;B draw them, made here as static PNGs:
 * <ul>
 *   <li>{@code parallel-coordinates.png}: one line per trial across every parameter that varies, coloured by
 *       validation accuracy;</li>
 *   <li>{@code importance-val-acc.png}: the share of validation accuracy's variance each parameter explains
 *       ({@link Importance});</li>
 *   <li>{@code val-acc-distribution.png}: how many trials reach at least each validation accuracy;</li>
 *   <li>for continuous or many-level parameters, where a heatmap does not fit: {@code val-acc-by-parameter.png} (each
 *       parameter against validation accuracy) and {@code eta-lambda-val-acc.png} (η × λ coloured by it).</li>
 * </ul>
 * Each draws a bounded number of marks: at most {@link #MAX_LINES} lines or {@link #MAX_POINTS} points (the best
 * trials and an even spread of the rest), whatever the number of trials.
 */
final class SearchPlots {
    /** The comparisons of many configurations start at this many ok trials; fewer are read off the table. */
    static final int MIN_TRIALS = 6;
    static final int MAX_LINES = 2000;
    static final int MAX_POINTS = 5000;
    /** Always drawn, whatever the sample: the best trials. */
    static final int KEEP_BEST = 200;

    static final String PARALLEL = "parallel-coordinates.png";
    static final String IMPORTANCE = "importance-val-acc.png";
    static final String DISTRIBUTION = "val-acc-distribution.png";
    static final String BY_PARAMETER = "val-acc-by-parameter.png";
    static final String ETA_LAMBDA = "eta-lambda-val-acc.png";

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private SearchPlots() { }

    /**
     * The trials a search plot compares: those of the first rung for successive halving (every configuration at the
     * same epochs), ok and with a validation accuracy, best first; and how many were left out for having none.
     */
    record Trials(List<ReportedTrial> ok, int leftOut, boolean firstRung) {
        static Trials of(ResultsTable results) {
            List<ReportedTrial> rows = SearchSpace.firstRung(results.rows());
            List<ReportedTrial> ok = rows.stream().filter(r -> r.ok() && Double.isFinite(r.valAcc()))
                    .sorted(Comparator.comparingDouble(ReportedTrial::valAcc).reversed()
                            .thenComparing(ReportedTrial::trial))
                    .toList();
            return new Trials(ok, rows.size() - ok.size(), rows.size() != results.rows().size());
        }

        /** "; 3 diverged or failed trials left out" or "". */
        String leftOutNote() {
            String rung = firstRung ? "; the first halving rung, where every configuration trained for the same epochs" : "";
            return rung + (leftOut == 0 ? "" : "; " + leftOut + (leftOut == 1 ? " trial" : " trials")
                    + " without a validation accuracy (diverged or failed) left out");
        }
    }

    // ---- sampling -----------------------------------------------------------------------------------------------

    /**
     * At most {@code max} of {@code best}-first trials: all when they fit, else the {@link #KEEP_BEST} best and an
     * even spread of the rest (every k-th by rank), so that the shape of the whole stays.
     */
    static List<ReportedTrial> sample(List<ReportedTrial> bestFirst, int max) {
        if (bestFirst.size() <= max) return bestFirst;
        int keep = Math.min(KEEP_BEST, max / 2);
        List<ReportedTrial> out = new ArrayList<>(bestFirst.subList(0, keep));
        int rest = bestFirst.size() - keep;
        int slots = max - keep;
        for (int s = 0; s < slots; s++) out.add(bestFirst.get(keep + (int) ((long) s * rest / slots)));
        return out;
    }

    private static String sampled(int drawn, int all, String what) {
        return drawn == all ? all + " " + what : "a sample of " + drawn + " of the " + all + " " + what
                + " (the " + Math.min(KEEP_BEST, drawn / 2) + " best and an even spread of the rest)";
    }

    // ---- parallel coordinates -----------------------------------------------------------------------------------

    /** One axis of the parallel-coordinates plot: where a trial's value lies on it (0 bottom, 1 top), and its ticks. */
    private record Axis(String name, java.util.function.ToDoubleFunction<ReportedTrial> position, List<Tick> ticks) {
    }

    private record Tick(double at, String label) {
    }

    private static Axis axis(SearchSpace.Parameter p) {
        String name = p.column();
        if (p.few() || p.kind() == SearchSpace.Kind.WORD) {
            int k = p.levels();
            List<Tick> ticks = new ArrayList<>();
            for (int i = 0; i < k; i++) ticks.add(new Tick(levelAt(i, k), p.levelName(i)));
            return new Axis(name, r -> {
                int level = p.level(r);
                return level < 0 ? Double.NaN : levelAt(level, k);
            }, thin(ticks, 14));
        }
        double lo = p.numbers().get(0);
        double hi = p.numbers().get(p.numbers().size() - 1);
        return new Axis(name + (p.log() ? " (log)" : ""), r -> scaled(p.value(r), lo, hi, p.log()),
                numberTicks(lo, hi, p.log()));
    }

    private static double levelAt(int i, int k) {
        return k == 1 ? 0.5 : 0.04 + 0.92 * i / (k - 1);
    }

    private static double scaled(double v, double lo, double hi, boolean log) {
        if (!Double.isFinite(v)) return Double.NaN;
        if (!(hi > lo)) return 0.5;
        return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
    }

    /** About five ticks: round numbers on a linear axis, 1-2-5 steps of each decade on a log one. */
    static List<Tick> numberTicks(double lo, double hi, boolean log) {
        List<Tick> ticks = new ArrayList<>();
        if (!(hi > lo)) {
            ticks.add(new Tick(0.5, short3(lo)));
            return ticks;
        }
        if (log) {
            double[] steps = Math.log10(hi / lo) > 3 ? new double[] {1} : new double[] {1, 2, 5};
            for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
                for (double s : steps) {
                    double v = s * Math.pow(10, e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) ticks.add(new Tick(scaled(v, lo, hi, true), short3(v)));
                }
            }
            if (ticks.size() < 2) {
                ticks.add(new Tick(0, short3(lo)));
                ticks.add(new Tick(1, short3(hi)));
            }
            return ticks;
        }
        double raw = (hi - lo) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude * (raw / magnitude < 1.5 ? 1 : raw / magnitude < 3.5 ? 2 : raw / magnitude < 7.5 ? 5 : 10);
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(new Tick(scaled(v, lo, hi, false), short3(Math.abs(v) < step * 1e-9 ? 0 : v)));
        }
        return ticks;
    }

    /** Keeps at most {@code max} ticks, evenly spread, the first and last among them. */
    private static List<Tick> thin(List<Tick> ticks, int max) {
        if (ticks.size() <= max) return ticks;
        List<Tick> out = new ArrayList<>();
        for (int i = 0; i < max; i++) out.add(ticks.get((int) Math.round((double) i * (ticks.size() - 1) / (max - 1))));
        return out;
    }

    /** A value in at most 3 significant digits, written plainly: 0.000123, 45.6, 1000. */
    static String short3(double v) {
        if (v == 0 || !Double.isFinite(v)) return Numbers.plain(v);
        return Numbers.plain(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue());
    }

    static Figure parallelCoordinates(SearchSpace space, Trials trials) {
        List<ReportedTrial> drawn = new ArrayList<>(sample(trials.ok(), MAX_LINES));
        double lo = trials.ok().get(trials.ok().size() - 1).valAcc();
        double hi = trials.ok().get(0).valAcc();
        AccuracyScale scale = new AccuracyScale(lo, hi);
        List<Axis> axes = new ArrayList<>();
        for (SearchSpace.Parameter p : space.varying()) axes.add(axis(p));
        double accLo = scale.getLowerBound();
        double accHi = scale.getUpperBound();
        List<Tick> accTicks = new ArrayList<>();
        DecimalFormat percent = new DecimalFormat("0.#%", DecimalFormatSymbols.getInstance(Locale.ROOT));
        for (Tick t : numberTicks(accLo, accHi, false)) {
            accTicks.add(new Tick(t.at(), percent.format(accLo + t.at() * (accHi - accLo))));
        }
        axes.add(new Axis(VAL_ACC, r -> scaled(r.valAcc(), accLo, accHi, false), accTicks));

        int width = Math.max(760, 170 * axes.size() + 150);
        int height = 500;
        int left = 70;
        int right = width - 110;
        int top = 84;
        int bottom = height - 56;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            centred(g, "Parallel coordinates: every parameter that varies", width / 2.0, 26);
            g.setFont(SMALL);
            g.setColor(Color.DARK_GRAY);
            centred(g, sampled(drawn.size(), trials.ok().size(), "ok trials") + ", coloured by final val_acc",
                    width / 2.0, 46);

            double[] xs = new double[axes.size()];
            for (int a = 0; a < axes.size(); a++) xs[a] = left + (right - left) * (axes.size() == 1 ? 0.5 : (double) a / (axes.size() - 1));
            // Worst first, so that the best are drawn last, on top.
            drawn.sort(Comparator.comparingDouble(ReportedTrial::valAcc));
            float alpha = (float) Math.max(0.12, Math.min(0.85, Math.sqrt(60.0 / drawn.size())));
            for (int i = 0; i < drawn.size(); i++) {
                ReportedTrial r = drawn.get(i);
                boolean best = i >= drawn.size() - 10;
                Path2D.Double line = new Path2D.Double();
                boolean started = false;
                for (int a = 0; a < axes.size(); a++) {
                    double t = axes.get(a).position().applyAsDouble(r);
                    if (Double.isNaN(t)) continue;
                    double y = bottom - t * (bottom - top);
                    if (started) {
                        line.lineTo(xs[a], y);
                    } else {
                        line.moveTo(xs[a], y);
                        started = true;
                    }
                }
                Color c = scale.colour(r.valAcc());
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.round(255 * (best ? 1f : alpha))));
                g.setStroke(new BasicStroke(best ? 2.2f : 1.2f));
                g.draw(line);
            }
            g.setStroke(new BasicStroke(1.2f));
            for (int a = 0; a < axes.size(); a++) {
                Axis axis = axes.get(a);
                g.setColor(Color.DARK_GRAY);
                g.draw(new java.awt.geom.Line2D.Double(xs[a], top, xs[a], bottom));
                g.setFont(SMALL);
                for (Tick t : axis.ticks()) {
                    double y = bottom - t.at() * (bottom - top);
                    g.draw(new java.awt.geom.Line2D.Double(xs[a] - 4, y, xs[a], y));
                    halo(g, t.label(), xs[a] + 6, y + 4);
                }
                g.setFont(LABEL);
                g.setColor(Color.BLACK);
                centred(g, axis.name(), xs[a], top - 14);
            }
            // The last axis is val_acc itself: drawn in the lines' colours, it is their legend.
            for (int y = top; y <= bottom; y++) {
                g.setColor(scale.colour(accLo + (double) (bottom - y) / (bottom - top) * (accHi - accLo)));
                g.fill(new Rectangle2D.Double(xs[xs.length - 1] - 4, y, 8, 1));
            }
        } finally {
            g.dispose();
        }
        String caption = "Each line is one trial, across every parameter that varies (a parameter of few values at "
                + "evenly spaced levels) and its final val_acc, coloured by it (the 10 best drawn bold, on top): " + sampled(drawn.size(), trials.ok().size(), "ok trials")
                + trials.leftOutNote() + ".";
        return new Figure(Png.of(PARALLEL, image), caption);
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (float) (x - m.stringWidth(text) / 2.0), (float) y);
    }

    /** Text with a white outline, readable over the lines. */
    private static void halo(Graphics2D g, String text, double x, double y) {
        Color ink = g.getColor();
        g.setColor(new Color(255, 255, 255, 220));
        FontMetrics m = g.getFontMetrics();
        g.fill(new Rectangle2D.Double(x - 1, y - m.getAscent() + 1, m.stringWidth(text) + 2, m.getAscent()));
        g.setColor(ink);
        g.drawString(text, (float) x, (float) y);
    }

    // ---- importance --------------------------------------------------------------------------------------------

    /** The importance of the varying parameters, exact on a full grid, by a forest otherwise. */
    static Importance.Result importance(SearchSpace space, Trials trials) {
        List<SearchSpace.Parameter> params = space.varying();
        List<ReportedTrial> rows = trials.ok();
        double[] y = rows.stream().mapToDouble(ReportedTrial::valAcc).toArray();
        if (space.fullGrid()) {
            int[] levels = params.stream().mapToInt(SearchSpace.Parameter::levels).toArray();
            int[][] x = new int[rows.size()][params.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int j = 0; j < params.size(); j++) x[i][j] = params.get(j).level(rows.get(i));
            }
            return Importance.exact(levels, x, y);
        }
        double[][] x = new double[rows.size()][params.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < params.size(); j++) {
                double v = params.get(j).value(rows.get(i));
                x[i][j] = Double.isNaN(v) ? -1 : v;
            }
        }
        return Importance.forest(x, y);
    }

    static Figure importanceChart(SearchSpace space, Trials trials) {
        Importance.Result result = importance(space, trials);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<SearchSpace.Parameter> params = space.varying();
        for (int j = 0; j < params.size(); j++) data.addValue(result.shares()[j], "share", params.get(j).label());
        String rest = "interactions, and noise";
        if (result.variance() > 0) data.addValue(Math.max(0, 1 - result.explained()), "share", rest);
        boolean grid = result.method() == Importance.Method.EXACT_GRID;
        String how = grid ? "exact functional ANOVA over the full grid of " + result.trials() + " trials"
                : "functional ANOVA of a random-forest surrogate (" + Importance.TREES + " trees) fitted to "
                + (result.fitted() == result.trials() ? result.trials() + " trials"
                : result.fitted() + " of " + result.trials() + " trials");
        JFreeChart chart = ChartFactory.createBarChart("Hyperparameter importance for val_acc", null,
                "share of the variance of val_acc", data, PlotOrientation.HORIZONTAL, false, false, false);
        ChartStyle.apply(chart, result.variance() > 0 ? how
                : "every trial has the same val_acc: there is no variance to explain");
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        NumberAxis shares = (NumberAxis) plot.getRangeAxis();
        shares.setRange(0, 1.08);
        ChartStyle.percentAxis(shares);
        CategoryAxis names = plot.getDomainAxis();
        names.setTickLabelFont(SMALL);
        names.setMaximumCategoryLabelWidthRatio(0.4f);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, ChartStyle.SERIES[0]);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(SMALL);
        int height = Math.max(300, 150 + 42 * (params.size() + 1));
        BufferedImage image = ChartStyle.draw(chart, 720, height);
        String caption;
        if (result.variance() == 0) {
            caption = "Hyperparameter importance: every one of the " + result.trials()
                    + " trials reached the same val_acc, so no parameter explains anything (all 0%)"
                    + trials.leftOutNote() + ".";
        } else {
            caption = "The share of the variance of final val_acc that each parameter explains on its own (its main "
                    + "effect), by " + how + (grid ? "" : ", over the product of the values the trials took, "
                    + "many-valued parameters cut into " + Importance.BINS + " bins")
                    + "; the last bar is what only parameters together explain, and noise"
                    + (!grid && result.trials() < 30 ? "; with so few trials, read it as a rough guide" : "")
                    + trials.leftOutNote() + ".";
        }
        return new Figure(Png.of(IMPORTANCE, image), caption);
    }

    // ---- the distribution of val_acc ---------------------------------------------------------------------------

    static Figure distribution(Trials trials, int pictured) {
        List<ReportedTrial> ok = trials.ok();
        int n = ok.size();
        boolean log = n >= 100;
        XYSeries series = new XYSeries("trials", false, true);
        // A step down at each trial's val_acc, from best to worst: at most ~2,000 corners, whatever n.
        int stride = Math.max(1, n / 2000);
        List<Integer> at = new ArrayList<>();
        for (int i = 1; i <= n; i++) if (i <= 200 || i % stride == 0 || i == n) at.add(i);
        double previous = Double.NaN;
        for (int k = at.size() - 1; k >= 0; k--) {
            int i = at.get(k);                       // i trials reach at least ok[i-1]'s val_acc
            double v = ok.get(i - 1).valAcc();
            if (!Double.isNaN(previous)) series.add(v, (double) at.get(k + 1));
            series.add(v, (double) i);
            previous = v;
        }
        XYSeriesCollection data = new XYSeriesCollection(series);
        JFreeChart chart = ChartFactory.createXYLineChart("How many trials reach each validation accuracy", VAL_ACC,
                "trials with val_acc ≥ x", data, PlotOrientation.VERTICAL, false, false, false);
        ChartStyle.apply(chart, n + " ok trials" + (log ? "; log scale" : ""));
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, n <= 30);
        renderer.setSeriesPaint(0, ChartStyle.SERIES[0]);
        renderer.setSeriesStroke(0, ChartStyle.LINE);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        plot.setRenderer(renderer);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setAutoRangeIncludesZero(false);
        ChartStyle.percentAxis(x);
        if (log) {
            LogAxis y = new LogAxis("trials with val_acc ≥ x (log scale)");
            y.setSmallestValue(1);
            y.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            y.setRange(0.8, n * 1.25);
            decades(y, n);
            plot.setRangeAxis(y);
        } else {
            NumberAxis y = (NumberAxis) plot.getRangeAxis();
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            y.setRange(0, n + 0.5);
        }
        if (n > pictured && pictured > 0) {
            ValueMarker marker = new ValueMarker(pictured, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
            marker.setLabel("the best " + pictured + ": curves and templates pictured");
            marker.setLabelFont(SMALL);
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            marker.setLabelPaint(Color.DARK_GRAY);
            plot.addRangeMarker(marker);
        }
        String caption = "The number of ok trials whose final val_acc is at least x: read off how many configurations "
                + "come within a point of the best. The best is at the bottom right"
                + (log ? "; the count is on a log scale" : "") + trials.leftOutNote() + ".";
        return new Figure(Png.of(DISTRIBUTION, ChartStyle.draw(chart, SweepPlots.CURVES_WIDTH, SweepPlots.CURVES_HEIGHT)),
                caption);
    }

    // ---- scatters: each parameter against val_acc, and η × λ ---------------------------------------------------

    static Figure byParameter(SearchSpace space, Trials trials) {
        List<ReportedTrial> drawn = sample(trials.ok(), MAX_POINTS);
        List<SearchSpace.Parameter> params = space.varying();
        int columns = Math.min(3, params.size());
        int rows = (params.size() + columns - 1) / columns;
        int panelW = 400;
        int panelH = 300;
        int head = 50;
        BufferedImage image = new BufferedImage(columns * panelW, head + rows * panelH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        Random jitter = new Random(1);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            centred(g, "Validation accuracy against each parameter", image.getWidth() / 2.0, 24);
            g.setFont(SMALL);
            g.setColor(Color.DARK_GRAY);
            centred(g, sampled(drawn.size(), trials.ok().size(), "ok trials"), image.getWidth() / 2.0, 42);
            for (int k = 0; k < params.size(); k++) {
                SearchSpace.Parameter p = params.get(k);
                double[][] xy = new double[2][drawn.size()];
                boolean words = p.kind() == SearchSpace.Kind.WORD;
                for (int i = 0; i < drawn.size(); i++) {
                    double v = p.value(drawn.get(i));
                    xy[0][i] = words ? v + (jitter.nextDouble() - 0.5) * 0.3 : v;
                    xy[1][i] = drawn.get(i).valAcc();
                }
                DefaultXYDataset data = new DefaultXYDataset();
                data.addSeries(p.column(), xy);
                String axisName = p.column() + (p.log() ? " (log)" : "");
                ValueAxis xAxis = words ? new SymbolAxis(axisName, p.words().toArray(String[]::new))
                        : numberAxis(axisName, p);
                NumberAxis yAxis = new NumberAxis(VAL_ACC);
                yAxis.setAutoRangeIncludesZero(false);
                ChartStyle.percentAxis(yAxis);
                XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
                double size = drawn.size() > 1000 ? 4 : 6;
                renderer.setSeriesShape(0, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
                Color c = (Color) ChartStyle.SERIES[0];
                renderer.setSeriesPaint(0, new Color(c.getRed(), c.getGreen(), c.getBlue(),
                        drawn.size() > 500 ? 90 : 200));
                XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
                JFreeChart chart = new JFreeChart(p.label(), LABEL, plot, false);
                ChartStyle.apply(chart, null);
                chart.getTitle().setFont(LABEL);
                if (words) ((SymbolAxis) xAxis).setGridBandsVisible(false);
                chart.draw(g, new Rectangle2D.Double((k % columns) * panelW, head + (k / columns) * panelH, panelW, panelH));
            }
        } finally {
            g.dispose();
        }
        String caption = "Final val_acc of each trial against each parameter that varies"
                + (params.stream().anyMatch(SearchSpace.Parameter::log) ? " (log axes for parameters sampled "
                + "log-uniformly or spanning more than two decades)" : "") + "; words are spread sideways a little: "
                + sampled(drawn.size(), trials.ok().size(), "ok trials") + trials.leftOutNote() + ".";
        return new Figure(Png.of(BY_PARAMETER, image), caption);
    }

    private static ValueAxis numberAxis(String label, SearchSpace.Parameter p) {
        if (p.log()) {
            LogAxis axis = new LogAxis(label);
            axis.setNumberFormatOverride(new DecimalFormat("0.#######", DecimalFormatSymbols.getInstance(Locale.ROOT)));
            double lo = p.numbers().get(0);
            double hi = p.numbers().get(p.numbers().size() - 1);
            axis.setRange(lo / Math.pow(hi / lo, 0.04), hi * Math.pow(hi / lo, 0.04));
            decades(axis, hi / lo);
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    /** Ticks at the powers of 10 when the axis spans two decades or more; JFreeChart's own steps otherwise. */
    private static void decades(LogAxis axis, double span) {
        if (span >= 100) {
            axis.setTickUnit(new NumberTickUnit(1), false, true);
            axis.setMinorTickCount(9);
            axis.setMinorTickMarksVisible(true);
        }
    }

    static Figure etaLambda(SearchSpace space, Trials trials) {
        SearchSpace.Parameter eta = space.parameter(ETA);
        SearchSpace.Parameter lambda = space.parameter(LAMBDA);
        List<ReportedTrial> drawn = new ArrayList<>(sample(trials.ok(), MAX_POINTS));
        drawn.sort(Comparator.comparingDouble(ReportedTrial::valAcc));   // the best drawn last, on top
        AccuracyScale scale = new AccuracyScale(trials.ok().get(trials.ok().size() - 1).valAcc(),
                trials.ok().get(0).valAcc());
        double[][] xyz = new double[3][drawn.size()];
        for (int i = 0; i < drawn.size(); i++) {
            xyz[0][i] = drawn.get(i).lambda();
            xyz[1][i] = drawn.get(i).eta();
            xyz[2][i] = drawn.get(i).valAcc();
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(VAL_ACC, xyz);
        XYShapeRenderer renderer = new XYShapeRenderer();
        renderer.setPaintScale(scale);
        double size = drawn.size() > 1000 ? 5 : 8;
        renderer.setSeriesShape(0, new Ellipse2D.Double(-size / 2, -size / 2, size, size));
        renderer.setDrawOutlines(drawn.size() <= 1000);
        renderer.setUseOutlinePaint(true);
        renderer.setSeriesOutlinePaint(0, new Color(0, 0, 0, 90));
        XYPlot plot = new XYPlot(data, numberAxis("λ (L2 penalty)", lambda), numberAxis("η (learning rate)", eta), renderer);
        JFreeChart chart = new JFreeChart("Validation accuracy over η × λ", TITLE, plot, false);
        ChartStyle.apply(chart, sampled(drawn.size(), trials.ok().size(), "ok trials") + ", coloured by final val_acc");
        chart.addSubtitle(scale.legend());
        String caption = "Each trial at its λ and η, coloured by its final val_acc (the best on top)"
                + (eta.log() || lambda.log() ? "; log axes where the search is log-uniform or spans more than two decades"
                : "") + ": " + sampled(drawn.size(), trials.ok().size(), "ok trials") + trials.leftOutNote() + ".";
        return new Figure(Png.of(ETA_LAMBDA, ChartStyle.draw(chart, 700, 560)), caption);
    }

    /** The heatmaps' place is taken by scatters when η or λ has many levels, or there are too many heatmaps. */
    static boolean wantsScatters(List<ReportedTrial> rows) {
        java.util.Set<Double> etas = new java.util.HashSet<>();
        java.util.Set<Double> lambdas = new java.util.HashSet<>();
        java.util.Set<String> groups = new java.util.HashSet<>();
        boolean mixed = rows.stream().map(ReportedTrial::lossName).distinct().count() > 1;
        for (ReportedTrial r : rows) {
            if (!Double.isFinite(r.eta()) || !Double.isFinite(r.lambda())) continue;
            etas.add(r.eta());
            lambdas.add(r.lambda());
            groups.add((mixed ? r.lossName() : "") + "/" + r.nBatch() + "/" + r.nEpochs());
            if (etas.size() > SearchSpace.FEW_LEVELS || lambdas.size() > SearchSpace.FEW_LEVELS
                    || groups.size() > SearchSpace.FEW_LEVELS) {
                return true;
            }
        }
        return false;
    }
}
