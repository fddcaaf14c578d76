package org.cifarsweep.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.data.DataFormatException;
import org.cifarsweep.run.IncompleteSweepException;
import org.cifarsweep.results.OutputWriteException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code train}, {@code gradcheck} and the others. Every user error ends as one line on stderr,
 * naming the option, file or key and the rule, with a non-zero exit.
 */
@Command(name = "cifar-sweep", mixinStandardHelpOptions = true, version = "cifar-sweep 0.1.0",
        description = "Softmax classifiers on CIFAR-10: train one, check its gradients, sweep many on Spark.",
        subcommands = {SweepCommand.class, TrainCommand.class, GradcheckCommand.class, ReportCommand.class})
public final class Main implements Runnable {
    static final int EXIT_USAGE = 2;
    static final int EXIT_DATA = 3;
    /** A file of the output folder could not be written during the run (disk full, I/O error). */
    static final int EXIT_WRITE = 5;

    public static void main(String[] args) {
        SignalStop.install();
        int code = run(args);
        // After a signal the JVM is already shutting down; System.exit would wait for it, which is as good.
        if (code != 0) System.exit(code);
    }

    /** Runs a command line and returns its exit code, without exiting (for tests). */
    public static int run(String... args) {
        RunNotice.start(args);
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((e, a) -> {
            String message = e.getMessage();
            if (e instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine() != null) {
                List<String> unmatched = u.getUnmatched();
                if (u.getCommandLine().getParent() == null && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                    message = "unknown command '" + unmatched.get(0) + "'";
                }
                List<String> suggestions = u.getSuggestions();
                if (!suggestions.isEmpty()) {
                    message += "; did you mean '" + String.join("' or '", suggestions.subList(0, Math.min(3, suggestions.size()))) + "'?";
                }
                message += " (" + known(u.getCommandLine()) + ")";
            }
            e.getCommandLine().getErr().println("cifar-sweep: error: " + oneLine(message));
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Integer code = reportUserError(e, commandLine.getErr());
            if (code == null) throw e;
            return code;
        });
        return cli.execute(args);
    }

    /**
     * The one line for a user error (or an environment's, like a full disk) and its exit code; null for a bug, which
     * deserves its stack trace.
     */
    static Integer reportUserError(Throwable e, PrintWriter err) {
        // Stopped by a signal: its one line is out, and what failed since (a cancelled Spark job) is its doing.
        if (SignalStop.stopping()) return 1;
        Throwable cause = rootUserError(e);
        if (cause == null) return null;
        if (cause instanceof OutputWriteException) {
            err.println("cifar-sweep: error: " + oneLine(cause.getMessage()) + RunNotice.afterWriteFailure());
            return EXIT_WRITE;
        }
        // An incomplete sweep's line may have been printed already, by the shutdown hook of a dying driver.
        if (cause.getMessage() != null) err.println("cifar-sweep: error: " + oneLine(cause.getMessage()));
        return cause instanceof CliException c ? c.exitCode()
                : cause instanceof IncompleteSweepException i ? i.exitCode()
                : cause instanceof DataFormatException ? EXIT_DATA : EXIT_USAGE;
    }

    /** What the command accepts, for a message about an argument it does not. */
    private static String known(CommandLine commandLine) {
        CommandLine.Model.CommandSpec spec = commandLine.getCommandSpec();
        List<String> options = new ArrayList<>();
        spec.options().forEach(o -> options.add(o.longestName()));
        String subcommands = String.join(", ", spec.subcommands().keySet());
        String accepted = options.isEmpty() ? "no options" : "options: " + String.join(", ", options);
        if (!subcommands.isEmpty()) accepted = "commands: " + subcommands + "; " + accepted;
        return spec.qualifiedName().replace("cifar-sweep ", "") + " takes " + accepted;
    }

    /** A terminal line must stay one line, whatever a library put in its message. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** The user error behind an exception, or null when it is a bug that deserves its stack trace. */
    private static Throwable rootUserError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CliException || t instanceof DataFormatException || t instanceof IncompleteSweepException
                    || t instanceof IllegalArgumentException || t instanceof UncheckedIOException) {
                return t;
            }
        }
        return null;
    }

    @Override
    public void run() {
        throw new CliException("missing command: give one of sweep, train, gradcheck, report (see --help)", EXIT_USAGE);
    }
}
