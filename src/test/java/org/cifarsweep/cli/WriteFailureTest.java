package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cifarsweep.results.CsvAppender;
import org.cifarsweep.results.OutputWriteException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, a full disk: the line the command line prints when a file of the output folder cannot be written, from
 * an injected IOException("No space left on device") (reliability.FullDiskTest fills a real disk).
 */
class WriteFailureTest {
    @AfterEach
    void forget() {
        RunNotice.start();
    }

    /** As Spark hands it back: the sink's exception inside the failed job's. */
    private static RuntimeException failedJob(String file) {
        OutputWriteException write = new OutputWriteException(file + ": cannot write: No space left on device",
                new IOException("No space left on device"));
        return new RuntimeException("Job aborted", new IllegalStateException("Execution error", write));
    }

    private static String report(Throwable e, int expectedCode) {
        StringWriter text = new StringWriter();
        Integer code = Main.reportUserError(e, new PrintWriter(text, true));
        assertEquals(expectedCode, code, text.toString());
        assertEquals(1, text.toString().lines().count(), text.toString());
        return text.toString().strip();
    }

    @Test
    void aSweepSaysWhichFileAndHowToFinish() {
        RunNotice.start("sweep", "conf/grid.conf", "--out", "/mnt/small/grid", "--overwrite", "--data", "my data");
        RunNotice.sweep(Path.of("conf/grid.conf"), Path.of("/mnt/small/grid"));
        String line = report(failedJob("/mnt/small/grid/weights/eta0.1_lam0_b100_ep40.mat"), Main.EXIT_WRITE);
        assertTrue(line.startsWith("cifar-sweep: error: /mnt/small/grid/weights/eta0.1_lam0_b100_ep40.mat: cannot write:"
                + " No space left on device; the results so far in /mnt/small/grid are consistent: free space (or fix"
                + " the cause) and finish the sweep with: ./submit.sh sweep conf/grid.conf --resume --out /mnt/small/grid"
                + " --data 'my data'"), line);
    }

    @Test
    void aTrainRunSaysToRunAgain() {
        RunNotice.start("train", "--out", "out/t");
        RunNotice.train(Path.of("out/t"));
        assertEquals("cifar-sweep: error: out/t/curves.csv: cannot write: No space left on device; free space (or fix the"
                + " cause) and run the same command again with --overwrite", report(failedJob("out/t/curves.csv"), Main.EXIT_WRITE));
    }

    @Test
    void otherUserErrorsKeepTheirCodes() {
        assertEquals("cifar-sweep: error: x", report(new IllegalArgumentException("x"), Main.EXIT_USAGE));
        assertEquals(null, Main.reportUserError(new IllegalStateException("a bug"), new PrintWriter(new StringWriter())));
    }

    /** The writers turn the system's IOException into an OutputWriteException naming the file (Linux's /dev/full). */
    @Test
    void csvAppendsToAFullDeviceNameTheFileAndTheReason() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "no /dev/full on this system");
        OutputWriteException e = assertThrows(OutputWriteException.class,
                () -> new CsvAppender(full, List.of("a", "b")));
        assertEquals("/dev/full: cannot append: No space left on device", e.getMessage());
    }

    @Test
    void resumeCommandsQuoteWhatTheShellWouldSplit() {
        assertEquals("out/x", RunNotice.quote("out/x"));
        assertEquals("'my data'", RunNotice.quote("my data"));
        assertEquals("'it'\\''s'", RunNotice.quote("it's"));
        assertEquals("'local[*]'", RunNotice.quote("local[*]"));
    }
}
