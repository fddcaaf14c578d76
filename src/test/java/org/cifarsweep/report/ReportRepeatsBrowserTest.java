package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
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

/** The report of a sweep with repeats ({@link ReportRepeatsTest}'s folder) in headless Chromium. */
class ReportRepeatsBrowserTest {
    @TempDir
    static Path tmp;
    private static ChromeDriver driver;

    @BeforeAll
    static void openBrowser() throws Exception {
        HeadlessChrome.assumeInstalled();
        Path out = ReportRepeatsTest.write(tmp.resolve("out"));
        ReportBuilder.build(out);
        driver = HeadlessChrome.open(tmp, out.resolve("report.html"), Duration.ofSeconds(60));
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) driver.quit();
    }

    private static List<List<String>> cells(String table) {
        return driver.findElements(By.cssSelector(table + " tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    @Test
    void theConfigurationsTableShowsMeanAndSdBestFirst() {
        WebElement table = driver.findElement(By.id("configurations-table"));
        assertTrue(table.isDisplayed());
        List<List<String>> rows = cells("#configurations-table");
        assertEquals(List.of("1", "eta0.01_lam0_b100_ep40", "η=0.01, λ=0, batch 100, 40 epochs", "3/3", "36.00% ± 1.00",
                "37.00% ± 1.00"), rows.get(0));
        assertEquals(List.of("2", "eta0.1_lam0_b100_ep40", "η=0.1, λ=0, batch 100, 40 epochs", "3/3", "23.00% ± 2.00",
                "22.00% ± 2.00"), rows.get(1));
        WebElement link = driver.findElement(By.cssSelector("nav a[href='#configurations']"));
        assertEquals("Configurations", link.getText());
    }

    @Test
    void filteringTheTrialsByAConfigurationShowsItsRepeats() {
        JavascriptExecutor js = driver;
        WebElement filter = driver.findElement(By.id("filter"));
        filter.sendKeys("eta0.1_lam0_b100_ep40");
        assertEquals(3L, js.executeScript("return document.querySelectorAll('#results tbody tr.trial:not([hidden])').length"));
        js.executeScript("arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input'))", filter);
        assertEquals(6L, js.executeScript("return document.querySelectorAll('#results tbody tr.trial:not([hidden])').length"));
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::toString).toList();
        assertEquals(List.of(), problems, "console errors and warnings");
    }

    @Test
    void theAssignmentTableSetsOurMeanAndSdBesideTheReportsNumbers() {
        List<List<String>> rows = driver.findElements(By.cssSelector("#assignment tbody tr")).stream()
                .map(r -> r.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
        assertEquals(List.of("A", "0.1", "0", "28.33%", "20.00%", "22.00% ± 2.00", "-6.33 points", "20.00% – 24.00%",
                "23.00% ± 2.00", "3/3", "eta0.1_lam0_b100_ep40"), rows.get(0));
        assertEquals("34.73%", rows.get(1).get(3));
        assertEquals("37.00% ± 1.00", rows.get(1).get(5));
    }
}
