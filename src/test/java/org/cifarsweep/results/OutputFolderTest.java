package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: what --overwrite may delete, and no empty folder left by a run that wrote nothing. */
class OutputFolderTest {
    static final List<String> OWN = List.of("results.csv", "curves.csv", "weights", "provenance.json",
            "provenance.json.tmp", "report.html", "plots");

    @TempDir
    Path dir;

    /** A sweep whose Spark failed to start left an empty output folder (and its parents) behind. */
    @Test
    void theFoldersARunCreatedGoWhenItEndsHavingWrittenNothing() throws IOException {
        Path out = dir.resolve("a/b/out");
        OutputFolder.prepareLocked(out, false, "hint", OWN).close();
        assertFalse(Files.exists(dir.resolve("a")), "created folders removed");
        assertTrue(Files.isDirectory(dir));

        try (OutputLock lock = OutputFolder.prepareLocked(out, false, "hint", OWN)) {
            Files.writeString(out.resolve("results.csv"), "trial,eta\n");
        }
        assertTrue(Files.isRegularFile(out.resolve("results.csv")), "a folder with results stays");

        Path existing = Files.createDirectories(dir.resolve("existing"));
        OutputFolder.prepareLocked(existing, false, "hint", OWN).close();
        assertTrue(Files.isDirectory(existing), "a folder that was there stays, empty or not");
    }

    /** --out ~/Documents --overwrite deleted its plots/ and report.html: names that are not only ours. */
    @Test
    void overwriteRefusesAFolderHoldingNoRun() throws IOException {
        Path foreign = Files.createDirectories(dir.resolve("documents"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        Files.createDirectories(foreign.resolve("plots")).resolve("figure.png").toFile().createNewFile();
        Files.writeString(foreign.resolve("report.html"), "<p>mine</p>");
        Files.writeString(foreign.resolve("results.csv"), "name,score\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputFolder.prepareLocked(foreign, true, "hint", OWN));
        assertEquals("--out " + foreign + ": --overwrite refused: the folder holds no run of cifar-sweep (a results.csv,"
                + " curves.csv or provenance.json written by it), only other files (notes.txt, plots, report.html and 1"
                + " more); give a new or empty folder", e.getMessage());
        assertEquals("<p>mine</p>", Files.readString(foreign.resolve("report.html")));
        assertTrue(Files.exists(foreign.resolve("plots/figure.png")));
        assertFalse(Files.exists(foreign.resolve(OutputLock.FILE)));
    }

    @Test
    void overwriteReplacesTheFilesOfARunAndKeepsTheRest() throws IOException {
        String header = String.join(",", ResultsRow.COLUMNS) + "\n";
        String[][] runs = {
                {"results.csv", header},                                            // a run of this version
                {"results.csv", "trial,eta,lambda,n_batch,n_epochs,seed,preprocess,precision,status\n"},   // older
                {"results.csv", "tri"},                                             // a crash while creating it
                {"curves.csv", String.join(",", CurveRows.COLUMNS) + "\n"},
                {"provenance.json", "{}"},
                {"provenance.json.tmp", "{"},                                       // killed while Spark started
                {OutputLock.FILE, "pid 1\n"},                                       // a killed run's lock
        };
        for (String[] run : runs) {
            Path out = Files.createDirectories(dir.resolve("run-" + run[0] + run[1].length()));
            Files.writeString(out.resolve(run[0]), run[1]);
            Files.writeString(out.resolve("notes.txt"), "mine");
            Files.createDirectories(out.resolve("plots"));
            OutputFolder.prepareLocked(out, true, "hint", OWN).close();
            assertFalse(Files.exists(out.resolve("plots")), run[0] + ": plots of the run deleted");
            assertEquals("mine", Files.readString(out.resolve("notes.txt")), "other files kept");
        }
    }
}
