package org.cifarsweep.spark.cluster;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A trivial Spark application for {@link StandaloneClusterTest}: a quick stage that reports which executors exist,
 * then a slower one (eight tasks of 1.5 s) during which the test kills an executor. Prints {@code EXECUTORS=...},
 * {@code SLOW-STAGE} and {@code DONE tasks=N}.
 */
public final class ClusterSmokeJob {
    private ClusterSmokeJob() {
    }

    public static void main(String[] args) throws InterruptedException {
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf().setAppName("cluster-smoke"))) {
            List<Integer> two = List.of(0, 1);
            List<String> quick = sc.parallelize(two, 2).map(i -> {
                Thread.sleep(500);
                return SparkEnv.get().executorId();
            }).collect();
            System.out.println("EXECUTORS=" + String.join(",", new TreeSet<>(quick)));
            System.out.println("SLOW-STAGE");
            System.out.flush();
            List<Integer> eight = IntStream.range(0, 8).boxed().toList();
            List<String> slow = sc.parallelize(eight, 8).map(i -> {
                Thread.sleep(1500);
                return SparkEnv.get().executorId();
            }).collect();
            System.out.println("DONE tasks=" + slow.size() + " executors=" + String.join(",", new TreeSet<>(slow)));
        }
    }
}
