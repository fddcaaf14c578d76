package org.cifarsweep.spark.cluster;

import org.cifarsweep.testutil.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on 127.0.0.1: one master and two workers (1 core, 3 GiB each), started from the
 * Maven-resolved jars of {@code target/classpath.txt} with no Spark distribution.
 *
 * <p>Everything lives under one folder given by the caller (a JUnit {@code @TempDir}): a fake {@code SPARK_HOME}
 * ({@code home/jars/} holds links to the jars, {@code home/conf/java-opts} gives executors their own
 * {@code java.io.tmpdir}; there is no {@code bin/}, so {@code submit.sh} never takes it for a Spark installation),
 * the logs ({@code master.log}, {@code worker-N.log}), the workers' work dirs ({@code work-N}, where each executor
 * writes {@code app-*}/{@code ID}/{@code stderr}) and every JVM's scratch folders.
 *
 * <p>Each JVM is started directly with {@link ProcessBuilder}, so its PID is known; {@link #close()} stops them all by
 * PID, together with the executors the workers spawned, and waits for them to exit.
 */
public final class StandaloneCluster implements AutoCloseable {
    /** Executor JVMs carry this main class on their command line. */
    static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";
    static final String REGISTERED = "Successfully registered with master";
    private static final String MASTER_ALIVE = "I have been elected leader! New state: ALIVE";
    private static final Pattern WORKER_ADDRESS = Pattern.compile("Starting Spark worker (127\\.0\\.0\\.1:\\d+)");
    private static final int WORKERS = 2;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int STOP_SECONDS = 20;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_SECONDS);

    private final Path project;
    private final Path dir;
    private final Path home;
    private final List<String> jvmOptions;
    private final Map<String, Process> processes = new LinkedHashMap<>();   // name -> JVM, in start order
    private final List<Path> workDirs = new ArrayList<>();
    private final List<String> workerUrls = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "standalone-cluster-stop");
    private int port;
    private boolean closed;

    private StandaloneCluster(Path project, Path dir) throws IOException {
        this.project = project.toAbsolutePath().normalize();
        this.dir = dir.toAbsolutePath().normalize();
        this.home = this.dir.resolve("spark-home");
        this.jvmOptions = sparkJvmOptions(this.project);
    }

    /** The project folder (the one holding pom.xml): Maven's {@code basedir}, else the working directory. */
    public static Path projectDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().normalize();
    }

    /**
     * Starts a master and two workers under {@code dir} and returns once both workers are registered. On failure,
     * stops whatever it started and throws with the tail of the logs.
     */
    public static StandaloneCluster start(Path project, Path dir) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(project, dir);
        // A test JVM stopped by Ctrl-C or SIGTERM (not SIGKILL) still stops the cluster.
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.createSparkHome();
            cluster.startMaster();
            cluster.startWorkers();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            try {
                cluster.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:P}. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + port;
    }

    /** The fake SPARK_HOME (jars/ and conf/, no bin/). */
    public Path sparkHome() {
        return home;
    }

    /** The workers' work dirs, where executors write {@code app-*}/{@code ID}/{@code stderr}. */
    public List<Path> workDirs() {
        return List.copyOf(workDirs);
    }

    /** The workers' addresses as executors see them: {@code spark://Worker@127.0.0.1:P}. */
    public List<String> workerUrls() {
        return List.copyOf(workerUrls);
    }

    /**
     * The live executor JVMs of this cluster: children of this cluster's workers whose command line names
     * {@link #EXECUTOR_CLASS} and one of this cluster's worker URLs. Another cluster's or test's executors are
     * never children of these workers, and carry other worker URLs.
     */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> found = new ArrayList<>();
        for (Map.Entry<String, Process> e : processes.entrySet()) {
            if (!e.getKey().startsWith("worker")) continue;
            e.getValue().toHandle().children().filter(this::isOurExecutor).forEach(found::add);
        }
        return found;
    }

    /** An executor killed by {@link #killOneExecutor()}: its PID and its Spark executor id. */
    public record KilledExecutor(long pid, String executorId) {
    }

    /**
     * Kills one executor with SIGKILL ({@link ProcessHandle#destroyForcibly()} is {@code kill(pid, SIGKILL)} on
     * Linux; the worker then logs the exit status 137 = 128 + 9) and waits until it is gone.
     *
     * @throws IllegalStateException when no executor is running
     */
    public KilledExecutor killOneExecutor() throws InterruptedException {
        List<ProcessHandle> executors = executors();
        if (executors.isEmpty()) throw new IllegalStateException("no executor is running on " + masterUrl());
        ProcessHandle victim = executors.get(0);
        Matcher id = Pattern.compile("--executor-id (\\S+)").matcher(victim.info().commandLine().orElse(""));
        String executorId = id.find() ? id.group(1) : "?";
        if (!victim.destroyForcibly()) {
            throw new IllegalStateException("could not send SIGKILL to executor " + victim.pid());
        }
        ChildProcess.awaitExit(List.of(victim), Duration.ofSeconds(30));
        if (victim.isAlive()) throw new IllegalStateException("executor " + victim.pid() + " survived SIGKILL");
        return new KilledExecutor(victim.pid(), executorId);
    }

    /** The last {@code lines} lines of each log of this cluster, for failure messages. */
    public String logTails(int lines) {
        return logFiles().stream().map(f -> "==> " + f + " <==\n" + tail(f, lines)).collect(Collectors.joining("\n"));
    }

    /** The workers' logs only. */
    public String workerLogs() {
        return processes.keySet().stream().filter(n -> n.startsWith("worker"))
                .map(n -> read(dir.resolve(n + ".log"))).collect(Collectors.joining("\n"));
    }

    /**
     * Stops the master, the workers and every executor they spawned, by PID: SIGTERM first, SIGKILL for whatever is
     * still alive after {@value #STOP_SECONDS} s, then waits for all of them to exit. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // called by the hook itself: the JVM is shutting down
        }
        // The master first: without it the workers launch no new executor while they are being stopped.
        Set<ProcessHandle> all = new LinkedHashSet<>();
        Process master = processes.get("master");
        if (master != null) {
            all.addAll(master.toHandle().descendants().toList());
            all.add(master.toHandle());
            master.destroy();
            awaitExitQuietly(List.of(master.toHandle()), Duration.ofSeconds(10));
        }
        for (Map.Entry<String, Process> e : processes.entrySet()) {
            if (e.getKey().equals("master")) continue;
            all.addAll(e.getValue().toHandle().descendants().toList());   // executors, before the worker dies
            all.add(e.getValue().toHandle());
        }
        // Executors orphaned earlier (a worker that died first) are no longer anyone's descendants: find them by
        // this cluster's SPARK_HOME, a fresh temp path that appears in their class path.
        all.addAll(strays());
        all.forEach(ProcessHandle::destroy);
        awaitExitQuietly(all, STOP_TIMEOUT);
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExitQuietly(all, STOP_TIMEOUT);
        // An executor launched in the instant between the snapshot and the worker's death.
        List<ProcessHandle> late = strays();
        late.forEach(ProcessHandle::destroyForcibly);
        awaitExitQuietly(late, STOP_TIMEOUT);
        deleteJarLinks();
        List<ProcessHandle> alive = Stream.concat(all.stream(), late.stream()).filter(ProcessHandle::isAlive).toList();
        if (!alive.isEmpty()) {
            throw new IllegalStateException("cluster processes still alive after SIGKILL: "
                    + alive.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", ")));
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void createSparkHome() throws IOException {
        Path classpathFile = project.resolve("target/classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: run `mvn -q -B -DskipTests package` first");
        }
        Path jars = Files.createDirectories(home.resolve("jars"));
        Set<String> names = new LinkedHashSet<>();
        for (String entry : Files.readString(classpathFile).trim().split(":")) {
            if (entry.isBlank()) continue;
            Path jar = Path.of(entry.trim()).toAbsolutePath();
            if (!Files.isRegularFile(jar)) throw new IllegalStateException("class path entry missing: " + jar);
            String name = jar.getFileName().toString();
            if (!names.add(name)) name = names.size() + "-" + name;   // two artifacts with one file name
            names.add(name);
            Files.createSymbolicLink(jars.resolve(name), jar);
        }
        // Read by Spark's launcher (AbstractCommandBuilder) for every executor command the workers build.
        Path conf = Files.createDirectories(home.resolve("conf"));
        Path executorTmp = Files.createDirectories(dir.resolve("tmp-executors"));
        Files.writeString(conf.resolve("java-opts"), "-Djava.io.tmpdir=" + executorTmp + "\n");
    }

    /** Removes the links of {@code home/jars} (JUnit's {@code @TempDir} cleanup warns about each link otherwise). */
    private void deleteJarLinks() {
        try (Stream<Path> links = Files.list(home.resolve("jars"))) {
            for (Path link : links.toList()) Files.deleteIfExists(link);
        } catch (IOException e) {
            // no jars folder (start failed early) or already gone
        }
    }

    private void startMaster() throws IOException, InterruptedException {
        // A free port can be taken between the probe and the bind: the master then exits (maxRetries=0), try again.
        for (int attempt = 1; ; attempt++) {
            port = freePort();
            Process master = launch("master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0"));
            Optional<String> line = awaitLog("master", MASTER_ALIVE, START_TIMEOUT);
            if (line.isPresent()) return;
            if (master.isAlive() || attempt == 3) {
                throw new IllegalStateException("master did not come up on port " + port + " within "
                        + START_TIMEOUT.toSeconds() + " s\n" + logTails(40));
            }
            processes.remove("master");
            Files.move(dir.resolve("master.log"), dir.resolve("master-attempt-" + attempt + ".log"));
        }
    }

    private void startWorkers() throws IOException, InterruptedException {
        for (int i = 1; i <= WORKERS; i++) {
            Path workDir = Files.createDirectories(dir.resolve("work-" + i));
            workDirs.add(workDir);
            launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--webui-port", "0", "--cores", "1", "--memory", "3g",
                    "--work-dir", workDir.toString(), masterUrl()));
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int i = 1; i <= WORKERS; i++) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (awaitLog("worker-" + i, REGISTERED, left).isEmpty()) {
                throw new IllegalStateException("worker-" + i + " did not register with " + masterUrl()
                        + " within " + START_TIMEOUT.toSeconds() + " s\n" + logTails(40));
            }
            Matcher m = WORKER_ADDRESS.matcher(read(dir.resolve("worker-" + i + ".log")));
            if (!m.find()) throw new IllegalStateException("worker-" + i + " log has no address\n" + logTails(40));
            workerUrls.add("spark://Worker@" + m.group(1));
        }
    }

    /** Starts one JVM with the cluster's environment; stdout and stderr go to {@code dir/NAME.log}. */
    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        Path tmp = Files.createDirectories(dir.resolve("tmp-" + name));
        Path localDirs = Files.createDirectories(dir.resolve("local-" + name));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");   // as Spark's daemon scripts (SPARK_DAEMON_MEMORY)
        command.addAll(jvmOptions);
        command.add("-Dspark.port.maxRetries=0");   // a busy port fails instead of silently moving to P+1
        // The master's REST submission server has a fixed port (6066): two test clusters on one machine would clash.
        // Submits go through the RPC port, so it is not needed.
        command.add("-Dspark.master.rest.enabled=false");
        command.add("-Djava.io.tmpdir=" + tmp);
        command.add("-cp");
        command.add(home.resolve("jars") + "/*");
        command.addAll(mainAndArgs);

        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK_"));
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_DIRS", localDirs.toString());
        // Executors inherit the worker's environment: the project's OpenBLAS, one thread.
        env.put("LD_LIBRARY_PATH", project.resolve("target/native/org/bytedeco/openblas/linux-x86_64").toString());
        env.put("OPENBLAS_NUM_THREADS", "1");
        Process process = pb.start();
        processes.put(name, process);
        return process;
    }

    /** Waits until {@code dir/NAME.log} contains {@code text}; empty when the JVM died or time ran out. */
    private Optional<String> awaitLog(String name, String text, Duration timeout) throws InterruptedException {
        Path log = dir.resolve(name + ".log");
        Process process = processes.get(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String content = read(log);
            if (content.contains(text)) return Optional.of(text);
            if (!process.isAlive() || System.nanoTime() > deadline) return Optional.empty();
            Thread.sleep(200);
        }
    }

    private boolean isOurExecutor(ProcessHandle p) {
        String commandLine = p.info().commandLine().orElse("");
        return commandLine.contains(EXECUTOR_CLASS) && workerUrls.stream().anyMatch(commandLine::contains);
    }

    /** Live processes, other than those we hold, whose command line carries this cluster's unique SPARK_HOME. */
    private List<ProcessHandle> strays() {
        String marker = home.resolve("jars").toString();
        Set<Long> ours = processes.values().stream().map(Process::pid).collect(Collectors.toSet());
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> !ours.contains(p.pid()) && p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
        }
    }

    private List<Path> logFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> top = Files.list(dir)) {
            top.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().forEach(files::add);
        } catch (IOException e) {
            // the folder is gone: no logs
        }
        for (Path work : workDirs) {
            try (Stream<Path> walk = Files.walk(work, 3)) {
                walk.filter(f -> Set.of("stderr", "stdout").contains(f.getFileName().toString()))
                        .sorted(Comparator.naturalOrder()).forEach(files::add);
            } catch (IOException | UncheckedIOException e) {
                // an app folder removed while walking
            }
        }
        return files;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(Path file, int lines) {
        List<String> all = read(file).lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** conf/jvm.properties' {@code spark.jvm.options}: the flags every Spark JVM on Java 17 needs. */
    static List<String> sparkJvmOptions(Path project) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(project.resolve("conf/jvm.properties"))) {
            properties.load(in);
        }
        String options = properties.getProperty("spark.jvm.options");
        if (options == null || options.isBlank()) {
            throw new IllegalStateException("conf/jvm.properties has no spark.jvm.options");
        }
        return List.of(options.trim().split("\\s+"));
    }

    private static void awaitExitQuietly(Iterable<ProcessHandle> handles, Duration timeout) {
        try {
            ChildProcess.awaitExit(handles, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
