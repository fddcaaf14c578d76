package org.cifarsweep.spark.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A command run as a child process, its stdout and stderr merged into a file. {@link #close()} kills it and its
 * descendants by PID if it is still running (a test that failed or timed out).
 */
final class ChildProcess implements AutoCloseable {
    private final List<String> command;
    private final Path output;
    private final Process process;

    private final Thread shutdownHook = new Thread(this::close, "child-process-stop");

    private ChildProcess(List<String> command, Path output, Process process) {
        this.command = command;
        this.output = output;
        this.process = process;
        Runtime.getRuntime().addShutdownHook(shutdownHook);   // a test JVM stopped by Ctrl-C or SIGTERM
    }

    /** Starts {@code command} in {@code workDir}; {@code env} edits a copy of this JVM's environment. */
    static ChildProcess start(List<String> command, Path workDir, Path output, Consumer<Map<String, String>> env)
            throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        env.accept(pb.environment());
        return new ChildProcess(List.copyOf(command), output, pb.start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the exit code; on timeout kills the process tree and throws an AssertionError with the output's tail.
     */
    int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                    + "\n" + tail(60));
        }
        return process.exitValue();
    }

    Path output() {
        return output;
    }

    String tail(int lines) {
        return "--- last " + lines + " lines of " + output + " ---\n" + StandaloneCluster.tail(output, lines);
    }

    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // called by the hook itself: the JVM is shutting down
        }
        if (!process.isAlive()) return;
        List<ProcessHandle> tree = process.toHandle().descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(20, TimeUnit.SECONDS);
            StandaloneCluster.awaitExit(tree, Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
