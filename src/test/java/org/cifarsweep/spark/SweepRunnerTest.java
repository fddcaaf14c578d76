package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.testutil.RealData;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real local Spark (local[1] and local[2]) on the real sample, checked against the trainer run without Spark. */
class SweepRunnerTest {
    private static final String CONF = """
            name = "runner-test"
            seed = 11
            precision = double
            data { preprocess = standardize }
            grid { eta = [0.01, 0.001], lambda = [0, 0.5], n_batch = [100], n_epochs = [2] }
            trials = [
              { eta = 0.005, lambda = 0, n_batch = 50, n_epochs = 3 }
            ]
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir
    static Path tmp;
    static SweepSpec spec;
    static Dataset dataset;

    @BeforeAll
    static void load() throws IOException {
        Path conf = tmp.resolve("runner-test.conf");
        Files.writeString(conf, CONF);
        spec = SweepSpec.load(conf, Map.of("data.dir", RealData.sample().toString()));
        dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
    }

    private static List<ResultsRow> sweep(String master, List<TrialSpec> trials, Path out) {
        System.setProperty("spark.master", master);
        try {
            PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            return new SweepRunner(console).run(spec, dataset, trials, out, Path.of("."));
        } finally {
            System.clearProperty("spark.master");
        }
    }

    @Test
    void resultsMatchTheTrainerRunWithoutSparkAndDoNotDependOnTheMaster() throws IOException {
        Path one = tmp.resolve("local1");
        Path two = tmp.resolve("local2");
        List<ResultsRow> onOne = sweep("local[1]", spec.trials(), one);
        List<ResultsRow> onTwo = sweep("local[2]", spec.trials(), two);
        assertEquals(5, onTwo.size());

        // Independent truth: the same trials trained in this JVM without Spark.
        TrainingData data = TrainingData.of(dataset, spec.data().preprocess(), spec.precision());
        Map<String, ResultsRow> byId = onTwo.stream().collect(Collectors.toMap(ResultsRow::trial, Function.identity()));
        Map<String, ResultsRow> byIdOne = onOne.stream().collect(Collectors.toMap(ResultsRow::trial, Function.identity()));
        for (TrialSpec trial : spec.trials()) {
            TrainingOutcome expected = new Trainer().train(trial.config(), data, EpochListener.NONE);
            ResultsRow row = byId.get(trial.id());
            assertEquals(TrainingStatus.OK, row.status());
            assertEquals(expected.last().valAcc(), row.valAcc(), 0.0, trial.id());
            assertEquals(expected.last().trainCost(), row.trainCost(), 0.0, trial.id());
            assertEquals(expected.testAccuracy(), row.testAcc(), 0.0, trial.id());
            assertEquals(withoutTiming(row), withoutTiming(byIdOne.get(trial.id())));

            WeightsFile.Weights weights = WeightsFile.read(ResultsWriter.weightsFile(two, trial.id()));
            assertArrayEquals(expected.model().weightRows()[3], weights.w()[3], 0.0);
            assertArrayEquals(expected.model().biases(), weights.b(), 0.0);
        }
        assertEquals(Files.readAllLines(one.resolve("curves.csv")).stream().sorted().toList(),
                Files.readAllLines(two.resolve("curves.csv")).stream().sorted().toList());
        assertEquals(1 + 4 * 2 + 3, Files.readAllLines(two.resolve("curves.csv")).size());
        assertEquals(1 + 5, Files.readAllLines(two.resolve("results.csv")).size());
    }

    private static List<Object> withoutTiming(ResultsRow row) {
        List<Object> values = new ArrayList<>(row.values());
        values.set(ResultsRow.COLUMNS.indexOf("seconds"), 0);
        return values;
    }

    @Test
    void provenanceRecordsConfVersionsDataBlasAndOneDecodePerJvm() throws IOException {
        Path out = tmp.resolve("provenance");
        sweep("local[2]", spec.trials(), out);
        Config p = ConfigFactory.parseFile(out.resolve("provenance.json").toFile());
        assertEquals("runner-test", p.getString("conf.name"));
        assertEquals(11, p.getLong("conf.seed"));
        assertEquals("4.2.0", p.getString("versions.spark"));
        assertEquals("local[2]", p.getString("spark.master"));
        assertEquals(3, p.getConfigList("data.files").size());
        assertEquals(64, p.getConfigList("data.files").get(0).getString("sha256").length());
        assertTrue(p.getString("blas_driver").startsWith("JNIBLAS"), p.getString("blas_driver"));
        // The pinned OpenBLAS everywhere: no warning, and the executor (the driver, in local mode) has the same.
        assertEquals(p.getString("blas_driver"), p.getString("blas_executors.driver"));
        assertFalse(p.hasPath("blas_driver_warning"), p.root().render());
        assertFalse(p.hasPath("blas_executor_warnings"), p.root().render());
        assertFalse(p.hasPath("blas_mismatch"), p.root().render());
        // This conf trains in float64: the float32 kernel is named for the driver, and unused by the executor.
        assertTrue(p.getString("float32_kernel_driver").startsWith("Vector API pixel kernel"), p.root().render());
        assertEquals("not used", p.getString("float32_kernel_executors.driver"));
        // 2,000 images of 3,072 pixels: the broadcast is the bytes, not doubles.
        assertEquals(2000L * 3072, p.getLong("broadcast.pixels"));
        assertTrue(p.getDouble("broadcast.bytes_per_pixel") < 1.01, p.getString("broadcast.bytes_per_pixel"));
        // Five tasks, in one JVM: the data was decoded once.
        assertEquals(1, p.getInt("decodes_per_executor_jvm.driver"));
        // That one copy, in float64 (this conf's precision): 8 bytes per value.
        assertEquals(8L * 2000 * 3072, p.getLong("decoded_bytes_per_executor_jvm.driver"));
        assertEquals(5, p.getInt("trials.ok"));
    }

    @Test
    void failedAndDivergedTrialsAreRecordedAndTheOthersCarryOn() throws IOException {
        List<TrialSpec> trials = new ArrayList<>(spec.trials().subList(0, 2));
        // n_batch above the 1,000 training images: the trainer throws inside the task.
        trials.add(TrialSpec.of(new TrainConfig(0.01, 0, 5000, 1, 1, false, spec.precision()), true));
        // 2ηλ = 20: W is multiplied by about −19 each step until ‖W‖² overflows.
        trials.add(TrialSpec.of(new TrainConfig(10, 1, 100, 40, 1, false, spec.precision()), true));
        Path out = tmp.resolve("failures");
        Map<String, ResultsRow> rows = sweep("local[2]", trials, out).stream()
                .collect(Collectors.toMap(ResultsRow::trial, Function.identity()));
        assertEquals(4, rows.size());
        ResultsRow failed = rows.get("eta0.01_lam0_b5000_ep1_s1");
        assertEquals(TrainingStatus.FAILED, failed.status());
        assertEquals("IllegalArgumentException: n_batch 5000 must be <= the training size 1000", failed.reason());
        ResultsRow diverged = rows.get("eta10_lam1_b100_ep40_s1");
        assertEquals(TrainingStatus.DIVERGED, diverged.status());
        assertTrue(diverged.reason().matches("train cost became (NaN|Infinity) at epoch \\d+"), diverged.reason());
        assertEquals(2, rows.values().stream().filter(r -> r.status() == TrainingStatus.OK).count());
        assertEquals(5, Files.readAllLines(out.resolve("results.csv")).size());
    }
}
