package org.cifarsweep.spark.cluster;

import org.cifarsweep.testutil.AppJar;
import org.cifarsweep.testutil.ChildProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's path on a real Spark standalone cluster (a master and two 1-core workers on 127.0.0.1, see
 * {@link StandaloneCluster}): {@code ./submit.sh sweep src/test/resources/cluster-sweep.conf --master spark://...}
 * must give exactly the numbers of the same sweep on {@code local[2]} with {@code --packing off}, while it trains
 * in packs spread over both workers, and survive the SIGKILL of an executor in the middle of the sweep.
 *
 * <p>On failure the temp folder (logs of the master, workers, executors and each submit) is kept; its path is in the
 * assertion messages.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterSweepTest {
    static final String CONF = "src/test/resources/cluster-sweep.conf";
    static final int TRIALS = 6;
    static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);
    /** Columns that legitimately differ between runs: timing and placement. */
    static final Set<String> PLACEMENT_COLUMNS = Set.of("seconds", "host", "executor", "pack");
    static final Pattern REGISTERED_APP = Pattern.compile("Registered app .* with ID (app-\\S+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path tmp;

    static Path project;
    static Path appJar;
    static StandaloneCluster cluster;
    private static Path localOut;

    @BeforeAll
    static void startCluster() throws Exception {
        project = StandaloneCluster.projectDir();
        appJar = AppJar.of(project.resolve("target/classes"), tmp.resolve("cifar-sweep-test.jar"));
        cluster = StandaloneCluster.start(project, tmp.resolve("cluster"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();   // throws if a process survives
    }

    @Test
    @Order(1)
    void clusterSweepSpreadsOverBothWorkersAndMatchesLocal() throws Exception {
        Path out = tmp.resolve("out-cluster");
        Set<String> appsBefore = registeredApps();
        try (ChildProcess run = submit(cluster.masterUrl(), out, "cluster")) {
            int exit = run.await(SUBMIT_TIMEOUT);
            assertEquals(0, exit, "exit code\n" + diagnostics(run));
            Map<String, Map<String, String>> rows = checkOutputs(out, run);

            // Both workers: two executor ids, launched by the master on two different workers.
            Set<String> apps = new TreeSet<>(registeredApps());
            apps.removeAll(appsBefore);
            assertEquals(1, apps.size(), "one new application in the master log: " + apps + "\n" + diagnostics(run));
            Map<String, String> workerOf = executorWorkers(apps.iterator().next());
            Set<String> executors = rows.values().stream().map(r -> r.get("executor")).collect(Collectors.toSet());
            assertEquals(2, executors.size(), "distinct executors in results.csv: " + executors + "\n" + table(rows));
            Set<String> workers = executors.stream().map(e -> workerOf.getOrDefault(e, "unknown executor " + e))
                    .collect(Collectors.toSet());
            assertEquals(2, workers.size(), "workers of executors " + executors + ": " + workerOf);
            assertTrue(workers.stream().noneMatch(w -> w.startsWith("unknown")), "workers " + workers);
            rows.values().forEach(r -> assertEquals("127.0.0.1", r.get("host"), "host of " + r.get("trial")));
            // Six equal trials on two slots: two packs of three, one per executor.
            Set<String> packs = rows.values().stream().map(r -> r.get("pack")).collect(Collectors.toSet());
            assertEquals(Set.of("1", "2"), packs, "packs in results.csv\n" + table(rows));
            for (String pack : packs) {
                assertEquals(1, rows.values().stream().filter(r -> r.get("pack").equals(pack))
                        .map(r -> r.get("executor")).distinct().count(), "one executor trains pack " + pack);
            }

            assertSameNumbers(localRun(), out, run);
        }
    }

    @Test
    @Order(2)
    void sweepSurvivesTheSigkillOfAnExecutorMidSweep() throws Exception {
        Path out = tmp.resolve("out-kill");
        Set<String> appsBefore = registeredApps();
        // Trials alone (a task each), so that after the first result most are still to run when the executor dies.
        try (ChildProcess run = submit(cluster.masterUrl(), out, "kill", "--packing", "off")) {
            // As soon as the first trial is recorded, kill an executor: the other trials are then still running.
            Path results = out.resolve("results.csv");
            long deadline = System.nanoTime() + SUBMIT_TIMEOUT.toNanos();
            int rowsAtKill;
            while ((rowsAtKill = dataRows(results)) < 1) {
                if (!run.isAlive()) fail("the sweep ended before recording a trial\n" + diagnostics(run));
                if (System.nanoTime() > deadline) fail("no trial recorded in time\n" + diagnostics(run));
                Thread.sleep(50);
            }
            StandaloneCluster.KilledExecutor killed = cluster.killOneExecutor();
            assertTrue(rowsAtKill < TRIALS, "the kill must land mid-sweep, but " + rowsAtKill
                    + " trials were already recorded: make the trials of " + CONF + " longer");

            int exit = run.await(SUBMIT_TIMEOUT);
            assertEquals(0, exit, "exit code after killing executor " + killed + "\n" + diagnostics(run));
            checkOutputs(out, run);
            assertSameNumbers(localRun(), out, run);

            // The kill was a SIGKILL: the worker saw its executor end with 128 + 9.
            Set<String> apps = new TreeSet<>(registeredApps());
            apps.removeAll(appsBefore);
            assertEquals(1, apps.size(), "one new application in the master log: " + apps);
            String ended = apps.iterator().next() + "/" + killed.executorId() + " finished with state EXITED";
            String workerLogs = cluster.workerLogs();
            assertTrue(workerLogs.lines().anyMatch(l -> l.contains(ended) && l.contains("exitStatus 137")),
                    "worker log line '" + ended + " ... exitStatus 137'\n" + cluster.logTails(20));
            System.out.printf("killed executor %s (pid %d) after %d of %d trials; driver reported a lost task: %s%n",
                    killed.executorId(), killed.pid(), rowsAtKill, TRIALS,
                    StandaloneCluster.read(run.output()).contains("ExecutorLostFailure"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The same conf on local[2], each trial alone ({@code --packing off}), run once for both tests. */
    static synchronized Path localRun() throws Exception {
        if (localOut == null) {
            Path out = tmp.resolve("out-local");
            try (ChildProcess run = submit("local[2]", out, "local", "--packing", "off")) {
                assertEquals(0, run.await(SUBMIT_TIMEOUT), "local[2] exit code\n" + run.tail(60));
                checkOutputs(out, run);
            }
            localOut = out;
        }
        return localOut;
    }

    /** {@code ./submit.sh sweep CONF --data data/sample --out OUT --master MASTER}, as a user runs it. */
    static ChildProcess submit(String master, Path out, String name, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(project.resolve("submit.sh").toString(), "sweep", CONF,
                "--data", "data/sample", "--out", out.toString(), "--master", master));
        command.addAll(List.of(more));
        Path localDirs = Files.createDirectories(tmp.resolve("driver-local-" + name));
        return ChildProcess.start(command, project, tmp.resolve("submit-" + name + ".log"), env -> {
            env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK_"));   // SPARK_HOME unset
            env.put("CIFAR_SWEEP_JAR", appJar.toString());   // no build: the classes under test
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.put("SPARK_LOCAL_DIRS", localDirs.toString());
        });
    }

    /** results.csv: TRIALS distinct trials, all ok, each with its weights; curves.csv present. */
    static Map<String, Map<String, String>> checkOutputs(Path out, ChildProcess run) throws IOException {
        Path results = out.resolve("results.csv");
        assertTrue(Files.isRegularFile(results), results + " missing\n" + run.tail(60));
        assertTrue(Files.isRegularFile(out.resolve("curves.csv")), "curves.csv missing\n" + run.tail(60));
        assertTrue(Files.isRegularFile(out.resolve("provenance.json")), "provenance.json missing\n" + run.tail(60));
        List<Map<String, String>> records = read(results);
        Map<String, Map<String, String>> rows = keyed(records, "trial");
        assertEquals(TRIALS, records.size(), "rows of " + results + "\n" + table(rows) + "\n" + run.tail(60));
        assertEquals(TRIALS, rows.size(), "distinct trials in " + results + "\n" + table(rows));
        for (Map<String, String> row : rows.values()) {
            assertEquals("ok", row.get("status"), "status of " + row.get("trial") + ": " + row + "\n" + run.tail(60));
            Path weights = out.resolve("weights").resolve(row.get("trial") + ".mat");
            assertTrue(Files.isRegularFile(weights), weights + " missing");
        }
        return rows;
    }

    /** results.csv equal but for timing and placement; curves.csv equal in every column. */
    static void assertSameNumbers(Path expectedDir, Path actualDir, ChildProcess run) throws IOException {
        List<String> diffs = new ArrayList<>();
        diffs.addAll(diff("results.csv", expectedDir, actualDir, List.of("trial"), PLACEMENT_COLUMNS));
        diffs.addAll(diff("curves.csv", expectedDir, actualDir, List.of("trial", "epoch"), Set.of()));
        if (!diffs.isEmpty()) {
            fail(actualDir + " differs from " + expectedDir + " (local[2]):\n"
                    + diffs.stream().limit(40).collect(Collectors.joining("\n")) + "\n" + run.tail(30));
        }
    }

    static List<String> diff(String file, Path expectedDir, Path actualDir, List<String> key, Set<String> ignored)
            throws IOException {
        List<Map<String, String>> expectedRecords = read(expectedDir.resolve(file));
        List<Map<String, String>> actualRecords = read(actualDir.resolve(file));
        List<String> diffs = new ArrayList<>();
        List<String> expectedHeader = header(expectedDir.resolve(file));
        List<String> actualHeader = header(actualDir.resolve(file));
        if (!expectedHeader.equals(actualHeader)) {
            diffs.add(file + ": header " + actualHeader + ", expected " + expectedHeader);
        }
        String keyName = String.join("+", key);
        Map<String, Map<String, String>> expected = keyed(expectedRecords, key.toArray(String[]::new));
        Map<String, Map<String, String>> actual = keyed(actualRecords, key.toArray(String[]::new));
        if (expected.size() != expectedRecords.size() || actual.size() != actualRecords.size()) {
            diffs.add(file + ": duplicate " + keyName + " (" + expectedRecords.size() + " rows, " + expected.size()
                    + " distinct expected; " + actualRecords.size() + " rows, " + actual.size() + " distinct actual)");
        }
        if (!expected.keySet().equals(actual.keySet())) {
            diffs.add(file + ": " + keyName + " values " + actual.keySet() + ", expected " + expected.keySet());
        }
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Map<String, String> other = actual.get(e.getKey());
            if (other == null) continue;
            for (String column : expectedHeader) {
                if (ignored.contains(column)) continue;
                String want = e.getValue().get(column);
                String got = other.get(column);
                if (!want.equals(got)) {
                    diffs.add(file + " " + keyName + "=" + e.getKey() + " " + column + ": " + got + ", expected " + want);
                }
            }
        }
        return diffs;
    }

    static List<Map<String, String>> read(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) rows.add(new LinkedHashMap<>(record.toMap()));
            return rows;
        }
    }

    static List<String> header(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return parser.getHeaderNames();
        }
    }

    static Map<String, Map<String, String>> keyed(List<Map<String, String>> records, String... key) {
        Map<String, Map<String, String>> byKey = new TreeMap<>();
        for (Map<String, String> r : records) {
            List<String> parts = new ArrayList<>();
            for (String k : key) {
                assertTrue(r.containsKey(k), "no column " + k + " in " + r.keySet());
                parts.add(r.get(k));
            }
            byKey.put(String.join("|", parts), r);
        }
        return byKey;
    }

    /** Complete data rows of a results.csv being written (each row is appended in one write); 0 while absent. */
    static int dataRows(Path results) {
        String text = StandaloneCluster.read(results);
        int newlines = (int) text.chars().filter(c -> c == '\n').count();
        return Math.max(0, newlines - 1);
    }

    static String table(Map<String, Map<String, String>> rows) {
        return rows.values().stream()
                .map(r -> r.get("trial") + " " + r.get("status") + " executor=" + r.get("executor") + " host="
                        + r.get("host") + " reason=" + r.get("reason"))
                .collect(Collectors.joining("\n"));
    }

    /** Application ids the master has registered so far. */
    static Set<String> registeredApps() {
        Matcher m = REGISTERED_APP.matcher(StandaloneCluster.read(tmp.resolve("cluster/master.log")));
        Set<String> apps = new TreeSet<>();
        while (m.find()) apps.add(m.group(1));
        return apps;
    }

    /** Executor id -> worker id of one application, from the master's "Launching executor" lines. */
    static Map<String, String> executorWorkers(String app) {
        Matcher m = Pattern.compile("Launching executor " + Pattern.quote(app) + "/(\\d+) on worker (\\S+)")
                .matcher(StandaloneCluster.read(tmp.resolve("cluster/master.log")));
        Map<String, String> workers = new TreeMap<>();
        while (m.find()) workers.put(m.group(1), m.group(2));
        return workers;
    }

    static String diagnostics(ChildProcess run) {
        return run.tail(60) + "\n--- cluster logs (kept in " + tmp + " on failure) ---\n" + cluster.logTails(25);
    }
}
