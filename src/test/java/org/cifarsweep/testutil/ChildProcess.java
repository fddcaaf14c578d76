package org.cifarsweep.testutil;

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
public final class ChildProcess implements AutoCloseable {
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
    public static ChildProcess start(List<String> command, Path workDir, Path output, Consumer<Map<String, String>> env)
            throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        env.accept(pb.environment());
        return new ChildProcess(List.copyOf(command), output, pb.start());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the exit code; on timeout kills the process tree and throws an AssertionError with the output's tail.
     */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                    + "\n" + tail(60));
        }
        return process.exitValue();
    }

    public Path output() {
        return output;
    }

    /** The process itself, e.g. to find the JVM in its tree. */
    public Process process() {
        return process;
    }

    /** Everything it printed so far. */
    public String text() {
        try {
            return Files.readString(output, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public String tail(int lines) {
        List<String> all = text().lines().toList();
        return "--- last " + lines + " lines of " + output + " ---\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Waits (polling, no fixed sleep) until {@code condition} holds, the process ends, or {@code timeout} passes. */
    public boolean waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) return condition.getAsBoolean();
            Thread.sleep(10);
        }
        return true;
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
            awaitExit(tree, Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for each process to exit, up to {@code timeout} in all. */
    public static void awaitExit(Iterable<ProcessHandle> handles, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return;
            }
        }
    }
}
