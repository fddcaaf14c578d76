package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ASHA's decisions on hand-computed cases, Hyperband's brackets, and the replay of a decision log. */
class AsyncHalvingTest {
    @TempDir
    Path dir;

    private static TrialSpec trial(double eta, int epochs) {
        return TrialSpec.of(new TrainConfig(eta, 0, 100, epochs, 1, false, Precision.DOUBLE), false);
    }

    private static AsyncHalving schedule(Halving halving, TrialSpec... trials) {
        return new AsyncHalving(halving, new TrialSource.Fixed(List.of(trials)), RecordedStates.NONE);
    }

    private static String started(AsyncHalving s) {
        AsyncSchedule.Start start = s.start();
        return start == null ? null : start.decision().event() + " " + start.run().id();
    }

    private static void result(AsyncHalving s, String run, double valAcc) {
        s.finished(new Schedule.Finished(run, TrainingStatus.OK, valAcc, null));
    }

    /**
     * Reduction 2, rungs 1 and 2 epochs, four trials A–D (η 0.4, 0.3, 0.2, 0.1), worked by hand: a trial goes on
     * once it is in the top ⌊n/2⌋ of the n results its rung has; otherwise a new trial starts; nothing waits.
     */
    @Test
    void promotesAsSoonAsATrialIsInTheTopOfItsRungSoFar() {
        Halving halving = new Halving(List.of(1, 2), 2, Halving.Mode.ASYNC, 1);
        AsyncHalving s = schedule(halving, trial(0.4, 2), trial(0.3, 2), trial(0.2, 2), trial(0.1, 2));
        assertEquals("start eta0.4_lam0_b100_ep1", started(s));
        assertEquals("start eta0.3_lam0_b100_ep1", started(s));
        result(s, "eta0.4_lam0_b100_ep1", 0.5);       // n = 1: top ⌊1/2⌋ = 0, so a new trial
        assertEquals("start eta0.2_lam0_b100_ep1", started(s));
        result(s, "eta0.3_lam0_b100_ep1", 0.6);       // n = 2: top 1 is η 0.3
        AsyncSchedule.Start promotion = s.start();
        assertEquals("eta0.3_lam0_b100_ep2", promotion.run().id());
        assertEquals(1, promotion.run().rung());
        assertEquals(new TrialSpec.StateRef("eta0.3_lam0_b100_ep1", 1), promotion.run().from());
        assertTrue(promotion.decision().seen().contains("1st of 2 result(s) at rung 0"), promotion.decision().seen());
        result(s, "eta0.2_lam0_b100_ep1", 0.4);       // n = 3: top 1 is still η 0.3, already gone on
        assertEquals("start eta0.1_lam0_b100_ep1", started(s));
        assertNull(s.start(), "every trial started, none can go on: wait");
        result(s, "eta0.1_lam0_b100_ep1", 0.7);       // n = 4: top 2 are η 0.1 and 0.3
        assertEquals("promote eta0.1_lam0_b100_ep2", started(s));
        assertFalse(s.done());
        result(s, "eta0.3_lam0_b100_ep2", 0.6);
        result(s, "eta0.1_lam0_b100_ep2", 0.7);
        assertNull(s.start());
        assertTrue(s.done());
        assertEquals(4 * 1 + 2 * 1L, s.summary().get("epochs_spent"));
    }

    /**
     * Six trials, reduction 2: a rung can never have more than 6 results, so only its top 3 can ever go on; a run
     * pushed below them gives up its state at once (the one at the line, or the newcomer itself), a promoted one
     * never does.
     */
    @Test
    void aRunThatCanNeverGoOnReleasesItsState() {
        Halving halving = new Halving(List.of(1, 2), 2, Halving.Mode.ASYNC, 1);
        AsyncHalving s = schedule(halving, trial(0.6, 2), trial(0.5, 2), trial(0.4, 2), trial(0.3, 2), trial(0.2, 2),
                trial(0.1, 2));
        for (int i = 0; i < 6; i++) started(s);
        result(s, "eta0.6_lam0_b100_ep1", 0.1);
        result(s, "eta0.5_lam0_b100_ep1", 0.2);
        result(s, "eta0.4_lam0_b100_ep1", 0.3);
        assertEquals(List.of(), s.released(), "3 results: all may still be in the top 3");
        result(s, "eta0.3_lam0_b100_ep1", 0.05);      // the newcomer ranks 4th of 4
        result(s, "eta0.2_lam0_b100_ep1", 0.5);       // pushes η 0.6 (0.1) to 4th of 5
        assertEquals(List.of("eta0.3_lam0_b100_ep1", "eta0.6_lam0_b100_ep1"), s.released());
        assertEquals(List.of(), s.released(), "each run is released once");
        assertEquals("promote eta0.2_lam0_b100_ep2", started(s));   // 5 results: top 2 go on
        assertEquals("promote eta0.4_lam0_b100_ep2", started(s));
        result(s, "eta0.1_lam0_b100_ep1", 0.9);       // pushes η 0.5 (0.2) to 4th
        assertEquals(List.of("eta0.5_lam0_b100_ep1"), s.released());
    }

    @Test
    void aFailedOrDivergedRunCountsInItsRungButNeverGoesOn() {
        Halving halving = new Halving(List.of(1, 2), 2, Halving.Mode.ASYNC, 1);
        AsyncHalving s = schedule(halving, trial(0.4, 2), trial(0.3, 2));
        started(s);
        started(s);
        s.finished(new Schedule.Finished("eta0.4_lam0_b100_ep1", TrainingStatus.DIVERGED, Double.NaN, null));
        result(s, "eta0.3_lam0_b100_ep1", 0.1);       // n = 2, top 1: the only ok run
        assertEquals("promote eta0.3_lam0_b100_ep2", started(s));
        assertThrows(IllegalArgumentException.class, () -> result(s, "eta0.3_lam0_b100_ep1", 0.1),
                "a result of a run that is not running");
    }

    /** Hyperband with 4 rungs and reduction 3: brackets of 27, 12, 6 and 4 trials, starting at rungs 0 to 3. */
    @Test
    void hyperbandDealsTrialsToBracketsInItsProportionsAndStartsEachAtItsRung() {
        Halving halving = new Halving(List.of(1, 3, 9, 27), 3, Halving.Mode.ASYNC, 4);
        assertEquals(List.of(27, 12, 6, 4), java.util.Arrays.stream(halving.bracketSizes()).boxed().toList());
        List<TrialSpec> trials = new ArrayList<>();
        for (int i = 0; i < 49; i++) trials.add(trial(0.001 * (i + 1), 27));
        AsyncHalving s = new AsyncHalving(halving, new TrialSource.Fixed(trials), RecordedStates.NONE);
        int[] perBracket = new int[4];
        for (int i = 0; i < 49; i++) {
            AsyncSchedule.Start start = s.start();
            int bracket = start.decision().bracket();
            perBracket[bracket]++;
            assertEquals(bracket, start.run().rung(), "bracket b starts at rung b");
            assertEquals(List.of(1, 3, 9, 27).get(bracket), start.run().config().nEpochs());
        }
        assertEquals(List.of(27, 12, 6, 4), java.util.Arrays.stream(perBracket).boxed().toList());
    }

    /**
     * A sweep driven to its end with results arriving in a random order; its log, cut anywhere and replayed into a
     * new schedule, gives a schedule that then makes the same decisions as the one that was not interrupted.
     */
    @Test
    void aReplayedLogMakesTheSameDecisionsAsTheUninterruptedSchedule() {
        Halving halving = new Halving(List.of(1, 2, 4), 3, Halving.Mode.ASYNC, 1);
        List<TrialSpec> trials = new ArrayList<>();
        for (int i = 0; i < 30; i++) trials.add(trial(0.001 * (i + 1), 4));
        List<Decision> log = drive(new AsyncHalving(halving, new TrialSource.Fixed(trials), RecordedStates.NONE), 3,
                11, t -> Math.abs(t.config().eta() * 1000 * 7919 % 97) / 97.0 + t.config().nEpochs() / 100.0);
        assertTrue(log.stream().anyMatch(d -> d.event() == Decision.Event.PROMOTE && d.rung() == 2));
        for (int cut : List.of(0, 1, 7, log.size() / 2, log.size() - 1, log.size())) {
            AsyncHalving resumed = new AsyncHalving(halving, new TrialSource.Fixed(trials), RecordedStates.NONE);
            List<Decision> prefix = new ArrayList<>(log.subList(0, cut));
            resumed.replay(prefix);
            // The runs under way at the cut restart first, then the rest arrives as it did.
            List<String> restarting = resumed.restarting().stream().map(TrialSpec::id).toList();
            List<String> open = openRuns(prefix);
            assertEquals(open, restarting, "cut at " + cut);
            for (int i = 0; i < restarting.size(); i++) assertNull(resumed.start().decision());
            for (Decision d : log.subList(cut, log.size())) {
                if (d.event() == Decision.Event.RESULT) {
                    assertEquals(d, resumed.finished(new Schedule.Finished(d.run(), d.status(), d.valAcc(), null)));
                } else {
                    assertEquals(d, resumed.start().decision(), "cut at " + cut);
                }
            }
            assertTrue(resumed.done());
        }
        List<Decision> tampered = new ArrayList<>(log);
        int promotion = indexOf(tampered, Decision.Event.PROMOTE);
        Decision p = tampered.get(promotion);
        tampered.set(promotion, new Decision(p.event(), "somebody_else_ep2", p.trial(), p.rung(), p.bracket(), null,
                Double.NaN, p.seen()));
        AsyncHalving other = new AsyncHalving(halving, new TrialSource.Fixed(trials), RecordedStates.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.replay(tampered));
        assertTrue(e.getMessage().startsWith("line " + (promotion + 2) + ": the log says promote somebody_else_ep2"),
                e.getMessage());
    }

    /**
     * Runs the schedule with {@code slots} runs at once, a random running run (drawn from {@code orderSeed}) finishing
     * each time with the accuracy {@code accuracy} gives it; returns the log.
     */
    static List<Decision> drive(AsyncSchedule s, int slots, long orderSeed, ToDoubleFunction<TrialSpec> accuracy) {
        Random random = new Random(orderSeed);
        List<Decision> log = new ArrayList<>();
        List<TrialSpec> running = new ArrayList<>();
        while (true) {
            while (running.size() < slots) {
                AsyncSchedule.Start start = s.start();
                if (start == null) break;
                log.add(start.decision());
                running.add(start.run());
            }
            if (running.isEmpty()) return log;
            TrialSpec done = running.remove(random.nextInt(running.size()));
            log.add(s.finished(new Schedule.Finished(done.id(), TrainingStatus.OK, accuracy.applyAsDouble(done), null)));
        }
    }

    private static List<String> openRuns(List<Decision> log) {
        List<String> open = new ArrayList<>();
        for (Decision d : log) {
            if (d.event() == Decision.Event.RESULT) open.remove(d.run());
            else open.add(d.run());
        }
        return open;
    }

    private static int indexOf(List<Decision> log, Decision.Event event) {
        for (int i = 0; i < log.size(); i++) if (log.get(i).event() == event) return i;
        throw new AssertionError("no " + event);
    }

    @Test
    void confReadsModeAndHyperbandAndRefusesBadValuesInOneLine() throws IOException {
        String grid = "grid { eta = [0.1, 0.01], lambda = [0], n_batch = [100] }\n";
        SweepSpec asha = SweepSpec.load(Files.writeString(dir.resolve("a.conf"),
                "halving { rungs = [5, 10], mode = async }\n" + grid));
        assertEquals(Halving.Mode.ASYNC, asha.halving().mode());
        assertTrue(Schedule.of(asha, asha.trials()) instanceof AsyncSchedule);
        SweepSpec sync = SweepSpec.load(Files.writeString(dir.resolve("s.conf"), "halving { rungs = [5, 10] }\n" + grid));
        assertEquals(new Halving(List.of(5, 10), 3), sync.halving());
        SweepSpec hb = SweepSpec.load(Files.writeString(dir.resolve("h.conf"),
                "hyperband { rungs = [5, 10, 20], reduction = 2 }\n" + grid));
        assertEquals(new Halving(List.of(5, 10, 20), 2, Halving.Mode.ASYNC, 3), hb.halving());

        Path bad = Files.writeString(dir.resolve("bad.conf"), "halving { rungs = [5, 10], mode = later }\n" + grid);
        ConfException e = assertThrows(ConfException.class, () -> SweepSpec.load(bad));
        assertTrue(e.getMessage().contains("halving.mode") && e.getMessage().contains("'later' is not one of sync, async"),
                e.getMessage());
        Path both = Files.writeString(dir.resolve("both.conf"),
                "halving { rungs = [5, 10] }\nhyperband { rungs = [5, 10] }\n" + grid);
        e = assertThrows(ConfException.class, () -> SweepSpec.load(both));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        Path brackets = Files.writeString(dir.resolve("br.conf"), "hyperband { rungs = [5, 10], brackets = 3 }\n" + grid);
        e = assertThrows(ConfException.class, () -> SweepSpec.load(brackets));
        assertTrue(e.getMessage().contains("hyperband.brackets"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
