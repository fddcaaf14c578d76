package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cifarsweep.data.ClassNames;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Images;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory estimate and its check, against numbers worked out by hand (K = 10 classes, D = 3072 pixels, 1 MiB =
 * 1,048,576 bytes; Spark reserves 300 MiB = 314,572,800 bytes).
 */
class MemoryCheckTest {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** The standard split of the full data: 10,000 images in each of train, validation and test. */
    static final MemoryCheck STANDARD = new MemoryCheck(30_000L * 3072, 10_000, 2000, 100, Precision.DOUBLE, false, 0, 100);
    /** All five batches: 49,000 train, 1,000 validation, 10,000 test. */
    static final MemoryCheck ALL = new MemoryCheck(60_000L * 3072, 49_000, 2000, 100, Precision.DOUBLE, false, 0, 100);

    @TempDir
    Path tmp;

    @Test
    void aTasksWorkingSet() {
        // W, dW and the W sent back: 24·10·3072 = 737,280. Scores of a batch and a chunk: 8·10·(100 + 2000) = 168,000.
        // Order: 4·10,000 = 40,000. float64 batch and chunk: 8·3072·(100 + 2000) = 51,609,600.
        assertEquals(737_280 + 168_000 + 40_000 + 51_609_600, STANDARD.taskBytes());
        // float32: the float score buffers 8·10·100 = 8,000, and a gathered batch of pixels 3072·100 = 307,200.
        MemoryCheck floats = new MemoryCheck(30_000L * 3072, 10_000, 2000, 100, Precision.FLOAT, true, 0, 100);
        assertEquals(737_280 + 168_000 + 40_000 + 8_000 + 307_200, floats.taskBytes());
        MemoryCheck inOrder = new MemoryCheck(30_000L * 3072, 10_000, 2000, 100, Precision.FLOAT, false, 0, 100);
        assertEquals(737_280 + 168_000 + 40_000 + 8_000, inOrder.taskBytes());
    }

    @Test
    void anExecutorAndTheDriver() {
        long reserved = 314_572_800;
        long pixels = 92_160_000;        // 30,000 × 3072
        long task = 52_554_880;
        // The broadcast value, its blocks and the decoded copy: 3 × 1 byte per pixel.
        assertEquals(reserved + 3 * pixels + task, STANDARD.executorBytes(1));
        assertEquals(643_607_680, STANDARD.executorBytes(1));
        assertEquals(reserved + 3 * pixels + 4 * task, STANDARD.executorBytes(4));
        // On a cluster the driver holds the data and the broadcast blocks; in local mode everything.
        assertEquals(reserved + 2 * pixels, STANDARD.driverBytes(false, 2));
        assertEquals(reserved + 3 * pixels + 2 * task, STANDARD.driverBytes(true, 2));
        // Successive halving over 9 trials: the driver keeps 9 W of 8·10·3072 bytes between rungs.
        MemoryCheck halving = new MemoryCheck(30_000L * 3072, 10_000, 2000, 100, Precision.DOUBLE, false, 9, 100);
        assertEquals(reserved + 2 * pixels + 9 * 245_760, halving.driverBytes(false, 1));
    }

    @Test
    void neverLessThanSparksOwnMinimum() {
        // The sample: 2,000 images, 1,000 of them training, so chunks of 1,000 columns.
        MemoryCheck sample = new MemoryCheck(2_000L * 3072, 1_000, 1000, 100, Precision.DOUBLE, false, 0, 100);
        // 314,572,800 + 3 × 6,144,000 + (737,280 + 88,000 + 4,000 + 27,033,600) = 360,867,680 < 450 MiB.
        assertEquals(27_862_880, sample.taskBytes());
        assertEquals(450 * MIB, sample.executorBytes(1));
        assertEquals("300 MiB reserved by Spark + 6 MiB broadcast data + 6 MiB its blocks + 6 MiB decoded copy"
                + " + 1 task × 27 MiB; Spark's minimum is 450 MiB", sample.executorBreakdown(1));
    }

    @Test
    void theSizesOfASweep() throws IOException {
        Path conf = Files.writeString(tmp.resolve("sizes.conf"), """
                precision = float
                halving { rungs = [1, 2], reduction = 2 }
                grid { eta = [0.1, 0.01], lambda = [0], n_batch = [50, 200], flip = 0.5 }
                """);
        SweepSpec spec = SweepSpec.load(conf);
        Dataset data = new Dataset(images(300), images(200), images(100), ClassNames.STANDARD);
        // float32 packs take up to 25 members: here all 4 trials.
        assertEquals(new MemoryCheck(600L * 3072, 300, 300, 200, Precision.FLOAT, true, 4, 4, 4), MemoryCheck.of(spec, data));
        SweepSpec alone = SweepSpec.load(conf, java.util.Map.of("packing", "off"));
        assertEquals(1, MemoryCheck.of(alone, data).packMembers());
        // The evaluation chunk is model.Evaluation's.
        LinearModel model = LinearModel.create(Precision.DOUBLE, 10, 1);
        FeatureMatrix wide = FeatureMatrix.ofDoubles(new double[2001], new int[2001], 1);
        assertEquals(10 * MemoryCheck.EVALUATION_CHUNK, Evaluation.bufferSize(model, wide));
    }

    static Images images(int count) {
        return new Images(new byte[count * 3072], new byte[count]);
    }

    @Test
    void allFiveBatchesDoNotFitIn300mAndAreTightIn1g() {
        // 184,320,000 bytes of pixels = 176 MiB; a task 737,280 + 168,000 + 196,000 + 51,609,600 = 52,710,880 = 50 MiB;
        // 314,572,800 + 3 × 184,320,000 + 52,710,880 = 920,243,680 bytes = 878 MiB.
        assertEquals(920_243_680, ALL.executorBytes(1));
        MemoryCheck.Verdict small = ALL.check(cluster(Map.of("spark.executor.memory", "300m")));
        assertEquals("spark.executor.memory 300m is too small for this sweep: it needs about 878 MiB per executor"
                + " (300 MiB reserved by Spark + 176 MiB broadcast data + 176 MiB its blocks + 176 MiB decoded copy"
                + " + 1 task × 50 MiB); raise --executor-memory to at least 1280m", small.refusal());
        // 878 / 1024 = 86%: it fits, with a warning.
        MemoryCheck.Verdict defaults = ALL.check(cluster(Map.of()));
        assertNull(defaults.refusal());
        assertEquals(List.of("spark.executor.memory 1g (Spark's default) is tight for this sweep: it needs about 878 MiB"
                + " per executor (300 MiB reserved by Spark + 176 MiB broadcast data + 176 MiB its blocks + 176 MiB"
                + " decoded copy + 1 task × 50 MiB), over 85% of it; consider --executor-memory 1280m"), defaults.warnings());
    }

    @Test
    void aPackHoldsEachMembersWeightsAndBuffersButTheBatchOnce() {
        // All five batches, float64, 16 members: shared 196,000 (order) + 51,609,600 (normalised batch and chunk);
        // per member 737,280 + 168,000 (as alone) + 491,520 + 168,000 (stacked W and gradient, scores and G).
        MemoryCheck pack = new MemoryCheck(60_000L * 3072, 49_000, 2000, 100, Precision.DOUBLE, false, 0, 100, 16);
        assertEquals(196_000 + 51_609_600 + 16L * (737_280 + 168_000 + 491_520 + 168_000), pack.taskBytes());
        assertEquals(52_710_880, ALL.taskBytes(), "a run alone: no stacked buffers");
        // float32: the order and, when gathered, the batch's pixels once; scores and score gradient per member.
        MemoryCheck floats = new MemoryCheck(60_000L * 3072, 49_000, 2000, 100, Precision.FLOAT, true, 0, 100, 4);
        assertEquals(196_000 + 307_200 + 4L * (737_280 + 168_000 + 8_000 + 491_520 + 168_000), floats.taskBytes());
    }

    @Test
    void theStandardSplitFitsTheDefaults() {
        // Executor: 643,607,680 bytes = 614 MiB of 1 GiB; driver: 314,572,800 + 2 × 92,160,000 = 476 MiB of 1 GiB.
        MemoryCheck.Verdict verdict = STANDARD.check(cluster(Map.of()));
        assertEquals(new MemoryCheck.Verdict(null, List.of()), verdict);
    }

    @Test
    void inLocalModeTheDriverHoldsEverything() {
        MemoryCheck.Settings local2 = MemoryCheck.Settings.of(Map.of("spark.master", "local[2]"), Map.of(), 700 * MIB, 8);
        // 314,572,800 + 3 × 184,320,000 + 2 × 52,710,880 = 972,954,560 bytes = 928 MiB.
        assertEquals("spark.driver.memory 700 MiB (the driver's heap) is too small for this sweep: it needs about"
                + " 928 MiB in the driver, which runs the tasks in local mode (300 MiB reserved by Spark + 176 MiB data"
                + " + 176 MiB broadcast blocks + 176 MiB decoded copy + 2 tasks × 50 MiB); raise --driver-memory to"
                + " at least 1280m", ALL.check(local2).refusal());
        // spark.executor.memory plays no part in local mode.
        MemoryCheck.Settings local = MemoryCheck.Settings.of(Map.of("spark.master", "local[2]",
                "spark.executor.memory", "300m"), Map.of(), 2 * GIB, 8);
        assertEquals(new MemoryCheck.Verdict(null, List.of()), ALL.check(local));
        // local[*] runs as many tasks as there are cores.
        MemoryCheck.Settings star = MemoryCheck.Settings.of(Map.of("spark.master", "local[*]"), Map.of(), 2 * GIB, 8);
        assertEquals(8, star.tasks());
        assertEquals(1, MemoryCheck.Settings.of(Map.of("spark.master", "local"), Map.of(), GIB, 8).tasks());
        assertEquals(3, MemoryCheck.Settings.of(Map.of("spark.master", "local[3,4]"), Map.of(), GIB, 8).tasks());
        assertEquals("--driver-memory (now 2048 MiB of heap)", star.memoryOption());
    }

    @Test
    void aClusterDriverHoldsTheDataAndTheBlocks() {
        MemoryCheck.Settings settings = MemoryCheck.Settings.of(Map.of("spark.master", "spark://h:7077"), Map.of(),
                500 * MIB, 2);
        // 314,572,800 + 2 × 184,320,000 = 683,212,800 bytes = 652 MiB.
        assertEquals("spark.driver.memory 500 MiB (the driver's heap) is too small for this sweep: it needs about"
                + " 652 MiB in the driver (300 MiB reserved by Spark + 176 MiB data + 176 MiB broadcast blocks); raise"
                + " --driver-memory to at least 768m", ALL.check(settings).refusal());
    }

    @Test
    void theTasksOfAnExecutor() {
        // A standalone cluster gives an executor all its worker's cores unless spark.executor.cores says: unknown.
        assertEquals(0, cluster(Map.of()).executorCores());
        assertEquals(1, cluster(Map.of()).tasks());
        assertEquals(4, cluster(Map.of("spark.executor.cores", "4")).tasks());
        assertEquals(2, cluster(Map.of("spark.executor.cores", "4", "spark.task.cpus", "2")).tasks());
        assertEquals(1, MemoryCheck.Settings.of(Map.of("spark.master", "yarn"), Map.of(), GIB, 2).tasks());
        assertEquals(3, MemoryCheck.Settings.of(Map.of("spark.master", "local-cluster[2,3,2048]"), Map.of(), GIB, 2).tasks());
        // 4 tasks: 314,572,800 + 552,960,000 + 4 × 52,710,880 = 1,078,376,320 bytes = 1028 MiB > 1 GiB.
        assertEquals("spark.executor.memory 1g (Spark's default) is too small for this sweep: it needs about 1028 MiB"
                        + " per executor (300 MiB reserved by Spark + 176 MiB broadcast data + 176 MiB its blocks"
                        + " + 176 MiB decoded copy + 4 tasks × 50 MiB); raise --executor-memory to at least 1280m",
                ALL.check(cluster(Map.of("spark.executor.cores", "4"))).refusal());
        assertThrows(IllegalArgumentException.class, () -> cluster(Map.of("spark.executor.cores", "0")));
    }

    @Test
    void noJvmRunsMoreTasksThanTheSweepHasTrials() {
        MemoryCheck two = new MemoryCheck(60_000L * 3072, 49_000, 2000, 100, Precision.DOUBLE, false, 0, 2);
        // 16 threads, but 2 trials: 314,572,800 + 552,960,000 + 2 × 52,710,880 = 928 MiB of a 1 GiB heap.
        MemoryCheck.Settings local16 = MemoryCheck.Settings.of(Map.of("spark.master", "local[16]"), Map.of(), GIB, 16);
        assertNull(two.check(local16).refusal());
        assertEquals(List.of("spark.driver.memory 1024 MiB (the driver's heap) is tight for this sweep: it needs about"
                + " 928 MiB in the driver, which runs the tasks in local mode (300 MiB reserved by Spark + 176 MiB data"
                + " + 176 MiB broadcast blocks + 176 MiB decoded copy + 2 tasks × 50 MiB), over 85% of it; consider"
                + " --driver-memory 1280m"), two.check(local16).warnings());
        assertNull(two.checkHeap("driver", GIB, 16));
    }

    @Test
    void theExecutorMemorySetting() {
        assertEquals(1024 * MIB, cluster(Map.of()).executorHeap());
        assertEquals(3 * GIB, cluster(Map.of("spark.executor.memory", "3g")).executorHeap());
        MemoryCheck.Settings fromEnv = MemoryCheck.Settings.of(Map.of("spark.master", "spark://h:7077"),
                Map.of("SPARK_EXECUTOR_MEMORY", "2g"), GIB, 2);
        assertEquals(2 * GIB, fromEnv.executorHeap());
        assertEquals("--executor-memory (now 2g)", fromEnv.memoryOption());
        assertEquals("--executor-memory (now 1g (Spark's default))", cluster(Map.of()).memoryOption());
        assertEquals(1 << 30, MemoryCheck.bytes("k", "1g"));
        assertEquals(300 * MIB, MemoryCheck.bytes("k", "300m"));
        assertEquals(512 * MIB, MemoryCheck.bytes("k", "512"));
        assertEquals(2 * GIB, MemoryCheck.bytes("k", " 2GB "));
        assertEquals(MIB, MemoryCheck.bytes("k", "1024k"));
        assertEquals("k '1.5g' is not a memory size such as 512m or 2g",
                assertThrows(IllegalArgumentException.class, () -> MemoryCheck.bytes("k", "1.5g")).getMessage());
    }

    @Test
    void aSuggestionIsNotTight() {
        assertEquals("1280m", MemoryCheck.suggest(920_243_680));   // / 0.85 = 1032 MiB, up to 1280
        assertEquals("768m", MemoryCheck.suggest(643_607_680));    // / 0.85 = 722 MiB, up to 768
        assertEquals("1g", MemoryCheck.suggest(800 * MIB));        // / 0.85 = 941 MiB, up to 1024
    }

    @Test
    void theCheckInATaskUsesItsJvmsHeap() {
        assertEquals("spark.executor.memory 600 MiB (the heap of executor 3) is too small for this sweep: it needs about"
                + " 878 MiB per executor (300 MiB reserved by Spark + 176 MiB broadcast data + 176 MiB its blocks"
                + " + 176 MiB decoded copy + 1 task × 50 MiB); raise --executor-memory to at least 1280m",
                ALL.checkHeap("3", 600 * MIB, 1));
        assertNull(ALL.checkHeap("3", 2 * GIB, 2));
        // 2 tasks: 920,243,680 + 52,710,880 = 972,954,560 bytes = 928 MiB > 900 MiB.
        assertEquals("spark.driver.memory 900 MiB (the driver's heap) is too small for this sweep: it needs about"
                + " 928 MiB in the driver, which runs the tasks in local mode (300 MiB reserved by Spark + 176 MiB data"
                + " + 176 MiB broadcast blocks + 176 MiB decoded copy + 2 tasks × 50 MiB); raise --driver-memory to"
                + " at least 1280m", ALL.checkHeap("driver", 900 * MIB, 2));
    }

    static MemoryCheck.Settings cluster(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("spark.master", "spark://h:7077");
        return MemoryCheck.Settings.of(all, Map.of(), GIB, 2);
    }
}
