package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a 10,000-trial random search of 40 epochs: bounded pictures, and a page of at most 20 MB. */
class ReportAtScaleTest {
    private static final long MAX_PAGE = 20_000_000;

    @TempDir
    Path tmp;

    private static List<String> trialFolders(Path out) throws Exception {
        try (Stream<Path> dirs = Files.list(out.resolve("plots/trials"))) {
            return dirs.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void tenThousandTrialsMakeAPageOfAtMostTwentyMegabytes() throws Exception {
        Path out = tmp.resolve("big");
        List<SyntheticSweep.Trial> trials = SyntheticSweep.write(out, 10_000, 40, 60, 1);
        ReportBuilder.Summary summary = ReportBuilder.buildReport(out);
        long size = Files.size(summary.page());
        assertTrue(size <= MAX_PAGE, "report.html is " + size + " bytes");
        assertEquals(10_000, summary.trials());
        List<ReportedTrial> ranked = ResultsTable.read(out.resolve("results.csv"), new java.util.ArrayList<>()).ranked();
        // Pictures for the best 50 only, and the sweep's plots chosen for a continuous search.
        assertEquals(ranked.subList(0, ReportBuilder.DEFAULT_TOP).stream().map(ReportedTrial::trial).sorted().toList(),
                trialFolders(out));
        try (Stream<Path> sweep = Files.list(out.resolve("plots/sweep"))) {
            assertEquals(Stream.of(SearchPlots.ETA_LAMBDA, SearchPlots.IMPORTANCE, SearchPlots.PARALLEL,
                    "top5-val-acc.png", SearchPlots.DISTRIBUTION, SearchPlots.BY_PARAMETER, "val-vs-test.png").sorted()
                    .toList(), sweep.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(7 + 4 * ReportBuilder.DEFAULT_TOP, summary.pictures());
        String html = Files.readString(summary.page());
        assertEquals(ReportPage.PAGE_ROWS, html.split("<tr class=\"trial\"", -1).length - 1, "one page of rows as HTML");
        assertEquals(ReportBuilder.DEFAULT_TOP, html.split("<template id=\"detail-", -1).length - 1);
        assertTrue(html.contains("id=\"curve-data\""));
        assertEquals(10_000, trials.size());
    }

    @Test
    void aTrialNamedIsPicturedWhereverItRanksAndTopZeroPicturesNoOther() throws Exception {
        Path out = tmp.resolve("named");
        SyntheticSweep.write(out, 300, 5, 60, 2);
        List<ReportedTrial> ranked = ResultsTable.read(out.resolve("results.csv"), new java.util.ArrayList<>()).ranked();
        String far = ranked.get(250).trial();
        ReportBuilder.Summary summary = ReportBuilder.buildReport(out, new ReportBuilder.Options(3, Set.of(far)));
        assertEquals(List.of(ranked.get(0).trial(), ranked.get(1).trial(), ranked.get(2).trial(), far).stream().sorted()
                .toList(), trialFolders(out));
        String html = Files.readString(summary.page());
        assertTrue(html.contains("<template id=\"detail-251\">"), "the named trial's details carry its pictures");
        // It has no weights (the synthetic sweep keeps the best 60's): its curves are pictured, and the page says why
        // there are no templates.
        assertTrue(Files.isRegularFile(out.resolve("plots/trials").resolve(far).resolve("accuracy.png")));
        assertTrue(html.contains("No templates: weights/" + far + ".mat is not in the folder."), "says why");

        ReportBuilder.buildReport(out, new ReportBuilder.Options(0, Set.of()));
        assertTrue(!Files.exists(out.resolve("plots/trials")) || trialFolders(out).isEmpty());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ReportBuilder.buildReport(out, new ReportBuilder.Options(3, Set.of("no-such-trial"))));
        assertTrue(unknown.getMessage().endsWith("results.csv has no trial 'no-such-trial'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ReportBuilder.Options(-1, Set.of()));
    }
}
