package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import org.cifarsweep.testutil.HeadlessChrome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * report.html of a 3,000-trial random search in headless Chromium: it loads, shows one page of rows, sorts and
 * filters all of them (how fast: bench/scale.sh), pages through them, and opens any trial, pictured or not. The expected orders and
 * counts come from results.csv read on its own.
 */
class ReportAtScaleBrowserTest {
    private static final int TRIALS = 3000;
    private static final int EPOCHS = 12;

    @TempDir
    static Path tmp;
    private static ChromeDriver driver;
    private static JavascriptExecutor js;
    private static Path out;
    private static List<ReportedTrial> ranked;

    @BeforeAll
    static void openBrowser() throws Exception {
        HeadlessChrome.assumeInstalled();
        out = tmp.resolve("out");
        SyntheticSweep.write(out, TRIALS, EPOCHS, 60, 3);
        ReportBuilder.buildReport(out, new ReportBuilder.Options(50, java.util.Set.of()));
        ranked = ResultsTable.read(out.resolve("results.csv"), new ArrayList<>()).ranked();

        driver = HeadlessChrome.open(tmp, out.resolve("report.html"), Duration.ofSeconds(120));
        js = driver;
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) driver.quit();
    }

    /** Each test starts from the ranked, unfiltered table on its first page of 100. */
    @BeforeEach
    void reset() {
        js.executeScript("var f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'));"
                + "var s = document.getElementById('page-size'); s.value = '100'; s.dispatchEvent(new Event('change'));");
        if (!"ascending".equals(header("rank").getAttribute("aria-sort"))) header("rank").click();
    }

    private static WebElement header(String key) {
        return driver.findElement(By.cssSelector("#results thead th[data-key='" + key + "']"));
    }

    private static List<String> shownOrder() {
        @SuppressWarnings("unchecked")
        List<String> names = (List<String>) js.executeScript("return Array.prototype.map.call("
                + "document.querySelectorAll('#results tbody tr.trial'), function (r) { return r.getAttribute('data-trial'); })");
        return names;
    }

    private static List<String> names(List<ReportedTrial> rows) {
        return rows.stream().map(ReportedTrial::trial).toList();
    }

    @Test
    void itLoadsWithTheFirstHundredRanksAndEveryTrialInItsData() {
        assertEquals(names(ranked.subList(0, 100)), shownOrder());
        assertEquals((long) TRIALS, js.executeScript(
                "return JSON.parse(document.getElementById('trial-data').textContent).rows.length"));
        assertEquals("rows 1–100 of 3,000", driver.findElement(By.id("page-info")).getText());
        assertTrue(driver.findElement(By.id("pager")).isDisplayed());
        assertNoConsoleProblems();
    }

    @Test
    void sortingByValAccOrdersAllRows() {
        // Ascending: the lowest val_acc first, trials without one last; ties in ranked order.
        Comparator<ReportedTrial> byVal = Comparator.comparingDouble(ReportedTrial::valAcc);
        List<ReportedTrial> numbered = ranked.stream().filter(r -> Double.isFinite(r.valAcc())).toList();
        List<ReportedTrial> ascending = new ArrayList<>(numbered.stream().sorted(byVal).toList());   // stable: rank order
        ranked.stream().filter(r -> !Double.isFinite(r.valAcc())).forEach(ascending::add);
        header("val_acc").click();
        assertEquals(names(ascending.subList(0, 100)), shownOrder());

        // The last page holds the end of that order: the trials without a val_acc.
        driver.findElement(By.cssSelector("#pager [data-go=last]")).click();
        assertEquals(names(ascending.subList(TRIALS - 100, TRIALS)), shownOrder());
        assertEquals("rows 2,901–3,000 of 3,000", driver.findElement(By.id("page-info")).getText());

        // Descending: the best first, which is the ranked order of the ok trials.
        header("val_acc").click();
        List<ReportedTrial> descending = numbered.stream().sorted(byVal.reversed()).toList();
        assertEquals(names(descending.subList(0, 100)), shownOrder());
        assertEquals("descending", header("val_acc").getAttribute("aria-sort"));

        // Text: code-unit order of the names.
        header("trial").click();
        assertEquals(names(ranked).stream().sorted().limit(100).toList(), shownOrder());
        assertNoConsoleProblems();
    }

    @Test
    void filteringFindsEveryMatchingTrialAndPagesThroughThem() {
        // Every word must occur in the name, the status or the parameters (the loss among them).
        String typed = "hinge batch 20";
        List<String> expected = ranked.stream().filter(r -> {
            String text = (r.trial() + " " + r.status() + " " + r.params(true)).toLowerCase(Locale.ROOT);
            return text.contains("hinge") && text.contains("batch") && text.contains("20");
        }).map(ReportedTrial::trial).toList();
        assertTrue(expected.size() > 200 && expected.size() < TRIALS / 2, expected.size() + " matches");
        WebElement filter = driver.findElement(By.id("filter"));
        js.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                filter, typed);
        assertEquals(String.format(Locale.ROOT, "%,d of 3,000 trials shown", expected.size()),
                driver.findElement(By.id("shown")).getText());
        assertEquals(expected.subList(0, 100), shownOrder());
        driver.findElement(By.cssSelector("#pager [data-go=next]")).click();
        assertEquals(expected.subList(100, 200), shownOrder());

        // A bigger page shows them all at once; the filter keeps the sort.
        js.executeScript("var s = document.getElementById('page-size'); s.value = '1000'; s.dispatchEvent(new Event('change'));");
        header("val_acc").click();
        header("val_acc").click();   // descending
        List<String> shown = shownOrder();
        assertEquals(expected.size(), shown.size());
        assertEquals(expected, shown, "ok trials rank by val_acc, so descending val_acc is the ranked order");

        // Typed as a single trial's name, exactly that trial.
        filter.clear();
        filter.sendKeys(ranked.get(1234).trial());
        assertEquals(List.of(ranked.get(1234).trial()), shownOrder());
        assertNoConsoleProblems();
    }

    @Test
    void aTrialWithoutPicturesOpensItsCurvesDrawnFromTheData() {
        ReportedTrial trial = ranked.get(700);   // far below the best 50
        WebElement filter = driver.findElement(By.id("filter"));
        filter.sendKeys(trial.trial());
        WebElement row = driver.findElement(By.cssSelector("#results tbody tr.trial"));
        assertEquals(trial.trial(), row.getAttribute("data-trial"));
        row.click();
        WebElement detail = driver.findElement(By.cssSelector("#results tbody tr.detail"));
        assertEquals(0, detail.findElements(By.tagName("img")).size(), "no PNGs for this one");
        List<WebElement> charts = detail.findElements(By.cssSelector("svg.drawn"));
        assertEquals(2, charts.size(), "accuracy and cost");
        // One point per epoch on the validation curve: "M x y" then "L x y" for each further epoch.
        String path = charts.get(0).findElement(By.cssSelector("path.series-validation")).getAttribute("d");
        assertEquals(EPOCHS - 1, path.split("L").length - 1, path);
        assertTrue(detail.getText().contains("./submit.sh report " + out.toAbsolutePath().normalize() + " --trial "
                + trial.trial()), detail.getText());
        assertTrue(detail.getText().contains(trial.params(false)), detail.getText());
        // The chart's last tick label is at most the final val_acc's neighbourhood: its axis ends near it.
        assertTrue(charts.get(0).getText().contains("epoch"), charts.get(0).getText());
        row.click();
        assertEquals(0, driver.findElements(By.cssSelector("#results tbody tr.detail")).size());

        // A pictured one still opens its PNGs.
        filter.clear();
        js.executeScript("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", filter);
        WebElement best = driver.findElement(By.cssSelector("#results tbody tr.trial[data-rank='1']"));
        best.click();
        List<WebElement> images = driver.findElements(By.cssSelector("#results tbody tr.detail img"));
        assertEquals(List.of("cost.png", "loss.png", "accuracy.png", "templates.png"),
                images.stream().map(i -> i.getAttribute("data-file")).toList());
        best.click();
        assertNoConsoleProblems();
    }

    @Test
    void theFailedAndDivergedTrialsSayWhy() {
        ReportedTrial failed = ranked.stream().filter(r -> r.status().equals("failed")).findFirst().orElseThrow();
        driver.findElement(By.id("filter")).sendKeys(failed.trial());
        WebElement row = driver.findElement(By.cssSelector("#results tbody tr.trial"));
        row.click();
        WebElement detail = driver.findElement(By.cssSelector("#results tbody tr.detail"));
        assertTrue(detail.getText().contains("failed: boom: a test failure"), detail.getText());
        assertTrue(detail.getText().contains("No curves: curves.csv has no epochs for this trial."), detail.getText());
        row.click();
        assertNoConsoleProblems();
    }

    private static void assertNoConsoleProblems() {
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
        assertEquals(List.of(), problems, "console errors and warnings");
    }
}
