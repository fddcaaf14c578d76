package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.testutil.LocalSweep;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner alone, on a real local Spark (local[1] and local[2]) and the real sample: what it streams to its sink is
 * checked against the trainer run without Spark.
 */
class SweepRunnerTest {

    static SweepSpec spec;
    static Dataset dataset;

    @BeforeAll
    static void load() {
        // The runner writes nothing: the spec's output folder is never created.
        spec = LocalSweep.spec(LocalSweep.SMALL_CONF, Path.of("unused"));
        dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
    }

    /** The results the runner streams, in arrival order; {@code started} must come once, before them. */
    private static final class Collected implements TrialSink {
        final List<TaskResult> results = new ArrayList<>();
        SparkStart start;

        @Override
        public void started(SparkStart s) {
            assertEquals(null, start, "started twice");
            assertTrue(results.isEmpty(), "a result before the start");
            start = s;
        }

        @Override
        public void finished(TaskResult result) {
            assertTrue(start != null, "a result before the start");
            results.add(result);
        }

        Map<String, TaskResult> byTrial() {
            return results.stream().collect(Collectors.toMap(r -> r.row().trial(), Function.identity()));
        }
    }

    private static Collected sweep(String master, List<TrialSpec> trials) {
        System.setProperty("spark.master", master);
        try {
            PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Collected sink = new Collected();
            new SweepRunner(progress).run(new SweepJob(spec, dataset, SweepPlan.continuing(spec, trials, 0)), sink);
            return sink;
        } finally {
            System.clearProperty("spark.master");
        }
    }

    @Test
    void resultsMatchTheTrainerRunWithoutSparkAndDoNotDependOnTheMaster() {
        Map<String, TaskResult> onOne = sweep("local[1]", spec.trials()).byTrial();
        Collected two = sweep("local[2]", spec.trials());
        Map<String, TaskResult> onTwo = two.byTrial();
        assertEquals(5, two.results.size());
        assertEquals("local[2]", two.start.master());
        // Packs: on one core the four runs of batch 100 train together; the run of batch 50 reads other batches.
        List<String> packs = spec.trials().stream().map(t -> onOne.get(t.id()).row().pack()).toList();
        assertEquals(List.of("1", "1", "1", "1", ""), packs, "packs on local[1]");
        // On two, that pack (10.4 units of 15.2) would keep one core alone: halved, two packs of two.
        assertEquals(2, spec.trials().stream().map(t -> onTwo.get(t.id()).row().pack()).filter(p -> !p.isEmpty())
                .distinct().count(), "packs on local[2]");

        // Independent truth: the same trials trained in this JVM without Spark.
        TrainingData data = TrainingData.of(dataset, spec.data().preprocess(), spec.precision());
        for (TrialSpec trial : spec.trials()) {
            TrainingOutcome expected = new Trainer().train(trial.config(), data, EpochListener.NONE);
            TaskResult result = onTwo.get(trial.id());
            ResultsRow row = result.row();
            assertEquals(TrainingStatus.OK, row.status());
            assertEquals(expected.last().valAcc(), row.valAcc(), 0.0, trial.id());
            assertEquals(expected.last().trainCost(), row.trainCost(), 0.0, trial.id());
            assertEquals(expected.testAccuracy(), row.testAcc(), 0.0, trial.id());
            assertEquals(withoutTiming(row), withoutTiming(onOne.get(trial.id()).row()));
            assertEquals(expected.curves(), result.curves(), trial.id());
            assertEquals(result.curves(), onOne.get(trial.id()).curves(), trial.id());
            assertArrayEquals(expected.model().weightRows()[3], result.weights().w()[3], 0.0);
            assertArrayEquals(expected.model().biases(), result.weights().b(), 0.0);
        }
    }

    private static List<Object> withoutTiming(ResultsRow row) {
        List<Object> values = new ArrayList<>(row.values());
        values.set(ResultsRow.COLUMNS.indexOf("seconds"), 0);
        values.set(ResultsRow.COLUMNS.indexOf("pack"), "");   // which runs trained together: up to the master's cores
        return values;
    }

    @Test
    void failedAndDivergedTrialsAreRecordedAndTheOthersCarryOn() {
        List<TrialSpec> trials = new ArrayList<>(spec.trials().subList(0, 2));
        // n_batch above the 1,000 training images: the trainer throws inside the task.
        trials.add(TrialSpec.of(new TrainConfig(0.01, 0, 5000, 1, 1, false, spec.precision()), true));
        // 2ηλ = 20: W is multiplied by about −19 each step until ‖W‖² overflows.
        trials.add(TrialSpec.of(new TrainConfig(10, 1, 100, 40, 1, false, spec.precision()), true));
        Map<String, ResultsRow> rows = sweep("local[2]", trials).results.stream().map(TaskResult::row)
                .collect(Collectors.toMap(ResultsRow::trial, Function.identity()));
        assertEquals(4, rows.size());
        ResultsRow failed = rows.get("eta0.01_lam0_b5000_ep1_s1");
        assertEquals(TrainingStatus.FAILED, failed.status());
        assertEquals("IllegalArgumentException: n_batch 5000 must be <= the training size 1000", failed.reason());
        ResultsRow diverged = rows.get("eta10_lam1_b100_ep40_s1");
        assertEquals(TrainingStatus.DIVERGED, diverged.status());
        assertTrue(diverged.reason().matches("train cost became (NaN|Infinity) at epoch \\d+"), diverged.reason());
        assertEquals(2, rows.values().stream().filter(r -> r.status() == TrainingStatus.OK).count());
    }
}
