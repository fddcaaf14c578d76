package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainingState;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HalvingScheduleTest {
    @TempDir
    Path dir;

    private SweepSpec load(String text) throws IOException {
        return SweepSpec.load(Files.writeString(dir.resolve("h.conf"), text));
    }

    private static final String CONF = "halving { rungs = [5, 10, 20, 40] }\n"
            + "grid { eta = [0.1, 0.03, 0.01, 0.003], lambda = [0, 0.01, 0.1], n_batch = [20, 50, 100, 200] }\n";

    /** A state of {@code epochs} epochs, for a finished run of a schedule. */
    static TrainingState state(int epochs) {
        List<EpochMetrics> curves = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) curves.add(new EpochMetrics(e, 1, 1, 0.1, 1, 1, 0.1));
        return new TrainingState(new double[][] {{0}, {0}}, new double[] {0, 0}, curves);
    }

    @Test
    void eachRungKeepsExactlyTheTopThirdByValidationAccuracy() throws IOException {
        SweepSpec spec = load(CONF);
        assertEquals(48, spec.trials().size());
        assertEquals(40, spec.trials().get(0).config().nEpochs());
        Schedule schedule = Schedule.of(spec, spec.trials());
        Random random = new Random(7);
        List<Integer> sizes = new ArrayList<>();
        List<TrialSpec> job = schedule.first();
        int rung = 0;
        while (!job.isEmpty()) {
            sizes.add(job.size());
            int epochs = List.of(5, 10, 20, 40).get(rung);
            List<Schedule.Finished> finished = new ArrayList<>();
            for (TrialSpec t : job) {
                assertEquals(epochs, t.config().nEpochs());
                assertEquals(rung, t.rung());
                assertEquals(rung == 0 ? 0 : List.of(5, 10, 20).get(rung - 1), t.start() == null ? 0 : t.start().epochs());
                finished.add(new Schedule.Finished(t.id(), TrainingStatus.OK, random.nextInt(1000) / 1000.0, state(epochs)));
            }
            Collections.shuffle(finished, random); // arrival order must not matter
            List<Schedule.Finished> ranked = HalvingSchedule.rank(finished);
            job = schedule.next(finished);
            if (!job.isEmpty()) {
                // The survivors are exactly the best ⌊n/3⌋: each one's accuracy is at least every dropped one's.
                String nextSuffix = "_ep" + List.of(5, 10, 20, 40).get(rung + 1);
                Set<String> kept = job.stream().map(t -> t.id().replace(nextSuffix, "_ep" + epochs)).collect(Collectors.toSet());
                assertEquals(ranked.subList(0, job.size()).stream().map(Schedule.Finished::id).collect(Collectors.toSet()), kept);
                double worstKept = ranked.get(job.size() - 1).valAcc();
                for (Schedule.Finished f : finished) {
                    if (!kept.contains(f.id())) assertTrue(f.valAcc() <= worstKept);
                }
            }
            rung++;
        }
        assertEquals(List.of(48, 16, 5, 1), sizes);
        Map<String, Object> summary = schedule.summary();
        assertEquals(48L * 5 + 16 * 5 + 5 * 10 + 20, summary.get("epochs_spent"));
        assertEquals(48L * 40, summary.get("epochs_full_grid"));
        assertEquals(70, schedule.plannedRuns());
    }

    @Test
    void failedAndDivergedRunsNeverContinue() throws IOException {
        SweepSpec spec = load("halving { rungs = [1, 2], reduction = 2 }\n"
                + "grid { eta = [0.1, 0.2, 0.3, 0.4], lambda = 0, n_batch = 10 }\n");
        Schedule schedule = Schedule.of(spec, spec.trials());
        List<TrialSpec> job = schedule.first();
        List<Schedule.Finished> finished = List.of(
                new Schedule.Finished(job.get(0).id(), TrainingStatus.DIVERGED, Double.NaN, null),
                new Schedule.Finished(job.get(1).id(), TrainingStatus.FAILED, Double.NaN, null),
                new Schedule.Finished(job.get(2).id(), TrainingStatus.OK, 0.2, state(1)),
                new Schedule.Finished(job.get(3).id(), TrainingStatus.OK, 0.3, state(1)));
        List<TrialSpec> next = schedule.next(finished);
        assertEquals(2, next.size());
        assertEquals(Set.of(job.get(2).config().eta(), job.get(3).config().eta()),
                next.stream().map(t -> t.config().eta()).collect(Collectors.toSet()));
        assertTrue(schedule.next(List.of()).isEmpty());
    }

    @Test
    void tiesGoToTheSmallerIdWhateverTheOrder() {
        List<Schedule.Finished> f = List.of(new Schedule.Finished("b", TrainingStatus.OK, 0.5, null),
                new Schedule.Finished("a", TrainingStatus.OK, 0.5, null), new Schedule.Finished("c", TrainingStatus.OK, 0.1, null));
        assertEquals(List.of("a", "b", "c"), HalvingSchedule.rank(f).stream().map(Schedule.Finished::id).toList());
    }

    @Test
    void epochsMustMatchTheLastRungAndRungsMustIncrease() {
        String msg = assertThrows(ConfException.class, () -> load("halving { rungs = [5, 10] }\n"
                + "grid { eta = 0.1, lambda = 0, n_batch = 10, n_epochs = 40 }\n")).getMessage();
        assertTrue(msg.contains("n_epochs 40") && msg.contains("last rung"), msg);
        msg = assertThrows(ConfException.class, () -> load("halving { rungs = [5, 5] }\n"
                + "grid { eta = 0.1, lambda = 0, n_batch = 10 }\n")).getMessage();
        assertTrue(msg.contains("halving.rungs[1]"), msg);
        msg = assertThrows(ConfException.class, () -> load("halving { rungs = [5], reduction = 1 }\n"
                + "grid { eta = 0.1, lambda = 0, n_batch = 10 }\n")).getMessage();
        assertTrue(msg.contains("halving.reduction"), msg);
    }
}
