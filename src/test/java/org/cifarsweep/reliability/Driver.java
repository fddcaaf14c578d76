package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * {@code ./submit.sh ...} run as a user runs it, as a child process with its stdout and stderr in a file: a real
 * driver JVM that a test can SIGKILL. The application jar is zipped from {@code target/classes} (the classes under
 * test) and passed as {@code CIFAR_SWEEP_JAR}, so submit.sh does not build.
 */
public final class Driver implements AutoCloseable {
    private static Path appJar;

    private final List<String> command;
    private final Path output;
    private final Process process;
    private final Thread shutdownHook = new Thread(this::killTree, "driver-kill");

    private Driver(List<String> command, Path output, Process process) {
        this.command = command;
        this.output = output;
        this.process = process;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The project folder: Maven's basedir, else the working directory. */
    public static Path project() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    /** Starts {@code submit.sh args...} in the project folder; {@code scratch} holds the jar, the log and Spark's files. */
    public static Driver start(Path scratch, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(project().resolve("submit.sh").toString());
        command.addAll(List.of(args));
        Path output = scratch.resolve(logName + ".log");
        Path localDirs = Files.createDirectories(scratch.resolve("spark-local-" + logName));
        ProcessBuilder pb = new ProcessBuilder(command).directory(project().toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK_"));
        pb.environment().put("CIFAR_SWEEP_JAR", appJar(scratch).toString());
        pb.environment().put("CIFAR_SWEEP_DRIVER_MEMORY", "-Xmx2g");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_LOCAL_DIRS", localDirs.toString());
        return new Driver(List.copyOf(command), output, pb.start());
    }

    /** Runs {@code submit.sh args...} to the end and returns {exit code, output}. */
    public static Object[] run(Path scratch, String logName, Duration timeout, String... args)
            throws IOException, InterruptedException {
        try (Driver driver = start(scratch, logName, args)) {
            int exit = driver.await(timeout);
            return new Object[] {exit, driver.output()};
        }
    }

    /** The jar of target/classes, zipped once per test JVM. */
    static synchronized Path appJar(Path scratch) throws IOException {
        if (appJar != null && Files.isRegularFile(appJar)) return appJar;
        Path classes = project().resolve("target/classes");
        assertTrue(Files.isDirectory(classes), classes + " is missing: compile first");
        Path jar = scratch.resolve("cifar-sweep-under-test.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (Path file : files) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) continue;
                zip.putNextEntry(new JarEntry(name));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        appJar = jar;
        return jar;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; on timeout the tree is killed and an AssertionError carries the output's tail. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            killTree();
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command)
                    + "\n" + tail(60));
        }
        return process.exitValue();
    }

    /** Everything the driver printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public String tail(int lines) {
        List<String> all = output().lines().toList();
        return "--- last " + lines + " lines of " + output + " ---\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * SIGKILLs the driver JVM ({@link ProcessHandle#destroyForcibly()} is kill -9 on Linux) and every process it
     * started, then waits until all are gone. Returns the driver's exit code, 137 = 128 + SIGKILL.
     */
    public int kill9() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.toHandle().descendants().forEach(tree::add);
        // submit.sh execs java, so the child itself is the driver JVM; kill whatever is a JVM first, then the rest.
        boolean sawJava = false;
        for (ProcessHandle p : tree) {
            if (p.info().command().orElse("").endsWith("/java")) {
                sawJava = true;
                assertTrue(p.destroyForcibly() || !p.isAlive(), "SIGKILL to " + p.pid());
            }
        }
        assertTrue(sawJava, "no java process in the driver's tree " + tree.stream().map(p -> p.pid() + " "
                + p.info().command().orElse("?")).toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the driver survived SIGKILL");
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + p.pid() + " survived SIGKILL", e);
            }
            assertFalse(p.isAlive(), "process " + p.pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    private void killTree() {
        if (!process.isAlive()) return;
        List<ProcessHandle> tree = process.toHandle().descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down
        }
        killTree();
    }

    /** Waits (polling, no fixed sleep) until {@code condition} holds, the driver ends, or {@code timeout} passes. */
    public boolean waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) return condition.getAsBoolean();
            Thread.sleep(10);
        }
        return true;
    }
}
