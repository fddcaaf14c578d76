package org.cifarsweep.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python side of bench/ (bench/analysis, bench/numpy_trial.py, the scripts' command lines), through its own
 * unittest suite in bench/tests, so that {@code mvn test} checks it too. The numpy tests skip themselves where
 * numpy is not installed.
 */
class BenchAnalysisTest {
    private static final List<String> COMMAND =
            List.of("python3", "-m", "unittest", "discover", "-s", "bench", "-p", "test_*.py");

    @Test
    void benchPythonTestsPass(@TempDir Path tmp) throws IOException, InterruptedException {
        assumeTrue(python3Runs(), "python3 not found: the bench/ Python tests need it");
        Path root = projectRoot();
        Path log = tmp.resolve("unittest.log");
        ProcessBuilder pb = new ProcessBuilder(COMMAND).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");   // no __pycache__ in the source tree
        Process process = pb.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("timed out after 5 minutes: " + String.join(" ", COMMAND) + "\n" + read(log));
        }
        String output = read(log);
        assertEquals(0, process.exitValue(), () -> String.join(" ", COMMAND) + " failed:\n" + output);
        assertTrue(output.contains("\nOK"), () -> "no OK line from unittest:\n" + output);
    }

    /** The project folder: the working directory (Maven runs tests there) or the first parent holding bench/. */
    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bench/analysis")) && Files.isDirectory(p.resolve("bench/tests"))) return p;
        }
        throw new AssertionError("no bench/analysis above " + Path.of("").toAbsolutePath());
    }

    private static boolean python3Runs() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
