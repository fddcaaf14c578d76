package org.cifarsweep.report;

import static org.cifarsweep.results.ResultsColumns.BEST_EPOCH;
import static org.cifarsweep.results.ResultsColumns.ETA;
import static org.cifarsweep.results.ResultsColumns.EXECUTOR;
import static org.cifarsweep.results.ResultsColumns.LAMBDA;
import static org.cifarsweep.results.ResultsColumns.LOSS;
import static org.cifarsweep.results.ResultsColumns.N_BATCH;
import static org.cifarsweep.results.ResultsColumns.N_EPOCHS;
import static org.cifarsweep.results.ResultsColumns.SECONDS;
import static org.cifarsweep.results.ResultsColumns.STATUS;
import static org.cifarsweep.results.ResultsColumns.TEST_ACC;
import static org.cifarsweep.results.ResultsColumns.TRAIN_ACC;
import static org.cifarsweep.results.ResultsColumns.TRAIN_COST;
import static org.cifarsweep.results.ResultsColumns.TRIAL;
import static org.cifarsweep.results.ResultsColumns.VAL_ACC;
import static org.cifarsweep.results.ResultsColumns.VAL_COST;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.cifarsweep.train.TrainingStatus;

/**
 * report.html: one self-contained page (pictures as data URIs, inline CSS and script, a Content-Security-Policy
 * that forbids every request) that opens from disk. It holds the ranked table of trials, sortable, filterable and
 * paged, each row opening the trial's curves and templates; the sweep's plots; the assignment's numbers beside ours
 * for seed-experiments; and the provenance.
 *
 * <p>Its size is bounded in the number of trials but for the data every trial needs: the first {@link #PAGE_ROWS}
 * rows are written as HTML (the page reads without its script), every row as JSON that the script sorts, filters and
 * pages ({@link ReportScript}), pictures for the best N trials only, and every trial's curves as 8 bytes an epoch
 * ({@link CurvesData}), drawn by the script when a row without pictures is opened. The page is written as it is made,
 * to any {@link Appendable}, so a build never holds it whole.
 */
public final class ReportPage {
    /** No network at all: pictures are data: URIs, style and script are inline. */
    static final String CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'";
    /** Rows per page of the table, and the rows written as HTML. */
    static final int PAGE_ROWS = 100;

    /** The trials table's own columns, beside those of results.csv: the rank, and the assignment's test_acc. */
    private static final String RANK = "rank";
    private static final String REPORT_TEST_ACC = "report_test_acc";

    /** A column of the trials table: its key (the results.csv column where there is one) and its kind. */
    private record Column(String key, String tooltip, boolean numeric) {
        /** The class of its cells unless a cell says otherwise. */
        String css() {
            return key.equals(TRIAL) ? "trial-name" : numeric ? "num" : "";
        }
    }

    /** One cell: the value it sorts by, its HTML, and its class. */
    private record Cell(String value, String shown, String css) {
    }

    private ReportPage() { }

    /** The page as one string: for tests and small reports. */
    public static String render(ReportContent c) {
        StringBuilder html = new StringBuilder(1 << 16);
        try {
            write(c, html);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // a StringBuilder does not throw
        }
        return html.toString();
    }

    /** Writes the page to {@code out} as it is made. */
    public static void write(ReportContent c, Appendable out) throws IOException {
        List<Column> columns = columns(c.assignment(), c.results().mixesLosses());
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CSP).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n")
                .append("<title>cifar-sweep: ").append(Html.escape(c.title())).append("</title>\n")
                .append("<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n");
        header(html, c);
        html.append("<main>\n");
        notes(html, c);
        if (!c.configurations().isEmpty()) configurations(html, c);
        trialsTable(html, c, columns);
        out.append(html);
        sweepPlots(out, c);
        html.setLength(0);
        if (c.assignment()) assignment(html, c);
        provenance(html, c);
        html.append("</main>\n");
        out.append(html);
        for (TrialSection t : c.pictured().values()) {
            html.setLength(0);
            detailTemplate(html, c, t);
            out.append(html);
        }
        trialData(out, c, columns);
        curveData(out, c);
        out.append("<script>\n").append(ReportScript.JS).append("</script>\n</body>\n</html>\n");
    }

    private static void header(StringBuilder html, ReportContent c) {
        ResultsTable r = c.results();
        html.append("<header>\n<h1>cifar-sweep report: ").append(Html.escape(c.title())).append("</h1>\n")
                .append("<p class=\"meta\">").append(Html.escape(c.folder().toAbsolutePath().normalize().toString()))
                .append(" · built ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                        c.built().atOffset(ZoneOffset.UTC).withNano(0))).append(" UTC</p>\n")
                .append("<p class=\"counts\"><span id=\"count\">").append(r.rows().size())
                .append(r.rows().size() == 1 ? " trial" : " trials").append("</span>")
                .append("<span>").append(r.count(TrainingStatus.OK)).append(" ok</span><span>")
                .append(r.count(TrainingStatus.DIVERGED)).append(" diverged</span><span>")
                .append(r.count(TrainingStatus.FAILED)).append(" failed</span>");
        c.ranked().stream().filter(t -> t.ok() && Double.isFinite(t.valAcc())).findFirst().ifPresent(best ->
                html.append("<span>best val_acc <b>").append(Numbers.percent(best.valAcc())).append("</b> (")
                        .append(Html.escape(best.params(r.mixesLosses()))).append(", test ")
                        .append(Numbers.percent(best.testAcc())).append(")</span>"));
        if (!c.configurations().isEmpty() && c.configurations().get(0).ok() > 0) {
            Configurations.Config best = c.configurations().get(0);
            html.append("<span>best configuration <b>").append(best.val()).append("</b> val_acc (")
                    .append(Html.escape(best.first().params(r.mixesLosses()))).append(", test ").append(best.test())
                    .append(", ").append(best.ok()).append(" seeds)</span>");
        }
        html.append("</p>\n<nav>");
        if (!c.configurations().isEmpty()) html.append("<a href=\"#configurations\">Configurations</a>");
        html.append("<a href=\"#trials\">Trials</a><a href=\"#plots\">Sweep plots</a>");
        if (c.assignment()) html.append("<a href=\"#assignment\">Against the assignment</a>");
        html.append("<a href=\"#provenance\">Provenance</a></nav>\n</header>\n");
    }

    private static void notes(StringBuilder html, ReportContent c) {
        List<String> notes = new ArrayList<>(c.notes());
        if (c.provenance().present() && !c.provenance().finished()) {
            notes.add(0, "provenance.json has no finish time: the sweep is still running or was stopped; "
                    + "this report shows the " + c.results().rows().size() + " trials recorded so far");
        }
        if (notes.isEmpty()) return;
        html.append("<section class=\"notes\" id=\"notes\"><b>Notes</b><ul>");
        for (String note : notes) html.append("<li>").append(Html.escape(note)).append("</li>");
        html.append("</ul></section>\n");
    }

    // ---- the trials table --------------------------------------------------------------------------------------

    /** The trials table's columns; a sweep that mixes losses gets a loss column after n_epochs. */
    private static List<Column> columns(boolean assignment, boolean losses) {
        List<Column> columns = new ArrayList<>(List.of(
                new Column(RANK, "rank: ok trials by final val_acc, best first", true),
                new Column(TRIAL, "the trial's name (its weights file is weights/<trial>.mat)", false),
                new Column(ETA, "learning rate η", true),
                new Column(LAMBDA, "L2 penalty λ", true),
                new Column(N_BATCH, "images per gradient step", true),
                new Column(N_EPOCHS, "passes over the training set", true)));
        if (losses) {
            columns.add(new Column(LOSS, "the loss trained with: cross-entropy (softmax) or hinge (multi-class SVM)",
                    false));
        }
        columns.addAll(List.of(
                new Column(STATUS, "ok, diverged (NaN or infinite cost) or failed (an exception)", false),
                new Column(TRAIN_ACC, "training accuracy after the last epoch", true),
                new Column(VAL_ACC, "validation accuracy after the last epoch", true),
                new Column(TEST_ACC, "test accuracy after the last epoch", true)));
        if (assignment) {
            columns.add(new Column(REPORT_TEST_ACC, "the assignment report's test accuracy for this experiment", true));
        }
        columns.addAll(List.of(
                new Column(TRAIN_COST, "training cost (loss + λ‖W‖²) after the last epoch", true),
                new Column(VAL_COST, "validation cost after the last epoch", true),
                new Column(BEST_EPOCH, "the epoch with the highest val_acc", true),
                new Column(SECONDS, "training time, evaluations included", true),
                new Column(EXECUTOR, "the Spark executor that ran the trial", false)));
        return columns;
    }

    private static void trialsTable(StringBuilder html, ReportContent c, List<Column> columns) {
        int n = c.ranked().size();
        html.append("<section id=\"trials\">\n<h2>Trials</h2>\n")
                .append("<p class=\"hint\">Ranked by final validation accuracy. Click a column header to sort by it ")
                .append("(again to reverse), a row to open its curves and W templates.");
        if (n > c.pictured().size()) {
            html.append(" The best ").append(c.top()).append(" have their pictures here; any other row opens its ")
                    .append("curves, drawn from curves.csv, and <code>./submit.sh report DIR --trial NAME</code> ")
                    .append("makes its pictures.");
        }
        html.append("</p>\n")
                .append("<div class=\"toolbar\"><input type=\"search\" id=\"filter\" placeholder=\"filter, e.g. lam0.1 or diverged\" ")
                .append("aria-label=\"filter trials\"><span id=\"shown\" class=\"hint\"></span>")
                .append("<span class=\"pager\" id=\"pager\" hidden>")
                .append("<button type=\"button\" data-go=\"first\" title=\"first page\">«</button>")
                .append("<button type=\"button\" data-go=\"prev\" title=\"previous page\">‹</button>")
                .append("<span id=\"page-info\"></span>")
                .append("<button type=\"button\" data-go=\"next\" title=\"next page\">›</button>")
                .append("<button type=\"button\" data-go=\"last\" title=\"last page\">»</button>")
                .append("<label>rows per page <select id=\"page-size\">");
        for (int size : new int[] {25, PAGE_ROWS, 500, 1000}) {
            html.append("<option").append(size == PAGE_ROWS ? " selected" : "").append('>').append(size).append("</option>");
        }
        html.append("</select></label></span></div>\n")
                .append("<div class=\"scroll\"><table class=\"results\" id=\"results\">\n<thead><tr>");
        for (Column col : columns) {
            html.append("<th data-key=\"").append(col.key()).append("\" data-type=\"").append(col.numeric() ? "num" : "text")
                    .append("\" aria-sort=\"none\" title=\"").append(Html.escape(col.tooltip())).append("\">")
                    .append("<button type=\"button\">").append(col.key()).append("</button></th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        // The first page as HTML, so that the page reads before (and without) its script.
        Best best = Best.of(c.ranked());
        for (int i = 0; i < Math.min(n, PAGE_ROWS); i++) {
            ReportedTrial r = c.ranked().get(i);
            int rank = i + 1;
            html.append("<tr class=\"trial\" tabindex=\"0\" aria-expanded=\"false\" data-rank=\"").append(rank)
                    .append("\" data-trial=\"").append(Html.escape(r.trial())).append("\">");
            for (Column col : columns) {
                Cell cell = cell(col, r, rank, best);
                html.append("<td");
                if (!cell.css().isBlank()) html.append(" class=\"").append(cell.css().strip()).append('"');
                html.append(" data-v=\"").append(Html.escape(cell.value())).append("\">").append(cell.shown()).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n</section>\n");
    }

    /** The best val_acc and test_acc of the ok trials, which their cells show in bold. */
    private record Best(double val, double test) {
        static Best of(List<ReportedTrial> rows) {
            return new Best(best(rows, ReportedTrial::valAcc), best(rows, ReportedTrial::testAcc));
        }

        private static double best(List<ReportedTrial> rows, ToDoubleFunction<ReportedTrial> metric) {
            return rows.stream().filter(ReportedTrial::ok).mapToDouble(metric).filter(Double::isFinite).max()
                    .orElse(Double.NaN);
        }
    }

    private static Cell cell(Column col, ReportedTrial r, int rank, Best best) {
        String value;
        String shown;
        String css = col.numeric() ? "num" : "";
        switch (col.key()) {
            case RANK -> { value = String.valueOf(rank); shown = value; }
            case TRIAL -> { value = r.trial(); shown = Html.escape(r.trial()); css = "trial-name"; }
            case STATUS -> {
                value = r.status();
                shown = "<span class=\"status " + Html.escape(r.status()) + "\">" + Html.escape(r.status()) + "</span>";
            }
            case TRAIN_ACC -> { value = number(r.trainAcc()); shown = Numbers.percent(r.trainAcc()); }
            case VAL_ACC -> {
                value = number(r.valAcc());
                shown = Numbers.percent(r.valAcc());
                if (r.ok() && r.valAcc() == best.val()) css += " best";
            }
            case TEST_ACC -> {
                value = number(r.testAcc());
                shown = Numbers.percent(r.testAcc());
                if (r.ok() && r.testAcc() == best.test()) css += " best";
            }
            case REPORT_TEST_ACC -> {
                Optional<AssignmentReference.Experiment> e = AssignmentReference.match(r);
                value = e.map(x -> number(x.testAcc())).orElse("");
                shown = e.map(x -> Numbers.percent(x.testAcc()) + " (" + x.name() + ")").orElse("");
            }
            case TRAIN_COST -> { value = number(r.trainCost()); shown = Numbers.fixed(r.trainCost(), 4); }
            case VAL_COST -> { value = number(r.valCost()); shown = Numbers.fixed(r.valCost(), 4); }
            case SECONDS -> { value = number(r.seconds()); shown = Numbers.fixed(r.seconds(), 1); }
            case ETA -> { value = number(r.eta()); shown = Numbers.plain(r.eta()); }
            case LAMBDA -> { value = number(r.lambda()); shown = Numbers.plain(r.lambda()); }
            case N_BATCH -> { value = whole(r.nBatch()); shown = value; }
            case N_EPOCHS -> { value = whole(r.nEpochs()); shown = value; }
            case BEST_EPOCH -> { value = whole(r.bestEpoch()); shown = value; }
            case LOSS -> { value = r.lossName(); shown = Html.escape(value); }
            default -> { value = r.value(col.key()); shown = Html.escape(value); }
        }
        return new Cell(value, shown, css);
    }

    // ---- the table's data: every row, for the script ----------------------------------------------------------

    /**
     * Every row as JSON, in ranked order: {@code [rank, params, search, reason, cell…]}.
     * <ul>
     *   <li>{@code params}: what the details' heading shows, or "" when it is what the script composes from the
     *       cells ({@link #composedParams}), as it nearly always is;</li>
     *   <li>{@code search}: what the filter matches besides the name, status and parameters: the loss, when the table
     *       has no loss column;</li>
     *   <li>a cell: its value alone when its HTML is what the script makes of it (the value escaped, a status badge,
     *       or a percentage, {@link #scriptPercent}) and its class the column's; else {@code [value, html]} or
     *       {@code [value, html, class]}. The rank cell is left out: it is the row's first element.</li>
     * </ul>
     */
    private static void trialData(Appendable out, ReportContent c, List<Column> columns) throws IOException {
        boolean mixed = c.results().mixesLosses();
        StringBuilder json = new StringBuilder(1 << 16);
        json.append("<script type=\"application/json\" id=\"trial-data\">{\"folder\":");
        Json.string(c.folder().toAbsolutePath().normalize().toString(), json);
        json.append(",\"top\":").append(c.top()).append(",\"pageRows\":").append(PAGE_ROWS)
                .append(",\"percent\":[");
        for (int k = 0; k < PERCENT.size(); k++) json.append(k == 0 ? "" : ",").append(Json.string(PERCENT.get(k)));
        json.append("],\"pictured\":[");
        boolean first = true;
        for (TrialSection t : c.pictured().values()) {
            json.append(first ? "" : ",").append(t.rank());
            first = false;
        }
        json.append("],\"rows\":[\n");
        out.append(json);
        Best best = Best.of(c.ranked());
        for (int i = 0; i < c.ranked().size(); i++) {
            ReportedTrial r = c.ranked().get(i);
            json.setLength(0);
            if (i > 0) json.append(",\n");
            Cell[] cells = new Cell[columns.size()];
            for (int k = 0; k < cells.length; k++) cells[k] = cell(columns.get(k), r, i + 1, best);
            String params = r.params(mixed);
            json.append('[').append(i + 1).append(',');
            Json.string(params.equals(composedParams(columns, cells, mixed)) ? "" : params, json);
            json.append(',');
            Json.string(r.params(true).substring(params.length()), json);
            json.append(',');
            Json.string(r.ok() && r.reason().isBlank() ? "" : r.reason(), json);
            for (int k = 0; k < cells.length; k++) {
                Column col = columns.get(k);
                if (col.key().equals(RANK)) continue;
                Cell cell = cells[k];
                json.append(',');
                boolean made = col.key().equals(STATUS)
                        || (PERCENT.contains(col.key()) ? cell.shown().equals(scriptPercent(cell.value()))
                        : cell.shown().equals(Html.escape(cell.value())));
                if (made && cell.css().equals(col.css())) {
                    Json.string(cell.value(), json);
                } else {
                    json.append('[');
                    Json.string(cell.value(), json);
                    json.append(',');
                    Json.string(cell.shown(), json);
                    if (!cell.css().equals(col.css())) {
                        json.append(',');
                        Json.string(cell.css(), json);
                    }
                    json.append(']');
                }
            }
            json.append(']');
            out.append(json);
        }
        out.append("\n]}</script>\n");
    }

    /** The columns whose cells the script shows as percentages. */
    private static final List<String> PERCENT = List.of(TRAIN_ACC, VAL_ACC, TEST_ACC);

    /**
     * A percentage cell as the script writes it: {@code (100 * v).toFixed(2) + '%'}, which rounds the exact binary
     * value half up ({@link java.math.RoundingMode#HALF_UP} on {@code new BigDecimal}); "—" for no value. Where
     * {@link Numbers#percent} (Java's formatter, which rounds the shortest decimal instead) differs, the cell carries
     * its HTML.
     */
    static String scriptPercent(String value) {
        if (value.isEmpty()) return "—";
        double v = Double.parseDouble(value);
        return new java.math.BigDecimal(100 * v).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /**
     * The details' heading as the script composes it from the cells' text: "η=0.01, λ=0.1, batch 100, 40 epochs"
     * (and ", hinge" when the table has a loss column), as {@link ReportedTrial#params(boolean)} says it.
     */
    private static String composedParams(List<Column> columns, Cell[] cells, boolean mixed) {
        java.util.function.Function<String, Cell> of = key -> {
            for (int k = 0; k < columns.size(); k++) if (columns.get(k).key().equals(key)) return cells[k];
            return new Cell("", "", "");
        };
        String epochs = of.apply(N_EPOCHS).value();
        return "η=" + of.apply(ETA).shown() + ", λ=" + of.apply(LAMBDA).shown() + ", batch " + of.apply(N_BATCH).value()
                + ", " + epochs + (epochs.equals("1") ? " epoch" : " epochs") + (mixed ? ", " + of.apply(LOSS).value() : "");
    }

    /** Every trial's curves, streamed from curves.csv ({@link CurvesData}), when the folder has them. */
    private static void curveData(Appendable out, ReportContent c) throws IOException {
        if (c.curvesFile() == null || !Files.isRegularFile(c.curvesFile())) return;
        Map<String, Integer> index = new HashMap<>();
        int[] epochs = new int[c.ranked().size()];
        for (int i = 0; i < c.ranked().size(); i++) {
            index.put(c.ranked().get(i).trial(), i);
            epochs[i] = c.ranked().get(i).nEpochs();
        }
        out.append("<script type=\"text/plain\" id=\"curve-data\">");
        CurvesData.write(c.curvesFile(), index, epochs, out);
        out.append("</script>\n");
    }

    /** The sort key of a number: "" for none, so that the script puts it last whichever way it sorts. */
    private static String number(double v) {
        return Double.isFinite(v) ? String.valueOf(v) : "";
    }

    private static String whole(int v) {
        return v < 0 ? "" : String.valueOf(v);
    }

    // ---- one trial's details -----------------------------------------------------------------------------------

    private static void detailTemplate(StringBuilder html, ReportContent c, TrialSection t) {
        ReportedTrial r = t.row();
        html.append("<template id=\"detail-").append(t.rank()).append("\"><div class=\"detail\">")
                .append("<div class=\"detail-head\"><h3>").append(Html.escape(r.trial())).append(" <span class=\"unit\">")
                .append(Html.escape(r.params(c.results().mixesLosses())))
                .append("</span></h3><button type=\"button\" class=\"close\">close</button></div>");
        if (!r.ok() || !r.reason().isBlank()) {
            html.append("<p class=\"reason\">").append(Html.escape(r.status()))
                    .append(r.reason().isBlank() ? "" : ": " + Html.escape(r.reason())).append("</p>");
        }
        if (c.assignment()) {
            AssignmentReference.match(r).ifPresent(e -> html.append("<p class=\"reference\">The assignment report's experiment ")
                    .append(e.name()).append(": test accuracy ").append(Numbers.percent(e.testAcc())).append("; ours ")
                    .append(Numbers.percent(r.testAcc())).append(difference(r.testAcc(), e.testAcc())).append(".</p>"));
        }
        html.append("<div class=\"values\">");
        r.values().forEach((k, v) -> html.append("<div title=\"").append(Html.escape(k + " = " + v)).append("\"><span class=\"k\">")
                .append(Html.escape(k)).append("</span> <span class=\"v\">").append(Html.escape(v)).append("</span></div>"));
        html.append("</div><div class=\"figures\">");
        for (Figure f : t.figures()) html.append(Html.img(f));
        html.append("</div>");
        for (String m : t.missing()) html.append("<p class=\"missing\">").append(Html.escape(m)).append("</p>");
        html.append("</div></template>\n");
    }

    private static String difference(double ours, double theirs) {
        if (!Double.isFinite(ours)) return "";
        return String.format(Locale.ROOT, " (%+.2f points)", 100 * (ours - theirs));
    }

    // ---- sweep plots, the assignment, provenance ---------------------------------------------------------------

    private static void sweepPlots(Appendable out, ReportContent c) throws IOException {
        out.append("<section id=\"plots\">\n<h2>Sweep plots</h2>\n");
        if (c.sweepFigures().isEmpty()) {
            out.append("<p class=\"missing\">").append(c.ranked().size() == 1
                    ? "A single trial, so nothing to compare: its curves and templates open under its row above."
                    : "No trial has numbers to plot yet.").append("</p>\n");
        } else {
            out.append("<div class=\"figures\">\n");
            for (Figure f : c.sweepFigures()) out.append(Html.img(f)).append('\n');
            out.append("</div>\n");
        }
        out.append("</section>\n");
    }

    /** The most configurations the table lists (every trial is in the trials table, grouped by its config column). */
    static final int CONFIGURATIONS_SHOWN = 100;

    /**
     * With repeats: the configurations ranked by mean val_acc, each with how many repeats ended ok and the mean ± sd
     * of its accuracies (sample sd, in points).
     */
    private static void configurations(StringBuilder html, ReportContent c) {
        List<Configurations.Config> configs = c.configurations();
        boolean losses = c.results().mixesLosses();
        html.append("<section id=\"configurations\">\n<h2>Configurations</h2>\n<p class=\"hint\">")
                .append(configs.size()).append(" configurations, each run with several seeds (<code>repeats</code>), ")
                .append("ranked by the mean final validation accuracy of their ok repeats; ± is the sample standard ")
                .append("deviation over those repeats, in points. Every repeat is a row of the trials table below ")
                .append("(filter it by the configuration's name).</p>\n")
                .append("<table class=\"compare\" id=\"configurations-table\"><thead><tr><th>rank</th>")
                .append("<th>configuration</th><th>parameters</th><th>ok</th><th>val_acc mean ± sd</th>")
                .append("<th>test_acc mean ± sd</th></tr></thead><tbody>\n");
        int rank = 0;
        for (Configurations.Config g : configs) {
            if (rank == CONFIGURATIONS_SHOWN) break;
            html.append("<tr><td>").append(++rank).append("</td><td class=\"trial-name\">").append(Html.escape(g.name()))
                    .append("</td><td>").append(Html.escape(g.first().params(losses))).append("</td><td>").append(g.ok())
                    .append('/').append(g.repeats().size()).append("</td><td>").append(g.val()).append("</td><td>")
                    .append(g.test()).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (configs.size() > CONFIGURATIONS_SHOWN) {
            html.append("<p class=\"hint\">The best ").append(CONFIGURATIONS_SHOWN).append(" of ").append(configs.size())
                    .append(" configurations.</p>\n");
        }
        html.append("</section>\n");
    }

    private static void assignment(StringBuilder html, ReportContent c) {
        if (!c.configurations().isEmpty()) {
            assignmentRepeats(html, c);
            return;
        }
        html.append("<section id=\"assignment\">\n<h2>Against the assignment report</h2>\n")
                .append("<p class=\"hint\">Experiments A–D of the assignment report (batch 100, 40 epochs, full CIFAR-10) ")
                .append("and the trials of this sweep with the same η and λ.</p>\n")
                .append("<table class=\"compare\"><thead><tr><th>experiment</th><th>η</th><th>λ</th>")
                .append("<th>report test_acc</th><th>our test_acc</th><th>ours − report</th><th>our val_acc</th>")
                .append("<th>our trial</th></tr></thead><tbody>\n");
        for (AssignmentReference.Experiment e : AssignmentReference.EXPERIMENTS) {
            List<ReportedTrial> ours = c.results().rows().stream().filter(r -> AssignmentReference.reruns(e, r))
                    .toList();
            if (ours.isEmpty()) {
                html.append(compareRow(e, null));
            } else {
                for (ReportedTrial r : ours) html.append(compareRow(e, r));
            }
        }
        html.append("</tbody></table>\n</section>\n");
    }

    /** With repeats: each experiment's configurations, mean ± sd over their seeds beside the report's one number. */
    private static void assignmentRepeats(StringBuilder html, ReportContent c) {
        html.append("<section id=\"assignment\">\n<h2>Against the assignment report</h2>\n")
                .append("<p class=\"hint\">Experiments A–D of the assignment report (batch 100, 40 epochs, full CIFAR-10), ")
                .append("one run each, and the configurations of this sweep with the same η and λ: the single run of ")
                .append("their repeat 1 (seed-experiments.conf's trial), and over all their seeds the mean ± sample ")
                .append("standard deviation (in points) and the range.</p>\n")
                .append("<table class=\"compare\"><thead><tr><th>experiment</th><th>η</th><th>λ</th>")
                .append("<th>report test_acc</th><th>our repeat 1 test_acc</th><th>our test_acc mean ± sd</th><th>our mean − report</th>")
                .append("<th>our test_acc min – max</th><th>our val_acc mean ± sd</th><th>seeds</th>")
                .append("<th>our configuration</th></tr></thead><tbody>\n");
        for (AssignmentReference.Experiment e : AssignmentReference.EXPERIMENTS) {
            String start = "<tr><td>" + e.name() + "</td><td>" + Numbers.plain(e.eta()) + "</td><td>"
                    + Numbers.plain(e.lambda()) + "</td><td>" + Numbers.percent(e.testAcc()) + "</td>";
            List<Configurations.Config> ours = c.configurations().stream()
                    .filter(g -> AssignmentReference.reruns(e, g.first())).toList();
            if (ours.isEmpty()) html.append(start).append("<td colspan=\"7\" class=\"missing\">not in results.csv (yet)</td></tr>\n");
            for (Configurations.Config g : ours) {
                double min = g.repeats().stream().filter(ReportedTrial::ok).mapToDouble(ReportedTrial::testAcc).min().orElse(Double.NaN);
                double max = g.repeats().stream().filter(ReportedTrial::ok).mapToDouble(ReportedTrial::testAcc).max().orElse(Double.NaN);
                String diff = Double.isFinite(g.testMean())
                        ? String.format(Locale.ROOT, "%+.2f points", 100 * (g.testMean() - e.testAcc())) : "—";
                double first = g.repeats().stream().filter(r -> r.trial().equals(g.name()))
                        .mapToDouble(ReportedTrial::testAcc).findFirst().orElse(Double.NaN);
                html.append(start).append("<td>").append(Numbers.percent(first)).append("</td><td><b>").append(g.test()).append("</b></td><td>").append(diff).append("</td><td>")
                        .append(Numbers.percent(min)).append(" – ").append(Numbers.percent(max)).append("</td><td>")
                        .append(g.val()).append("</td><td>").append(g.ok()).append('/').append(g.repeats().size())
                        .append("</td><td class=\"trial-name\">").append(Html.escape(g.name())).append("</td></tr>\n");
            }
        }
        html.append("</tbody></table>\n</section>\n");
    }

    private static String compareRow(AssignmentReference.Experiment e, ReportedTrial ours) {
        String start = "<tr><td>" + e.name() + "</td><td>" + Numbers.plain(e.eta()) + "</td><td>" + Numbers.plain(e.lambda())
                + "</td><td>" + Numbers.percent(e.testAcc()) + "</td>";
        if (ours == null) return start + "<td colspan=\"4\" class=\"missing\">not in results.csv (yet)</td></tr>\n";
        String diff = Double.isFinite(ours.testAcc())
                ? String.format(Locale.ROOT, "%+.2f points", 100 * (ours.testAcc() - e.testAcc())) : Html.escape(ours.status());
        return start + "<td>" + Numbers.percent(ours.testAcc()) + "</td><td>" + diff + "</td><td>"
                + Numbers.percent(ours.valAcc()) + "</td><td class=\"trial-name\">" + Html.escape(ours.trial()) + "</td></tr>\n";
    }

    private static void provenance(StringBuilder html, ReportContent c) {
        html.append("<section id=\"provenance\">\n<h2>Provenance</h2>\n");
        if (!c.provenance().present()) {
            html.append("<p class=\"missing\">No provenance.json in this folder: a train run, or results copied without it.</p>\n");
        } else {
            html.append(ProvenanceHtml.render(c.provenance().tree())).append('\n');
            html.append("<details><summary>provenance.json as written</summary><pre>")
                    .append(Html.escape(c.provenanceText())).append("</pre></details>\n");
        }
        html.append("</section>\n");
    }
}
