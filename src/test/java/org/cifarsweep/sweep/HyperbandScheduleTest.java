package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synchronous Hyperband: brackets of synchronous halving side by side, each keeping the top third of its own. */
class HyperbandScheduleTest {
    @TempDir
    Path dir;

    /**
     * 49 trials, rungs 1/3/9/27, reduction 3: brackets of 27, 12, 6 and 4 trials starting at rungs 0–3. Worked by
     * hand, the jobs are 27 + 12 + 6 + 4 = 49 runs, then 9 + 4 + 2 = 15, then 3 + 1 = 4, then 1: 69 runs.
     */
    @Test
    void eachBracketHalvesItsOwnTrialsFromItsOwnRung() throws IOException {
        StringBuilder etas = new StringBuilder();
        for (int i = 1; i <= 49; i++) etas.append(i > 1 ? ", " : "").append(0.0001 * i);
        SweepSpec spec = SweepSpec.load(Files.writeString(dir.resolve("hb.conf"),
                "hyperband { rungs = [1, 3, 9, 27], reduction = 3, mode = sync }\n"
                        + "grid { eta = [" + etas + "], lambda = 0, n_batch = 100 }\n"));
        Schedule schedule = Schedule.of(spec, spec.trials());
        assertTrue(schedule instanceof HyperbandSchedule);
        assertEquals(69, schedule.plannedRuns());
        Random random = new Random(5);
        Map<String, Integer> bracketOfTrial = new HashMap<>();
        List<Integer> jobSizes = new ArrayList<>();
        for (List<TrialSpec> job = schedule.first(); !job.isEmpty(); ) {
            jobSizes.add(job.size());
            int[] perBracket = new int[4];
            List<Schedule.Finished> finished = new ArrayList<>();
            for (TrialSpec run : job) {
                perBracket[run.bracket()]++;
                String trial = run.config().withEpochs(27).toString();
                Integer before = bracketOfTrial.putIfAbsent(trial, run.bracket());
                assertEquals(before == null ? run.bracket() : before, run.bracket(), "a trial stays in its bracket");
                assertEquals(List.of(1, 3, 9, 27).get(run.rung()), run.config().nEpochs());
                if (before == null) {
                    assertEquals(run.bracket(), run.rung(), "a trial starts at its bracket's rung");
                } else {
                    assertEquals(new TrialSpec.StateRef(TrialName.of(run.config().withEpochs(List.of(1, 3, 9, 27)
                            .get(run.rung() - 1)), false), List.of(1, 3, 9, 27).get(run.rung() - 1)), run.from());
                }
                finished.add(new Schedule.Finished(run.id(), TrainingStatus.OK, random.nextDouble(), null));
            }
            job = schedule.next(finished);
        }
        assertEquals(List.of(49, 15, 4, 1), jobSizes);
        int[] sizes = new int[4];
        bracketOfTrial.values().forEach(b -> sizes[b]++);
        assertEquals(List.of(27, 12, 6, 4), java.util.Arrays.stream(sizes).boxed().toList());
        assertEquals(27 * 1 + 9 * 2 + 3 * 6 + 18 + 12 * 3 + 4 * 6 + 18 + 6 * 9 + 2 * 18 + 4 * 27L,
                schedule.summary().get("epochs_spent"));
    }
}
