package org.cifarsweep.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness itself, with a plain Spark job (no project code): both workers register, an application gets one
 * executor on each, {@link StandaloneCluster#killOneExecutor()} sends SIGKILL (the worker sees exit status 137) and
 * Spark reruns the lost tasks, and {@link StandaloneCluster#close()} leaves no process behind.
 */
@Tag("cluster")
class StandaloneClusterTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    @Test
    void runsAJobOnBothWorkersSurvivesASigkilledExecutorAndStopsEverything() throws Exception {
        Path project = StandaloneCluster.projectDir();
        Path jar = AppJar.of(project.resolve("target/test-classes"), tmp.resolve("smoke.jar"),
                name -> name.startsWith("org/cifarsweep/spark/cluster/ClusterSmokeJob"));
        List<ProcessHandle> seen = new ArrayList<>();
        StandaloneCluster cluster = StandaloneCluster.start(project, tmp.resolve("cluster"));
        try (cluster) {
            String masterLog = StandaloneCluster.read(tmp.resolve("cluster/master.log"));
            assertEquals(2, Pattern.compile("Registering worker 127\\.0\\.0\\.1:\\d+").matcher(masterLog)
                    .results().count(), masterLog);
            assertTrue(cluster.executors().isEmpty(), "executors before any application");

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(StandaloneCluster.sparkJvmOptions(project));
            command.add("-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("driver-tmp")));
            command.addAll(List.of("-cp", jar + ":" + Files.readString(project.resolve("target/classpath.txt")).trim(),
                    "org.apache.spark.deploy.SparkSubmit", "--master", cluster.masterUrl(),
                    "--conf", "spark.ui.enabled=false", "--conf", "spark.cores.max=2",
                    "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                    "--class", ClusterSmokeJob.class.getName(), jar.toString()));
            try (ChildProcess job = ChildProcess.start(command, tmp, tmp.resolve("smoke-job.log"), env -> {
                env.keySet().removeIf(k -> k.startsWith("SPARK_"));
                env.put("SPARK_LOCAL_IP", "127.0.0.1");
                env.put("SPARK_LOCAL_DIRS", tmp.resolve("driver-local").toString());
            })) {
                String out = awaitOutput(job, "SLOW-STAGE", Duration.ofSeconds(120));
                Matcher executorIds = Pattern.compile("EXECUTORS=(\\S+)").matcher(out);
                assertTrue(executorIds.find(), job.tail(40));
                assertEquals(2, executorIds.group(1).split(",").length, "one executor per worker\n" + job.tail(40));
                List<ProcessHandle> executors = cluster.executors();
                assertEquals(2, executors.size(), "executor JVMs found\n" + cluster.logTails(20));
                seen.addAll(executors);

                Thread.sleep(1000);   // the slow stage's first tasks are running
                long killed = cluster.killOneExecutor().pid();
                assertFalse(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false));

                assertEquals(0, job.await(Duration.ofSeconds(180)), job.tail(60) + "\n" + cluster.logTails(30));
                String done = StandaloneCluster.read(job.output());
                assertTrue(done.contains("DONE tasks=8"), job.tail(40));
                // The worker reports how its executor ended: 137 = 128 + SIGKILL (9).
                assertTrue(cluster.workerLogs().contains("exitStatus 137"), cluster.logTails(30));
                seen.addAll(cluster.executors());
            }
        }
        for (ProcessHandle p : seen) assertFalse(p.isAlive(), "executor " + p.pid() + " alive after close()");
        assertTrue(cluster.executors().isEmpty());
    }

    /** Polls the child's output until it contains {@code marker}; fails with the tail if the child exits first. */
    static String awaitOutput(ChildProcess child, String marker, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String out = StandaloneCluster.read(child.output());
            if (out.contains(marker)) return out;
            if (!child.isAlive()) throw new AssertionError("exited before printing " + marker + "\n" + child.tail(60));
            if (System.nanoTime() > deadline) throw new AssertionError("no " + marker + " in time\n" + child.tail(60));
            Thread.sleep(100);
        }
    }
}
