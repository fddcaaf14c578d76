package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The command line run in this JVM, as the CLI and reliability tests use it. */
public final class Cli {
    private Cli() { }

    /** What a command did: its exit code, stdout and stderr. */
    public record Result(int exit, String out, String err) {
        /** Asserts a refusal: this exit code, and exactly one line on stderr that holds every {@code parts}. */
        public Result refused(int code, String... parts) {
            String where = "stderr: " + err + "\nstdout: " + out;
            assertEquals(code, exit, where);
            assertTrue(err.startsWith("cifar-sweep: error: "), where);
            assertEquals(1, err.strip().lines().count(), "one line, " + where);
            for (String part : parts) assertTrue(err.contains(part), "'" + part + "' missing in " + where);
            return this;
        }

        public Result ok() {
            assertEquals(0, exit, "stderr: " + err + "\nstdout: " + out);
            return this;
        }
    }

    /** Runs the CLI in-process; sweeps run on local[2], as with {@code --master local[2]}. */
    public static Result run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setProperty("spark.master", "local[2]");
        System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Result(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.clearProperty("spark.master");
        }
    }
}
