package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.results.HalvingStates;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.testutil.LocalSweep;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingState;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a successive-halving rung refers to its survivors' states, and the driver reads each state in only when
 * it submits the job that continues it, at most a job's worth at a time. With a state budget of one state per job,
 * on local[2], the states are read one job at a time, and every number is the same as with the default budget (a
 * whole rung per job) and as the trial trained in one go without Spark.
 */
class HalvingStatesPerJobTest {
    private static final String CONF = """
            name = "states-per-job"
            seed = 5
            precision = double
            shuffle = true
            data { preprocess = standardize }
            halving { rungs = [1, 2, 3], reduction = 2 }
            grid { eta = [0.03, 0.01, 0.003, 0.001, 0.0003, 0.0001], lambda = 0.01, n_batch = 100 }
            spark { "spark.ui.enabled" = false %s }
            """;

    @TempDir
    Path tmp;

    /** What a sweep streamed, and when the states were read against the continuations finished. */
    private static final class Recording implements TrialSink {
        final Path dir;
        final Map<String, TaskResult> results = new TreeMap<>();
        final List<String> loadsWhileRunning = new ArrayList<>();
        int finishedContinuations;
        int loaded;
        int maxInFlight;
        int decided;

        Recording(Path dir) {
            this.dir = dir;
        }

        /** What the driver's sink does for halving: the state of every ok run that may continue, on disk. */
        @Override
        public synchronized void finished(TaskResult result) {
            ResultsRow row = result.row();
            if (row.status() == TrainingStatus.OK && row.rung() < 2) {
                HalvingStates.write(dir, row.trial(), result.weights(), result.curves());
            }
            if (row.rung() >= 1) finishedContinuations++;
            results.put(row.trial(), result);
        }

        @Override
        public void started(SparkStart start) { }

        @Override
        public synchronized void decided(List<Schedule.Finished> finished, List<TrialSpec> next) {
            decided++;
            // The next rung is built without reading a state: its runs refer to them.
            for (TrialSpec run : next) {
                assertNull(run.start(), run.id());
                assertTrue(run.from() != null, run.id());
            }
        }

        /** The sweep's RecordedStates: reads the state file, and notes how many read states are not finished. */
        synchronized TrainingState read(String run) {
            loaded++;
            maxInFlight = Math.max(maxInFlight, loaded - finishedContinuations);
            TrainingState state = HalvingStates.read(dir, run);
            if (state == null) throw new IllegalStateException("no state of " + run);
            return state;
        }
    }

    private Recording sweep(String name, String sparkSettings) throws IOException {
        Path conf = Files.writeString(tmp.resolve(name + ".conf"), CONF.formatted(sparkSettings));
        Path dir = Files.createDirectories(tmp.resolve(name));
        SweepSpec spec = LocalSweep.spec(conf, dir);
        Dataset dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
        Recording sink = new Recording(dir);
        System.setProperty("spark.master", "local[2]");
        try {
            PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            new SweepRunner(progress).run(new SweepJob(spec, dataset, SweepPlan.of(spec, sink::read)), sink);
        } finally {
            System.clearProperty("spark.master");
        }
        return sink;
    }

    @Test
    void statesAreReadJobByJobAndTheNumbersAreTheSame() throws IOException {
        Recording perJob = sweep("one-state-per-job", ", \"" + TestHooks.STATE_BUDGET + "\" = \"1k\"");
        Recording whole = sweep("whole-rung", "");

        // 6 trials → 3 → 1: 4 continuations, each state read once.
        assertEquals(10, perJob.results.size());
        assertEquals(4, perJob.loaded);
        assertEquals(3, perJob.decided, "each rung is decided, the last with no next rung");
        // One state per job: a state is read only once the continuation before it has finished.
        assertEquals(1, perJob.maxInFlight);
        // The default budget holds a whole rung of 3 in one job.
        assertEquals(3, whole.maxInFlight);

        assertEquals(whole.results.keySet(), perJob.results.keySet());
        for (String run : whole.results.keySet()) {
            TaskResult a = whole.results.get(run);
            TaskResult b = perJob.results.get(run);
            assertEquals(withoutTiming(a.row()), withoutTiming(b.row()), run);
            assertEquals(a.curves(), b.curves(), run);
            for (int k = 0; k < 10; k++) assertArrayEquals(a.weights().w()[k], b.weights().w()[k], 0.0, run);
            assertArrayEquals(a.weights().b(), b.weights().b(), 0.0, run);
        }

        // Independent truth: the survivor of the last rung is the trial trained for 3 epochs in one go.
        TaskResult last = perJob.results.values().stream().filter(r -> r.row().rung() == 2).findFirst().orElseThrow();
        SweepSpec spec = LocalSweep.spec(tmp.resolve("whole-rung.conf"), tmp.resolve("whole-rung"));
        TrialSpec full = spec.trials().stream().filter(t -> t.config().eta() == last.row().config().eta())
                .findFirst().orElseThrow();
        Dataset dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
        TrainingOutcome expected = new Trainer().train(full.config(),
                TrainingData.of(dataset, spec.data().preprocess(), spec.precision()), EpochListener.NONE);
        assertEquals(expected.curves(), last.curves());
        for (int k = 0; k < 10; k++) assertArrayEquals(expected.model().weightRows()[k], last.weights().w()[k], 0.0);
        assertEquals(expected.testAccuracy(), last.row().testAcc(), 0.0);
    }

    private static List<Object> withoutTiming(ResultsRow row) {
        List<Object> values = new ArrayList<>(row.values());
        values.set(ResultsRow.COLUMNS.indexOf("seconds"), 0);
        values.set(ResultsRow.COLUMNS.indexOf("host"), "");
        values.set(ResultsRow.COLUMNS.indexOf("executor"), "");
        return values;
    }
}
