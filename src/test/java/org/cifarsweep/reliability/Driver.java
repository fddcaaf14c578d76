package org.cifarsweep.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cifarsweep.testutil.AppJar;
import org.cifarsweep.testutil.ChildProcess;

/**
 * {@code ./submit.sh ...} run as a user runs it, as a child process with its stdout and stderr in a file: a real
 * driver JVM that a test can SIGKILL. The application jar is zipped from {@code target/classes} (the classes under
 * test) and passed as {@code CIFAR_SWEEP_JAR}, so submit.sh does not build.
 */
public final class Driver implements AutoCloseable {
    private static Path appJar;

    private final ChildProcess child;

    private Driver(ChildProcess child) {
        this.child = child;
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
        Path localDirs = Files.createDirectories(scratch.resolve("spark-local-" + logName));
        Path jar = appJar(scratch);
        return new Driver(ChildProcess.start(command, project(), scratch.resolve(logName + ".log"), env -> {
            env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK_"));
            env.put("CIFAR_SWEEP_JAR", jar.toString());
            env.put("CIFAR_SWEEP_DRIVER_MEMORY", "-Xmx2g");
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.put("SPARK_LOCAL_DIRS", localDirs.toString());
        }));
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
        if (appJar == null || !Files.isRegularFile(appJar)) {
            Path classes = project().resolve("target/classes");
            assertTrue(Files.isDirectory(classes), classes + " is missing: compile first");
            appJar = AppJar.of(classes, scratch.resolve("cifar-sweep-under-test.jar"));
        }
        return appJar;
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** The exit code; on timeout the tree is killed and an AssertionError carries the output's tail. */
    public int await(Duration timeout) throws InterruptedException {
        return child.await(timeout);
    }

    /** Everything the driver printed so far. */
    public String output() {
        return child.text();
    }

    public String tail(int lines) {
        return child.tail(lines);
    }

    /**
     * SIGKILLs the driver JVM ({@link ProcessHandle#destroyForcibly()} is kill -9 on Linux) and every process it
     * started, then waits until all are gone. Returns the driver's exit code, 137 = 128 + SIGKILL.
     */
    public int kill9() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(child.process().toHandle());
        child.process().toHandle().descendants().forEach(tree::add);
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
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the driver survived SIGKILL");
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new AssertionError("process " + p.pid() + " survived SIGKILL", e);
            }
            assertFalse(p.isAlive(), "process " + p.pid() + " survived SIGKILL");
        }
        return child.process().exitValue();
    }

    /** The driver JVM: the java process in this child's tree (submit.sh runs it in a pipeline). */
    public ProcessHandle jvm() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(child.process().toHandle());
        child.process().toHandle().descendants().forEach(tree::add);
        return tree.stream().filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst()
                .orElseThrow(() -> new AssertionError("no java process in the driver's tree"));
    }

    /** Sends {@code signal} (e.g. "TERM", "INT") to the driver JVM alone, as {@code kill -SIG pid} would. */
    public void signal(String signal) throws IOException, InterruptedException {
        long pid = jvm().pid();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }

    @Override
    public void close() {
        child.close();
    }

    /** Waits (polling, no fixed sleep) until {@code condition} holds, the driver ends, or {@code timeout} passes. */
    public boolean waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        return child.waitFor(condition, timeout);
    }
}
