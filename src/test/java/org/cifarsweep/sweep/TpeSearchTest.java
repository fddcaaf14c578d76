package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cifarsweep.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search = tpe} through the asynchronous schedule: its proposals on a synthetic objective whose optimum is
 * known, their determinism given the order of results, their replay from the log, and the conf's rules.
 */
class TpeSearchTest {
    @TempDir
    Path dir;

    static final String TPE = """
            seed = 4
            search = tpe
            random {
              samples = 40
              eta = "loguniform(0.0001, 0.1)"
              lambda = "loguniform(0.0001, 1)"
              n_batch = "choice(20, 100, 500)"
              n_epochs = 10
            }
            """;

    private SweepSpec load(String text) throws IOException {
        return SweepSpec.load(Files.writeString(dir.resolve("t" + text.hashCode() + ".conf"), text));
    }

    /** A known objective: best at η = 0.003, λ = 0.01, batch 100 (log distance), up to 0.5. */
    static double accuracy(TrainConfig c) {
        double de = Math.log10(c.eta()) - Math.log10(0.003);
        double dl = Math.log10(c.lambda()) - Math.log10(0.01);
        return 0.5 - 0.04 * de * de - 0.01 * dl * dl - (c.nBatch() == 100 ? 0 : 0.03) + 0.01 * c.nEpochs() / 40.0;
    }

    static List<Decision> drive(AsyncSchedule s, int slots, long orderSeed) {
        return AsyncHalvingTest.drive(s, slots, orderSeed, t -> accuracy(t.config()));
    }

    @Test
    void tpeProposesItsBudgetOfDistinctTrialsAndFindsMoreNearTheOptimumThanItsPrior() throws IOException {
        SweepSpec spec = load(TPE);
        assertEquals(SweepSpec.Search.TPE, spec.search());
        Schedule schedule = Schedule.of(spec, spec.trials());
        List<Decision> log = drive(assertInstanceOf(AsyncSchedule.class, schedule), 2, 1);
        List<Decision> starts = log.stream().filter(d -> d.event() == Decision.Event.START).toList();
        assertEquals(40, starts.size());
        Set<String> ids = new HashSet<>();
        starts.forEach(d -> assertTrue(ids.add(d.run()), "proposed twice: " + d.run()));
        assertTrue(starts.get(0).seen().contains("a draw from the prior"), starts.get(0).seen());
        assertTrue(starts.get(39).seen().contains("proposed from"), starts.get(39).seen());
        // The first 10 are the prior's; TPE's last 10 should score better on average.
        List<Double> accs = log.stream().filter(d -> d.event() == Decision.Event.RESULT).map(Decision::valAcc).toList();
        double prior = accs.subList(0, 10).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = accs.subList(30, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("TPE on a known objective: mean of the first 10 (prior) %.4f, of the last 10 %.4f%n", prior, last);
        assertTrue(last > prior + 0.02, "prior " + prior + ", last 10 " + last);
    }

    @Test
    void theSameResultsInTheSameOrderGiveTheSameProposalsAndTheLogReplays() throws IOException {
        SweepSpec spec = load(TPE);
        List<Decision> first = drive((AsyncSchedule) Schedule.of(spec, spec.trials()), 3, 7);
        List<Decision> again = drive((AsyncSchedule) Schedule.of(spec, spec.trials()), 3, 7);
        assertEquals(first, again);
        List<Decision> otherOrder = drive((AsyncSchedule) Schedule.of(spec, spec.trials()), 3, 8);
        assertFalse(first.equals(otherOrder), "another order of results gives other proposals");
        AsyncSchedule replayed = Schedule.replayed(spec, first.subList(0, 25), RecordedStates.NONE);
        assertFalse(replayed.done());
        AsyncSchedule whole = Schedule.replayed(spec, first, RecordedStates.NONE);
        assertTrue(whole.done());
    }

    @Test
    void tpeCombinesWithAsynchronousHalving() throws IOException {
        SweepSpec spec = load(TPE.replace("n_epochs = 10", "") + "halving { rungs = [2, 6, 18], mode = async }\n");
        List<Decision> log = drive((AsyncSchedule) Schedule.of(spec, spec.trials()), 2, 3);
        assertEquals(40, log.stream().filter(d -> d.event() == Decision.Event.START).count());
        assertTrue(log.stream().anyMatch(d -> d.event() == Decision.Event.PROMOTE && d.rung() == 2));
        assertTrue(log.stream().filter(d -> d.event() == Decision.Event.START).allMatch(d -> d.run().contains("_ep2")));
        assertTrue(Schedule.replayed(spec, log, RecordedStates.NONE).done());
    }

    @Test
    void theConfRefusesWhatTpeCannotSearchInOneLine() {
        assertRefused(TPE.replace("random {", "grid { eta = [0.1], lambda = [0], n_batch = [100], n_epochs = [1] }\nrandom {"),
                "grid: search = tpe proposes its own trials");
        assertRefused(TPE.replace("n_batch = \"choice(20, 100, 500)\"", "n_batch = [20, 100]"),
                "random.n_batch: a list of 2 values");
        assertRefused(TPE.replace("n_epochs = 10", "") + "halving { rungs = [2, 6] }\n", "halving.mode: 'sync'");
        assertRefused("search = tpe\ngrid { eta = [0.1], lambda = [0], n_batch = [100], n_epochs = [1] }\n",
                "search: 'tpe' needs a random {} block");
        assertRefused(TPE.replace("search = tpe", "search = bayes"), "search: 'bayes' is not one of fixed, tpe");
        assertRefused(TPE + "repeats = 3\n", "repeats: 3: search = tpe proposes one trial per configuration");
    }

    private void assertRefused(String conf, String expected) {
        ConfException e = assertThrows(ConfException.class, () -> load(conf));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
