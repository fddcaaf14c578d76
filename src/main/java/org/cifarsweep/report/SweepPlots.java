package org.cifarsweep.report;

import static org.cifarsweep.results.CurvesColumns.EPOCH;
import static org.cifarsweep.results.ResultsColumns.ETA;
import static org.cifarsweep.results.ResultsColumns.LAMBDA;
import static org.cifarsweep.results.ResultsColumns.TEST_ACC;
import static org.cifarsweep.results.ResultsColumns.VAL_ACC;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The pictures that compare trials: validation accuracy over η × λ (one heatmap per batch size and epoch count, when
 * η and λ have few levels; scatters otherwise, see {@link SearchPlots}), the validation-accuracy curves of the five
 * best trials, validation against test accuracy for every trial, and, for a sweep of many trials, the comparisons of
 * {@link SearchPlots}.
 * They name no loss for a sweep with one; a sweep that mixes losses gets one heatmap per loss as well, and its legends
 * name each trial's loss, so that no picture speaks of one loss for trials of another.
 */
public final class SweepPlots {
    public static final int TOP = 5;
    static final int CURVES_WIDTH = 800;
    static final int CURVES_HEIGHT = 480;
    static final int SCATTER_SIDE = 560;

    private SweepPlots() { }

    /** The comparisons, or none for a single trial (a train run), which has nothing to compare. */
    public static List<Figure> render(ResultsTable results, CurvesTable curves) {
        return render(results, curves, Set.of(), 0, new ArrayList<>());
    }

    /**
     * The comparisons, chosen by the shape of the search ({@link SearchSpace}):
     * <ul>
     *   <li>η × λ heatmaps when η and λ have few levels (at most {@value SearchSpace#FEW_LEVELS} each, and at most as
     *       many heatmaps), else a scatter of each parameter against val_acc and one of η × λ coloured by it;</li>
     *   <li>the top-5 curves and validation against test, as always;</li>
     *   <li>from {@value SearchPlots#MIN_TRIALS} ok trials on: parallel coordinates and the importance of the
     *       parameters (when two or more vary), the distribution of val_acc, and the scatter of each parameter
     *       against val_acc when one of them has many levels.</li>
     * </ul>
     *
     * @param logUniform the parameters the conf sampled log-uniformly (log axes)
     * @param pictured   how many of the best trials have their own pictures (marked on the distribution)
     * @param notes      where to say what could not be drawn
     */
    static List<Figure> render(ResultsTable results, CurvesTable curves, Set<String> logUniform, int pictured,
                               List<String> notes) {
        if (results.rows().size() < 2) return List.of();
        boolean mixed = results.mixesLosses();
        SearchPlots.Trials trials = SearchPlots.Trials.of(results);
        SearchSpace space = SearchSpace.of(trials.ok(), logUniform);
        boolean scatters = SearchPlots.wantsScatters(results.rows());
        boolean many = trials.ok().size() >= SearchPlots.MIN_TRIALS;
        List<Configurations.Config> configs = Configurations.ranked(results.rows());
        List<Figure> figures = new ArrayList<>();
        if (!scatters) {
            figures.addAll(heatmaps(results.rows(), mixed, !configs.isEmpty()));
        } else if (!trials.ok().isEmpty()) {
            if (space.parameter(ETA) != null && space.parameter(LAMBDA) != null) {
                figures.add(SearchPlots.etaLambda(space, trials));
            }
            if (!space.varying().isEmpty()) figures.add(SearchPlots.byParameter(space, trials));
        }
        Figure top = configs.isEmpty() ? topCurves(results, curves, mixed) : topBands(configs, curves, mixed);
        if (top != null) figures.add(top);
        Figure scatter = valVsTest(results.rows(), mixed);
        if (scatter != null) figures.add(scatter);
        if (many) {
            if (!scatters && space.varying().stream().anyMatch(p -> !p.few())) {
                figures.add(SearchPlots.byParameter(space, trials));
            }
            if (space.varying().size() >= 2) {
                figures.add(SearchPlots.parallelCoordinates(space, trials));
                try {
                    figures.add(SearchPlots.importanceChart(space, trials));
                } catch (RuntimeException | LinkageError e) {
                    // The forest comes from a library (and, on a cluster, protobuf from Spark's jars): without it, the
                    // report loses this one picture.
                    notes.add("hyperparameter importance not computed (" + e.getClass().getSimpleName() + ": "
                            + e.getMessage() + ")");
                }
            }
            figures.add(SearchPlots.distribution(trials, pictured));
        }
        return figures;
    }

    // ---- heatmaps ----------------------------------------------------------------------------------------------

    /**
     * One heatmap per (n_batch, n_epochs), and per loss if {@code byLoss}, on the η and λ values of the whole sweep,
     * sharing one colour scale. With {@code repeats}, each cell is the mean ± sd of its configuration's repeats.
     */
    static List<Figure> heatmaps(List<ReportedTrial> rows, boolean byLoss, boolean repeats) {
        TreeSet<Double> etas = new TreeSet<>();
        TreeSet<Double> lambdas = new TreeSet<>();
        Map<String, List<ReportedTrial>> groups = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<ReportedTrial> sorted = rows.stream().filter(r -> Double.isFinite(r.eta()) && Double.isFinite(r.lambda()))
                .sorted(java.util.Comparator.comparing((ReportedTrial r) -> byLoss ? r.lossName() : "")
                        .thenComparingInt(ReportedTrial::nBatch).thenComparingInt(ReportedTrial::nEpochs))
                .toList();
        for (ReportedTrial r : sorted) {
            etas.add(r.eta());
            lambdas.add(r.lambda());
            String group = (byLoss ? r.lossName() + "/" : "") + r.nBatch() + "/" + r.nEpochs();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).add(r);
            if (r.ok() && Double.isFinite(r.valAcc())) {
                lo = Math.min(lo, r.valAcc());
                hi = Math.max(hi, r.valAcc());
            }
        }
        AccuracyScale scale = new AccuracyScale(lo, hi);
        List<Figure> figures = new ArrayList<>();
        for (List<ReportedTrial> group : groups.values()) {
            figures.add(heatmap(group, List.copyOf(etas), List.copyOf(lambdas), scale, byLoss, repeats));
        }
        return figures;
    }

    private static Figure heatmap(List<ReportedTrial> group, List<Double> etas, List<Double> lambdas,
                                  AccuracyScale scale, boolean byLoss, boolean repeats) {
        int batch = group.get(0).nBatch();
        int epochs = group.get(0).nEpochs();
        String loss = byLoss ? group.get(0).lossName() : null;
        DefaultXYZDataset data = new DefaultXYZDataset();
        List<double[]> cells = new ArrayList<>();
        List<XYTextAnnotation> labels = new ArrayList<>();
        for (int e = 0; e < etas.size(); e++) {
            for (int l = 0; l < lambdas.size(); l++) {
                Cell cell = repeats ? Cell.ofConfigurations(group, etas.get(e), lambdas.get(l))
                        : Cell.of(group, etas.get(e), lambdas.get(l));
                XYTextAnnotation label = new XYTextAnnotation(cell.label(), l, e);
                label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, repeats ? 12 : 13));
                label.setTextAnchor(TextAnchor.CENTER);
                if (cell.trials == 0) {
                    label.setPaint(Color.GRAY);
                } else {
                    cells.add(new double[] {l, e, cell.best});
                    label.setPaint(scale.textOn(cell.best));
                }
                labels.add(label);
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int d = 0; d < 3; d++) xyz[d][i] = cells.get(i)[d];
        }
        data.addSeries(VAL_ACC, xyz);

        SymbolAxis lambdaAxis = new SymbolAxis("λ (L2 penalty)", lambdas.stream().map(Numbers::plain).toArray(String[]::new));
        SymbolAxis etaAxis = new SymbolAxis("η (learning rate)", etas.stream().map(Numbers::plain).toArray(String[]::new));
        for (SymbolAxis axis : List.of(lambdaAxis, etaAxis)) {
            axis.setGridBandsVisible(false);
            axis.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        }
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, lambdaAxis, etaAxis, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        lambdaAxis.setRange(-0.5, lambdas.size() - 0.5);
        etaAxis.setRange(-0.5, etas.size() - 0.5);
        labels.forEach(plot::addAnnotation);
        String title = "Validation accuracy, " + (loss == null ? "" : loss + ", ") + "batch " + batch + ", " + epochs
                + " epochs";
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, false);
        ChartStyle.apply(chart, (repeats ? "mean ± sd (points) of the final val_acc over each configuration's repeats"
                : "final val_acc per (η, λ)") + "; grey: diverged or failed; —: no trial");
        plot.setBackgroundPaint(new Color(0xf4f4f4));

        chart.addSubtitle(scale.legend());

        // Two heatmaps of a 4×4 grid fit side by side on a 1400-pixel-wide page.
        int width = Math.max(520, 240 + 100 * lambdas.size());
        int height = Math.max(360, 170 + 64 * etas.size());
        BufferedImage image = ChartStyle.draw(chart, width, height);
        String name = "heatmap-val-acc-" + (loss == null ? "" : loss.replaceAll("[^A-Za-z0-9.-]", "_") + "-") + "b"
                + batch + "-ep" + epochs + ".png";
        return new Figure(Png.of(name, image), "Validation accuracy over η × λ"
                + (loss == null ? "" : " of the " + loss + " trials") + " for batch size " + batch + " and "
                + epochs + " epochs (" + group.size() + " trials)"
                + (repeats ? ": each cell the mean ± sd of its configuration's repeats, coloured by the mean." : "."));
    }

    /**
     * The trials of one (η, λ) cell: the best validation accuracy among the ok ones, or how the others ended. With
     * repeats, {@code best} is the best configuration's mean and {@code label} its mean ± sd.
     */
    record Cell(int trials, int ok, double best, String status, String text) {
        /** The best configuration of the cell by mean val_acc, shown as mean ± sd (and of how many, if several). */
        static Cell ofConfigurations(List<ReportedTrial> group, double eta, double lambda) {
            List<ReportedTrial> in = group.stream()
                    .filter(r -> Numbers.same(r.eta(), eta) && Numbers.same(r.lambda(), lambda)).toList();
            Cell plain = of(in, eta, lambda);
            List<Configurations.Config> configs = new ArrayList<>();
            in.stream().collect(java.util.stream.Collectors.groupingBy(Configurations::of, LinkedHashMap::new,
                    java.util.stream.Collectors.toList())).forEach((name, rows) -> configs.add(Configurations.Config.of(name, rows)));
            configs.sort(Configurations.ORDER);
            if (configs.isEmpty() || plain.ok == 0) return plain;
            Configurations.Config best = configs.get(0);
            String text = best.val() + (configs.size() > 1 ? " (best of " + configs.size() + ")" : "");
            return new Cell(plain.trials, plain.ok, best.valMean(), plain.status, text);
        }

        static Cell of(List<ReportedTrial> group, double eta, double lambda) {
            int trials = 0;
            int ok = 0;
            double best = Double.NaN;
            String status = "";
            for (ReportedTrial r : group) {
                if (!Numbers.same(r.eta(), eta) || !Numbers.same(r.lambda(), lambda)) continue;
                trials++;
                if (r.ok() && Double.isFinite(r.valAcc())) {
                    ok++;
                    best = Double.isNaN(best) ? r.valAcc() : Math.max(best, r.valAcc());
                } else if (status.isEmpty()) {
                    status = r.status();
                }
            }
            return new Cell(trials, ok, best, status, null);
        }

        String label() {
            if (text != null) return text;
            if (trials == 0) return "—";
            if (ok == 0) return status;
            return Numbers.percent(best) + (trials > 1 ? " (best of " + trials + ")" : "");
        }
    }

    // ---- top-5 curves ------------------------------------------------------------------------------------------

    /** The five best trials' validation curves; the legend names each one's loss if {@code withLoss}. */
    static Figure topCurves(ResultsTable results, CurvesTable curves, boolean withLoss) {
        List<ReportedTrial> best = results.ranked().stream()
                .filter(r -> r.ok() && Double.isFinite(r.valAcc()) && !curves.of(r.trial()).isEmpty())
                .limit(TOP).toList();
        if (best.isEmpty()) return null;
        XYSeriesCollection data = new XYSeriesCollection();
        int rank = 0;
        for (ReportedTrial r : best) {
            XYSeries series = new XYSeries(++rank + ". " + r.params(withLoss) + ": " + Numbers.percent(r.valAcc()),
                    true, false);
            for (CurvePoint p : curves.of(r.trial())) {
                if (Double.isFinite(p.valAcc())) series.add(p.epoch(), p.valAcc());
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Validation accuracy of the " + best.size() + " best trials",
                EPOCH, VAL_ACC, data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, "ranked by final val_acc");
        return topFigure(chart, new XYLineAndShapeRenderer(true, false), best.size(),
                "Validation accuracy per epoch of the " + best.size() + " trials with the best final val_acc.");
    }

    /** The top-5 figure: {@code chart}'s {@code series} curves in the series colours, epochs against accuracy. */
    private static Figure topFigure(JFreeChart chart, XYLineAndShapeRenderer renderer, int series, String caption) {
        for (int i = 0; i < series; i++) {
            java.awt.Paint paint = ChartStyle.SERIES[i % ChartStyle.SERIES.length];
            renderer.setSeriesPaint(i, paint);
            renderer.setSeriesFillPaint(i, paint);
            renderer.setSeriesStroke(i, ChartStyle.LINE);
        }
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis values = (NumberAxis) plot.getRangeAxis();
        values.setAutoRangeIncludesZero(false);
        ChartStyle.percentAxis(values);
        return new Figure(Png.of("top" + TOP + "-val-acc.png", ChartStyle.draw(chart, CURVES_WIDTH, CURVES_HEIGHT)),
                caption);
    }

    /**
     * The five best configurations' mean validation curves, each with a band of ± 1 sd over its repeats (where
     * curves.csv has them); the legend gives each one's final mean ± sd.
     */
    static Figure topBands(List<Configurations.Config> configs, CurvesTable curves, boolean withLoss) {
        List<Configurations.Config> best = new ArrayList<>();
        List<List<Configurations.Band>> bands = new ArrayList<>();
        for (Configurations.Config c : configs) {
            if (best.size() == TOP || c.ok() == 0) break;
            List<List<CurvePoint>> repeats = new ArrayList<>();
            for (ReportedTrial r : c.repeats()) if (r.ok()) repeats.add(curves.of(r.trial()));
            List<Configurations.Band> band = Configurations.valBands(repeats);
            if (band.isEmpty()) continue;
            best.add(c);
            bands.add(band);
        }
        if (best.isEmpty()) return null;
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (int i = 0; i < best.size(); i++) {
            Configurations.Config c = best.get(i);
            YIntervalSeries series = new YIntervalSeries((i + 1) + ". " + c.first().params(withLoss) + ": " + c.val()
                    + " (" + c.ok() + " seeds)", true, false);
            for (Configurations.Band b : bands.get(i)) {
                double sd = Double.isFinite(b.sd()) ? b.sd() : 0;
                series.add(b.epoch(), b.mean(), b.mean() - sd, b.mean() + sd);
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Validation accuracy of the " + best.size()
                + " best configurations", EPOCH, VAL_ACC, data, PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, "mean over each configuration's repeats, band ± 1 sd; ranked by final mean val_acc");
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        renderer.setAlpha(0.2f);
        return topFigure(chart, renderer, best.size(), "Validation accuracy per epoch of the " + best.size()
                + " configurations with the best final mean val_acc: the mean over their repeats, with a band of ± 1 "
                + "standard deviation.");
    }

    // ---- validation vs test ------------------------------------------------------------------------------------

    /** Every ok trial's validation against test accuracy, one colour per batch size, and per loss if {@code byLoss}. */
    static Figure valVsTest(List<ReportedTrial> rows, boolean byLoss) {
        List<ReportedTrial> all = rows.stream()
                .filter(r -> r.ok() && Double.isFinite(r.valAcc()) && Double.isFinite(r.testAcc()))
                .sorted(java.util.Comparator.comparingDouble(ReportedTrial::valAcc).reversed()).toList();
        if (all.isEmpty()) return null;
        // Bounded work: beyond MAX_POINTS, the best and an even spread of the rest.
        List<ReportedTrial> points = SearchPlots.sample(all, SearchPlots.MAX_POINTS);
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, XYSeries> bySeries = new LinkedHashMap<>();
        double lo = 1;
        double hi = 0;
        List<ReportedTrial> inOrder = points.stream()
                .sorted(java.util.Comparator.comparingInt(ReportedTrial::nBatch)
                        .thenComparing(r -> byLoss ? r.lossName() : ""))
                .toList();
        for (ReportedTrial r : inOrder) {
            String key = "batch " + r.nBatch() + (byLoss ? ", " + r.lossName() : "");
            bySeries.computeIfAbsent(key, k -> new XYSeries(k, false, true)).add(r.valAcc(), r.testAcc());
            lo = Math.min(lo, Math.min(r.valAcc(), r.testAcc()));
            hi = Math.max(hi, Math.max(r.valAcc(), r.testAcc()));
        }
        bySeries.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createScatterPlot("Validation vs test accuracy", VAL_ACC, TEST_ACC, data,
                PlotOrientation.VERTICAL, true, false, false);
        ChartStyle.apply(chart, (points.size() == all.size() ? points.size() + " ok trials"
                : "a sample of " + points.size() + " of " + all.size() + " ok trials") + "; on the diagonal, test = validation");
        XYPlot plot = chart.getXYPlot();
        double pad = Math.max(0.01, (hi - lo) * 0.08);
        lo = Math.max(0, lo - pad);
        hi = Math.min(1, hi + 2 * pad);   // room for the labels right of the top points
        for (NumberAxis axis : List.of((NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis())) {
            axis.setRange(lo, hi);
            ChartStyle.percentAxis(axis);
        }
        plot.addAnnotation(new XYLineAnnotation(lo, lo, hi, hi,
                new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f),
                Color.GRAY));
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < bySeries.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.SERIES[i % ChartStyle.SERIES.length]);
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-5, -5, 10, 10));
        }
        if (points.size() <= 10) {
            // Few enough to name each point without the labels covering each other.
            for (ReportedTrial r : points) {
                XYTextAnnotation label = new XYTextAnnotation(" η" + Numbers.plain(r.eta()) + " λ" + Numbers.plain(r.lambda()),
                        r.valAcc(), r.testAcc());
                label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                label.setPaint(Color.DARK_GRAY);
                plot.addAnnotation(label);
            }
        }
        return new Figure(Png.of("val-vs-test.png", ChartStyle.draw(chart, SCATTER_SIDE + 80, SCATTER_SIDE)),
                "Final validation against test accuracy of every ok trial, coloured by batch size"
                        + (byLoss ? " and loss" : "") + (points.size() == all.size() ? "." : " (a sample of "
                        + points.size() + " of the " + all.size() + ": the best " + Math.min(SearchPlots.KEEP_BEST,
                        points.size() / 2) + " and an even spread of the rest)."));
    }
}
