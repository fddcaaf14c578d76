package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.cifarsweep.testutil.HeadlessChrome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * report.html in a real browser: Debian's headless Chromium, driven through its own chromedriver (no driver or
 * browser download). Skipped only where Chromium is not installed; .ci/run installs it.
 */
class ReportPageBrowserTest {

    @TempDir
    static Path tmp;
    /** Selenium warns that it has no CDP module for this Chromium; the test uses none. Held so it is not collected. */
    private static ChromeDriver driver;
    private static Path out;

    @BeforeAll
    static void openBrowser() throws Exception {
        HeadlessChrome.assumeInstalled();
        out = ReportFixture.write(tmp.resolve("out"));
        ReportFixture.writeProvenance(out, "seed-experiments", tmp.resolve("nowhere"), true);
        ReportBuilder.build(out);

        driver = HeadlessChrome.open(tmp, out.resolve("report.html"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) driver.quit();
    }

    /** The trial names of the table's rows, top to bottom. */
    private static List<String> shownOrder() {
        return driver.findElements(By.cssSelector("#results tbody tr.trial")).stream()
                .map(r -> r.getAttribute("data-trial")).toList();
    }

    /** results.csv read on its own (not through the report's reader). */
    private static List<CSVRecord> resultsCsv() throws Exception {
        try (Reader in = Files.newBufferedReader(out.resolve("results.csv"), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    /** The trials by val_acc, ascending or not; rows without a number last, in ranked order among themselves. */
    private static List<String> byValAcc(List<CSVRecord> rows, boolean ascending, List<String> ranked) {
        Comparator<CSVRecord> byValue = Comparator.comparingDouble(r -> Double.parseDouble(r.get("val_acc")));
        List<String> numbered = rows.stream().filter(r -> Double.isFinite(Double.parseDouble(r.get("val_acc"))))
                .sorted(ascending ? byValue : byValue.reversed()).map(r -> r.get("trial")).toList();
        List<String> order = new ArrayList<>(numbered);
        ranked.stream().filter(t -> !numbered.contains(t)).forEach(order::add);
        return order;
    }

    private static WebElement header(String key) {
        return driver.findElement(By.cssSelector("#results thead th[data-key='" + key + "']"));
    }

    @Test
    void theTableHasOneRowPerTrialOfResultsCsv() throws Exception {
        List<CSVRecord> rows = resultsCsv();
        List<String> shown = shownOrder();
        assertEquals(rows.size(), shown.size());
        assertEquals(rows.stream().map(r -> r.get("trial")).sorted().toList(), shown.stream().sorted().toList());
    }

    @Test
    void clickingValAccSortsByItBothWays() throws Exception {
        List<CSVRecord> rows = resultsCsv();
        header("rank").click();     // a known starting order, whatever other tests clicked
        List<String> ranked = shownOrder();
        header("val_acc").click();
        List<String> ascending = shownOrder();
        assertEquals(byValAcc(rows, true, ranked), ascending);
        assertTrue(!ascending.equals(ranked), "sorting by val_acc reorders the ranked table");
        assertEquals("ascending", header("val_acc").getAttribute("aria-sort"));
        header("val_acc").click();
        assertEquals(byValAcc(rows, false, ranked), shownOrder());
        assertEquals("descending", header("val_acc").getAttribute("aria-sort"));
        header("trial").click();
        assertEquals(rows.stream().map(r -> r.get("trial")).sorted().toList(), shownOrder());
    }

    @Test
    void aRowOpensItsCurvesAndTemplates() {
        header("rank").click();
        WebElement best = driver.findElement(By.cssSelector("#results tbody tr.trial[data-rank='1']"));
        best.click();
        WebElement detail = driver.findElement(By.cssSelector("#results tbody tr.detail"));
        assertEquals(best.getAttribute("data-trial"),
                ((JavascriptExecutor) driver).executeScript("return arguments[0].previousElementSibling.getAttribute('data-trial')", detail));
        List<WebElement> images = detail.findElements(By.tagName("img"));
        assertEquals(List.of("cost.png", "loss.png", "accuracy.png", "templates.png"),
                images.stream().map(i -> i.getAttribute("data-file")).toList());
        for (WebElement img : images) {
            Object width = ((JavascriptExecutor) driver).executeScript(
                    "return arguments[0].complete ? arguments[0].naturalWidth : -1", img);
            assertTrue(((Number) width).intValue() > 0, img.getAttribute("data-file") + " decoded by the browser");
            assertTrue(img.isDisplayed(), img.getAttribute("data-file") + " visible");
        }
        // Sorting keeps the open details under their row; clicking the row again closes them.
        header("val_acc").click();
        assertEquals(best.getAttribute("data-trial"),
                ((JavascriptExecutor) driver).executeScript("return arguments[0].previousElementSibling.getAttribute('data-trial')", detail));
        best.click();
        assertEquals(0, driver.findElements(By.cssSelector("#results tbody tr.detail")).size());
    }

    @Test
    void theFailedTrialSaysWhyItHasNoPictures() {
        WebElement failed = driver.findElement(By.cssSelector("#results tbody tr.trial[data-trial='eta0.5_lam1_b100_ep40']"));
        failed.click();
        WebElement detail = driver.findElement(By.cssSelector("#results tbody tr.detail"));
        assertTrue(detail.getText().contains("OutOfMemoryError"), detail.getText());
        assertTrue(detail.getText().contains("a failed trial has no weights"), detail.getText());
        failed.click();
    }

    @Test
    void thePageLogsNoErrorsAndLoadsNothingFromOutside() {
        JavascriptExecutor js = driver;
        assertNoConsoleProblems("after loading");
        // Exercise the script: every sort, a filter, a row opened and closed.
        for (WebElement th : driver.findElements(By.cssSelector("#results thead th"))) th.click();
        WebElement row = driver.findElement(By.cssSelector("#results tbody tr.trial"));
        row.click();
        row.click();
        WebElement filter = driver.findElement(By.id("filter"));
        filter.sendKeys("lam0.1");
        assertEquals(1L, js.executeScript("return document.querySelectorAll('#results tbody tr.trial:not([hidden])').length"));
        js.executeScript("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", filter);
        assertEquals((long) ReportFixture.TRIALS.size(),
                js.executeScript("return document.querySelectorAll('#results tbody tr.trial:not([hidden])').length"));
        assertNoConsoleProblems("after sorting, opening and filtering");
        Object external = js.executeScript("return performance.getEntriesByType('resource')"
                + ".map(function (e) { return e.name; }).filter(function (n) { return n.indexOf('data:') !== 0; })");
        assertEquals(List.of(), external, "requests the page made");

        // The check can see errors: a console.error from the page shows up in the same log.
        js.executeScript("console.error('probe-' + 42)");
        String seen = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .collect(Collectors.joining("\n"));
        assertTrue(seen.contains("probe-42"), "console log retrieval works: " + seen);
    }

    /** Warnings and errors in the browser console since the last look (the log is drained as it is read). */
    private static void assertNoConsoleProblems(String when) {
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
        assertEquals(List.of(), problems, "console errors and warnings " + when);
    }
}
