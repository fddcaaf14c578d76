package org.cifarsweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the user can do when a run stops half-way (a signal, a full disk): for a sweep, the command that finishes it,
 * e.g. {@code ./submit.sh sweep conf/grid.conf --resume --out out/grid}. The commands say what they run once they
 * know it; {@link Main} adds it to its last line.
 */
final class RunNotice {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    /** The Spark options submit.sh took from the command line (shell-quoted), so that the resume gets them too. */
    static final String SPARK_ARGS_ENV = "CIFAR_SWEEP_SPARK_ARGS";

    private static volatile List<String> args = List.of();
    private static volatile Path sweepConf;
    private static volatile Path out;
    private static volatile boolean train;

    private RunNotice() { }

    /** A new command line: nothing known yet. */
    static void start(String... commandLine) {
        args = List.of(commandLine);
        sweepConf = null;
        out = null;
        train = false;
    }

    /** A sweep of {@code conf} is about to write into {@code dir}. */
    static void sweep(Path conf, Path dir) {
        sweepConf = conf;
        out = dir;
    }

    /** A train run is about to write into {@code dir}. */
    static void train(Path dir) {
        train = true;
        out = dir;
    }

    /** After "stopped by signal SIGx": where the results are and how to go on, or "" when nothing is running. */
    static String afterSignal() {
        if (sweepConf != null) {
            boolean someDone = hasRows(out.resolve("results.csv"));
            return someDone ? "; the results so far are in " + out + ", finish the sweep with: " + resumeCommand()
                    : "; no trial had finished in " + out + ", start the sweep again with: " + resumeCommand();
        }
        if (train) return "; train records its run when it ends, so nothing was kept: run the same command again";
        return "";
    }

    /** After a file of the output folder could not be written (a full disk, say). */
    static String afterWriteFailure() {
        if (sweepConf != null) {
            return "; the results so far in " + out + " are consistent: free space (or fix the cause) and finish the"
                    + " sweep with: " + resumeCommand();
        }
        if (train) return "; free space (or fix the cause) and run the same command again with --overwrite";
        return "";
    }

    /** {@code ./submit.sh sweep CONF --resume} and the other options as given, without --overwrite. */
    static String resumeCommand() {
        List<String> words = new ArrayList<>(List.of("./submit.sh"));
        boolean resumeAdded = false;
        for (String a : args) {
            if (a.equals("--overwrite") || a.equals("--resume")) continue;
            words.add(quote(a));
            if (!resumeAdded && sweepConf != null && a.equals(sweepConf.toString())) {
                words.add("--resume");
                resumeAdded = true;
            }
        }
        if (!resumeAdded) words.add("--resume");
        String command = String.join(" ", words);
        String spark = System.getenv(SPARK_ARGS_ENV);   // submit.sh sets it, empty when there were none
        if (spark != null) {
            if (!spark.isBlank()) command += " " + spark.strip();
        } else if (System.getProperty("spark.master") != null) {
            command += " --master " + quote(System.getProperty("spark.master"));
        }
        return command;
    }

    /** A word as a POSIX shell reads it back. */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean hasRows(Path results) {
        try (var lines = Files.lines(results)) {
            return lines.skip(1).findAny().isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
