package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cifarsweep.data.ClassNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole report from folders as sweeps leave them: complete, copied back without provenance, stopped half-way. */
class ReportBuilderTest {
    private static final List<String> TRIAL_PLOTS = List.of("accuracy.png", "cost.png", "loss.png", "templates.png");

    @TempDir
    Path tmp;

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void theCsvsAndWeightsAloneGiveEveryPictureAndThePage() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("copied"));
        ReportBuilder.Summary summary = ReportBuilder.buildReport(out);

        assertEquals(out.resolve("report.html"), summary.page());
        assertEquals(ReportFixture.TRIALS.size(), summary.trials());
        // ok trials: 3 curves + templates; the diverged one: 3 curves + a (grey) template; the failed one: nothing.
        List<String> expected = new ArrayList<>(List.of("sweep/heatmap-val-acc-b100-ep40.png",
                "sweep/heatmap-val-acc-b20-ep40.png", "sweep/top5-val-acc.png", "sweep/val-vs-test.png"));
        for (String[] t : ReportFixture.TRIALS) {
            if (!t[5].equals("failed")) for (String p : TRIAL_PLOTS) expected.add("trials/" + t[0] + "/" + p);
        }
        expected.sort(null);
        assertEquals(expected, files(out.resolve("plots")));
        assertEquals(expected.size(), summary.pictures());
        for (String[] t : ReportFixture.TRIALS) {
            if (t[5].equals("failed")) continue;
            Path dir = out.resolve("plots/trials").resolve(t[0]);
            PngAssertions.assertPng(dir.resolve("cost.png"), CurvePlots.WIDTH, CurvePlots.HEIGHT);
            PngAssertions.assertPng(dir.resolve("loss.png"), CurvePlots.WIDTH, CurvePlots.HEIGHT);
            PngAssertions.assertPng(dir.resolve("accuracy.png"), CurvePlots.WIDTH, CurvePlots.HEIGHT);
            // 5 tiles of 128 px with 14 px gaps across; 2 rows of tile + label under a title.
            PngAssertions.assertPng(dir.resolve("templates.png"), 5 * 128 + 6 * 14, 30 + 14 + 2 * (128 + 22 + 14));
        }

        String html = Files.readString(summary.page(), StandardCharsets.UTF_8);
        assertTrue(html.contains("No provenance.json in this folder"), "says provenance is absent");
        assertFalse(html.contains("id=\"assignment\""), "no assignment section without a seed-experiments provenance");
        assertEquals(ReportFixture.TRIALS.size(), count(html, "<tr class=\"trial\""));
        assertTrue(html.contains("a failed trial has no weights"), "says why the failed trial has no templates");
    }

    @Test
    void thePageIsSelfContained() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("self"));
        ReportFixture.writeProvenance(out, "grid", tmp.resolve("nowhere"), true);
        String html = Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);
        // Every src and href is a data: URI or an in-page anchor; nothing names a server or a file beside the page.
        Matcher refs = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertTrue(ref.startsWith("data:") || ref.startsWith("#"), "external reference: " + ref);
            if (ref.startsWith("data:image/png;base64,")) {
                byte[] png = Base64.getDecoder().decode(ref.substring("data:image/png;base64,".length()));
                PngAssertions.assertPng(png, readInt(png, 16), readInt(png, 20), "embedded picture " + images);
                images++;
            }
        }
        assertEquals(4 + (ReportFixture.TRIALS.size() - 1) * 4, images, "every picture embedded once");
        assertFalse(html.contains("http://") || html.contains("https://"), "no URL at all");
        assertTrue(html.contains("default-src 'none'"), "a CSP that forbids requests");
        assertFalse(html.contains("<link rel=\"stylesheet\"") || html.contains("<script src"), "inline style and script");
    }

    private static int readInt(byte[] png, int at) {
        // IHDR's width and height, big-endian: what the PNG says of itself.
        return ((png[at] & 0xff) << 24) | ((png[at + 1] & 0xff) << 16) | ((png[at + 2] & 0xff) << 8) | (png[at + 3] & 0xff);
    }

    @Test
    void seedExperimentsSetsTheAssignmentsNumbersBesideOurs() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("seed"));
        ReportFixture.writeProvenance(out, "seed-experiments", tmp.resolve("nowhere"), true);
        String html = Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);
        assertTrue(html.contains("id=\"assignment\""));
        String section = html.substring(html.indexOf("id=\"assignment\""), html.indexOf("</section>", html.indexOf("id=\"assignment\"")));
        // B: the report's 34.73% against our 36.73%; A: 28.33% against 27.90%.
        assertTrue(section.contains("<td>B</td><td>0.01</td><td>0</td><td>34.73%</td><td>36.73%</td><td>+2.00 points</td>"), section);
        assertTrue(section.contains("<td>A</td><td>0.1</td><td>0</td><td>28.33%</td><td>27.90%</td><td>-0.43 points</td>"), section);
        assertTrue(section.contains("31.88%") && section.contains("26.76%"), section);
        assertTrue(html.contains("data-key=\"report_test_acc\""), "a sortable column beside test_acc");
        // The provenance: versions, master, checksums, broadcast size.
        assertTrue(html.contains("spark://10.0.0.1:7077") && html.contains("feedc0de0123456789abcdef")
                && html.contains("6,171,391") && html.contains("JNIBLAS"), "provenance shown");
    }

    @Test
    void aSweepStoppedHalfWayIsReportedAsSuch() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("half"));
        ReportFixture.writeProvenance(out, "seed-experiments", tmp.resolve("nowhere"), false);
        List<String> lines = Files.readAllLines(out.resolve("results.csv"));
        Files.write(out.resolve("results.csv"), lines.subList(0, 3));   // header + A and B only
        String html = Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);
        assertEquals(2, count(html, "<tr class=\"trial\""));
        assertTrue(html.contains("the sweep is still running or was stopped"), "says it is partial");
        assertTrue(html.contains("not in results.csv (yet)"), "experiments C and D are marked as not run");
    }

    @Test
    void aRebuildReplacesThePicturesOfTrialsThatAreGone() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("again"));
        ReportBuilder.build(out);
        assertTrue(Files.isDirectory(out.resolve("plots/trials/eta0.1_lam0_b100_ep40")));
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve("results.csv")));
        lines.remove(1);   // trial A
        Files.write(out.resolve("results.csv"), lines);
        ReportBuilder.build(out);
        assertFalse(Files.exists(out.resolve("plots/trials/eta0.1_lam0_b100_ep40")), "stale pictures removed");
        assertTrue(Files.isRegularFile(out.resolve("plots/trials/eta0.01_lam0_b100_ep40/templates.png")));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") || n.endsWith(".tmp")).toList(), "no temporary files left");
        }
    }

    @Test
    void outputsListsWhatABuildAddsToTheFolder() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("outputs"));
        ReportFixture.writeProvenance(out, "grid", tmp.resolve("nowhere"), true);
        List<String> before = names(out);
        ReportBuilder.build(out);
        List<String> added = new ArrayList<>(names(out));
        added.removeAll(before);
        assertEquals(java.util.Set.of(ReportBuilder.PAGE, ReportBuilder.PLOTS), java.util.Set.copyOf(added));
        assertTrue(ReportBuilder.OUTPUTS.containsAll(added), ReportBuilder.OUTPUTS.toString());
        // The rest of OUTPUTS is what a build killed half-way leaves: the page before its rename.
        assertEquals(List.of(ReportBuilder.PAGE + ".tmp"), ReportBuilder.OUTPUTS.stream()
                .filter(n -> !added.contains(n)).toList());
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDamagedWeightsFileCostsOnlyItsTemplates() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("damaged"));
        Files.writeString(out.resolve("weights/eta0.01_lam0_b100_ep40.mat"), "not a MAT file");
        Files.delete(out.resolve("curves.csv"));
        ReportBuilder.Summary summary = ReportBuilder.buildReport(out);
        String html = Files.readString(summary.page(), StandardCharsets.UTF_8);
        assertTrue(html.contains("weights/eta0.01_lam0_b100_ep40.mat cannot be read"), "says which file is damaged");
        assertTrue(summary.notes().stream().anyMatch(n -> n.contains("curves.csv is missing")), summary.notes().toString());
        assertTrue(Files.isRegularFile(out.resolve("plots/trials/eta0.1_lam0_b100_ep40/templates.png")));
        assertFalse(Files.exists(out.resolve("plots/trials/eta0.1_lam0_b100_ep40/cost.png")), "no curves without curves.csv");
    }

    @Test
    void classNamesComeFromTheDataFolderOfTheProvenance() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("batches.meta.txt"), "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n\n");
        List<String> notes = new ArrayList<>();
        assertEquals("seven", ReportBuilder.classNames(data, notes).get(7));
        assertEquals(ClassNames.STANDARD, ReportBuilder.classNames(tmp.resolve("elsewhere"), notes));
        assertEquals(ClassNames.STANDARD, ReportBuilder.classNames(null, notes));
        Files.writeString(data.resolve("batches.meta.txt"), "only\ntwo\n");
        assertEquals(ClassNames.STANDARD, ReportBuilder.classNames(data, notes));
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("batches.meta.txt") && notes.get(0).endsWith("the standard names are shown"),
                notes.get(0));

        Path out = ReportFixture.write(tmp.resolve("named"));
        ReportFixture.writeProvenance(out, "grid", data, true);
        assertEquals(data, ReportedProvenance.read(out.resolve("provenance.json"), notes).dataDir());
        assertEquals("grid", ReportedProvenance.read(out.resolve("provenance.json"), notes).sweepName());
    }

    @Test
    void aMissingFolderOrResultsFileIsOneLine() throws Exception {
        IllegalArgumentException noFolder = assertThrows(IllegalArgumentException.class,
                () -> ReportBuilder.build(tmp.resolve("absent")));
        assertTrue(noFolder.getMessage().endsWith("absent: no such folder"), noFolder.getMessage());
        Files.createDirectories(tmp.resolve("empty"));
        IllegalArgumentException noResults = assertThrows(IllegalArgumentException.class,
                () -> ReportBuilder.build(tmp.resolve("empty")));
        assertTrue(noResults.getMessage().contains("results.csv: missing"), noResults.getMessage());
        assertFalse(Files.exists(tmp.resolve("empty/report.html")));
    }

    @Test
    void atTheEndOfARunAFailedReportIsOneWarningLine() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertFalse(ReportBuilder.buildOrWarn(tmp.resolve("absent"), ReportBuilder.Options.defaults(), err));
        String warning = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(warning.startsWith("cifar-sweep: warning: report not built (") && warning.contains("./submit.sh report "),
                warning);
        assertEquals(1, warning.lines().count(), warning);

        Path out = ReportFixture.write(tmp.resolve("fine"));
        assertTrue(ReportBuilder.buildOrWarn(out, ReportBuilder.Options.defaults(), err));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
    }

    @Test
    void eachTrialsCurvesNameTheLossItTrainedWith() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("svm"));
        ReportFixture.setLoss(out, "svm", "eta0.01_lam0.1_b100_ep40");
        String html = Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);
        String svm = detail(html, "eta0.01_lam0.1_b100_ep40");
        assertTrue(svm.contains("Cost (hinge + λ‖W‖²) per epoch"), svm);
        assertTrue(svm.contains("Loss (mean hinge) per epoch"), svm);
        assertFalse(svm.contains("cross-entropy"), svm);
        // Its neighbours, with an empty loss column as before the column existed, are softmax.
        String softmax = detail(html, "eta0.01_lam0_b100_ep40");
        assertTrue(softmax.contains("Cost (cross-entropy + λ‖W‖²) per epoch"), softmax);
        assertTrue(softmax.contains("Loss (mean cross-entropy) per epoch"), softmax);
        assertFalse(softmax.contains("hinge"), softmax);
    }

    @Test
    void aSweepMixingLossesNamesEachTrialsLossAndNoPictureClaimsOne() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("mixed"));
        // C and D of the batch-100 trials hinge, the rest cross-entropy (softmax written as such, or left empty).
        ReportFixture.setLoss(out, "svm", "eta0.01_lam0.1_b100_ep40", "eta0.01_lam1_b100_ep40");
        ReportFixture.setLoss(out, "softmax", "eta0.1_lam0_b100_ep40");
        String html = Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);

        // One heatmap per loss, each saying whose trials it shows.
        assertEquals(List.of("heatmap-val-acc-cross-entropy-b100-ep40.png",
                "heatmap-val-acc-cross-entropy-b20-ep40.png", "heatmap-val-acc-hinge-b100-ep40.png",
                "top5-val-acc.png", "val-vs-test.png"), files(out.resolve("plots/sweep")));
        String plots = sweepPlots(html);
        assertTrue(plots.contains("Validation accuracy over η × λ of the hinge trials for batch size 100 and 40 epochs "
                + "(2 trials)."), plots);
        assertTrue(plots.contains("Validation accuracy over η × λ of the cross-entropy trials for batch size 100 and "
                + "40 epochs (4 trials)."), plots);
        assertTrue(plots.contains("coloured by batch size and loss."), plots);
        // The table gets a loss column, and each trial's details name its own loss.
        assertTrue(html.contains("data-key=\"loss\""), "a loss column");
        assertTrue(html.contains("<td data-v=\"hinge\">hinge</td>"), "hinge in the loss column");
        assertTrue(html.contains("<td data-v=\"cross-entropy\">cross-entropy</td>"), "cross-entropy in the loss column");
        assertTrue(detail(html, "eta0.01_lam1_b100_ep40").contains("Loss (mean hinge) per epoch"));
        assertTrue(detail(html, "eta0.1_lam0_b100_ep40").contains("Loss (mean cross-entropy) per epoch"));
    }

    @Test
    void aSweepOfOneLossKeepsItsPicturesAndTableAsTheyWere() throws Exception {
        Path out = ReportFixture.write(tmp.resolve("hinge"));
        ReportFixture.setLoss(out, "svm", ReportFixture.TRIALS.stream().map(t -> t[0]).toArray(String[]::new));
        String html = Files.readString(ReportBuilder.buildReport(out).page(), StandardCharsets.UTF_8);
        assertEquals(List.of("heatmap-val-acc-b100-ep40.png", "heatmap-val-acc-b20-ep40.png", "top5-val-acc.png",
                "val-vs-test.png"), files(out.resolve("plots/sweep")));
        assertFalse(html.contains("data-key=\"loss\""), "no loss column for a single loss");
        String plots = sweepPlots(html);
        assertFalse(plots.contains("cross-entropy") || plots.contains("hinge"), "the sweep's pictures name no loss");
        assertFalse(detail(html, "eta0.01_lam0_b100_ep40").contains("cross-entropy"), "every trial is hinge");
    }

    /** The details of one trial, the template that its row of the table opens, without the pictures' bytes. */
    private static String detail(String html, String trial) {
        int start = html.indexOf("<h3>" + trial + " <span");
        assertTrue(start >= 0, "no details for " + trial);
        return withoutPictures(html.substring(start, html.indexOf("</template>", start)));
    }

    /** The page's section of sweep plots, without the pictures' bytes. */
    private static String sweepPlots(String html) {
        int start = html.indexOf("<section id=\"plots\">");
        return withoutPictures(html.substring(start, html.indexOf("</section>", start)));
    }

    private static String withoutPictures(String html) {
        return html.replaceAll("data:image/png;base64,[^\"]*", "data:");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }
}
