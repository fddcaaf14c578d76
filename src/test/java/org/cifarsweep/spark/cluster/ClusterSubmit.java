package org.cifarsweep.spark.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cifarsweep.testutil.ChildProcess;

/**
 * {@code ./submit.sh sweep CONF --data DATA --out OUT --master MASTER [more]} as a user runs it, with the classes
 * under test as the application jar (no build) and Spark's files under the test's folder.
 */
final class ClusterSubmit {
    private final Path project;
    private final Path appJar;
    private final Path tmp;

    ClusterSubmit(Path project, Path appJar, Path tmp) {
        this.project = project;
        this.appJar = appJar;
        this.tmp = tmp;
    }

    ChildProcess start(Path conf, String data, String master, Path out, String name, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(project.resolve("submit.sh").toString(), "sweep",
                conf.toString(), "--data", data, "--out", out.toString(), "--master", master));
        command.addAll(List.of(more));
        Path localDirs = Files.createDirectories(tmp.resolve("driver-local-" + name));
        return ChildProcess.start(command, project, tmp.resolve("submit-" + name + ".log"), env -> {
            env.keySet().removeIf(k -> k.startsWith("SPARK_") || k.startsWith("PYSPARK_"));   // SPARK_HOME unset
            env.put("CIFAR_SWEEP_JAR", appJar.toString());
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            env.put("SPARK_LOCAL_DIRS", localDirs.toString());
        });
    }

    /** The lines of {@code run}'s output that start with "cifar-sweep: error: ". */
    static List<String> errorLines(ChildProcess run) {
        return run.text().lines().filter(l -> l.startsWith("cifar-sweep: error: ")).toList();
    }
}
