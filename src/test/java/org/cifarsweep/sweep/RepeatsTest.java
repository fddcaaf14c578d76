package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repeats = N}: each configuration with N seeds, repeat 1 exactly the trial without repeats. */
class RepeatsTest {
    @TempDir
    Path dir;

    private SweepSpec load(String text) throws IOException {
        return SweepSpec.load(Files.writeString(dir.resolve("r.conf"), text));
    }

    /** The first 8 bytes of SHA-256 of {@code text}, big-endian: computed here, not by SeedDerivation. */
    private static long sha256Long(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(Arrays.copyOf(digest, 8)).longValue();
    }

    private static final String SEARCH = """
            seed = 3
            grid { eta = [0.1, 0.01], lambda = [0, 0.1], n_batch = 100, n_epochs = 40 }
            random { samples = 2, eta = "loguniform(1e-4, 1e-1)", lambda = 0, n_batch = 50, n_epochs = 5 }
            trials = [ { eta = 0.05, lambda = 0, n_batch = 20, n_epochs = 3 },
                       { eta = 0.05, lambda = 0, n_batch = 20, n_epochs = 3, seed = 42 } ]
            """;

    @Test
    void repeatsOneIsTheSweepWithoutTheKeyBitForBit() throws Exception {
        SweepSpec without = load(SEARCH);
        SweepSpec one = load(SEARCH + "repeats = 1\n");
        assertEquals(without.trials(), one.trials());
        assertEquals(8, one.trials().size());
        assertEquals(1, one.repeats());
        assertEquals(1, without.repeats());
        // Today's names and seeds, from the documented rule.
        TrialSpec first = one.trials().get(0);
        assertEquals("eta0.1_lam0_b100_ep40", first.id());
        assertEquals(sha256Long("3|0.1|0.0|100|40|false"), first.config().seed());
        assertEquals("eta0.05_lam0_b20_ep3_s42", one.trials().get(7).id());
        assertEquals(42, one.trials().get(7).config().seed());
        for (TrialSpec t : one.trials()) {
            assertEquals(TrainConfig.Repeat.FIRST, t.config().repeat());
            assertEquals(t.id(), TrialName.configOf(t.id()));
        }
    }

    @Test
    void repeatKDerivesItsSeedFromRepeatOneAndIsNamedAfterIt() throws Exception {
        SweepSpec without = load(SEARCH);
        SweepSpec spec = load(SEARCH + "repeats = 3\n");
        assertEquals(3, spec.repeats());
        assertEquals(24, spec.trials().size());
        for (int i = 0; i < without.trials().size(); i++) {
            TrialSpec base = without.trials().get(i);
            List<TrialSpec> group = spec.trials().subList(3 * i, 3 * i + 3);
            assertEquals(base, group.get(0), "repeat 1 is the trial without repeats");
            Set<Long> seeds = new HashSet<>();
            for (int k = 1; k <= 3; k++) {
                TrialSpec t = group.get(k - 1);
                seeds.add(t.config().seed());
                assertEquals(base.id(), TrialName.configOf(t.id()), "every repeat names its configuration");
                assertEquals(t.config().repeat(), TrialName.repeatOf(t.id()), "the name reads back as the repeat");
                if (k == 1) continue;
                assertEquals(base.id() + "_rep" + k, t.id());
                assertEquals(sha256Long(base.config().seed() + "|repeat" + k), t.config().seed());
                assertEquals(base.config().withEpochs(t.config().nEpochs()).eta(), t.config().eta());
                assertEquals(base.config().lambda(), t.config().lambda());
                assertEquals(base.config().nBatch(), t.config().nBatch());
                assertEquals(base.config().nEpochs(), t.config().nEpochs());
            }
            assertEquals(3, seeds.size(), "three different seeds for " + base.id());
        }
        // The explicit seed stays in every repeat's name; repeat 2 and 3 derive theirs from it.
        assertEquals(List.of("eta0.05_lam0_b20_ep3_s42", "eta0.05_lam0_b20_ep3_s42_rep2", "eta0.05_lam0_b20_ep3_s42_rep3"),
                spec.trials().subList(21, 24).stream().map(TrialSpec::id).toList());
        assertEquals(sha256Long("42|repeat2"), spec.trials().get(22).config().seed());
        // Stable: the same conf gives the same seeds.
        assertEquals(spec.trials(), load(SEARCH + "repeats = 3\n").trials());
    }

    @Test
    void aTrialGivenTwiceRunsItsRepeatsOnce() throws IOException {
        SweepSpec spec = load("""
                repeats = 2
                grid { eta = 0.1, lambda = 0, n_batch = 100, n_epochs = 4 }
                trials = [ { eta = 0.1, lambda = 0, n_batch = 100, n_epochs = 4 } ]
                """);
        assertEquals(List.of("eta0.1_lam0_b100_ep4", "eta0.1_lam0_b100_ep4_rep2"),
                spec.trials().stream().map(TrialSpec::id).toList());
    }

    @Test
    void seedRepeatsIsTheAssignmentsFourExperimentsWithFiveSeedsEach() {
        SweepSpec repeats = SweepSpec.load(Path.of("conf/seed-repeats.conf"));
        SweepSpec experiments = SweepSpec.load(Path.of("conf/seed-experiments.conf"));
        assertEquals(5, repeats.repeats());
        assertEquals(20, repeats.trials().size());
        List<List<Double>> pairs = List.of(List.of(0.1, 0.0), List.of(0.01, 0.0), List.of(0.01, 0.1), List.of(0.01, 1.0));
        for (int i = 0; i < 4; i++) {
            assertEquals(experiments.trials().get(i), repeats.trials().get(5 * i), "repeat 1 is seed-experiments' trial");
            for (int k = 0; k < 5; k++) {
                TrainConfig c = repeats.trials().get(5 * i + k).config();
                assertEquals(pairs.get(i), List.of(c.eta(), c.lambda()));
                assertEquals(100, c.nBatch());
                assertEquals(40, c.nEpochs());
            }
        }
    }

    /** Each repeat is its own trial through the rungs: names unique, repeat and seed kept, the run before found. */
    @Test
    void successiveHalvingTakesEachRepeatThroughTheRungsAsItsOwnTrial() throws IOException {
        SweepSpec spec = load("""
                repeats = 3
                halving { rungs = [2, 4, 8], reduction = 2 }
                grid { eta = [0.1, 0.01, 0.001], lambda = [0, 0.1], n_batch = 100 }
                trials = [ { eta = 0.05, lambda = 0, n_batch = 100, seed = 42 } ]
                """);
        assertEquals(21, spec.trials().size());
        Map<String, TrialSpec> byId = new java.util.HashMap<>();
        for (TrialSpec t : spec.trials()) byId.put(t.id(), t);
        Set<String> possible = new HashSet<>();
        for (TrialSpec t : Schedule.possibleRuns(spec)) assertTrue(possible.add(t.id()), "one name per run: " + t.id());
        assertEquals(63, possible.size());

        Schedule schedule = Schedule.of(spec, spec.trials());
        Random random = new Random(5);
        Set<String> seen = new HashSet<>();
        List<TrialSpec> job = schedule.first();
        int rung = 0;
        List<Integer> sizes = new ArrayList<>();
        while (!job.isEmpty()) {
            sizes.add(job.size());
            int epochs = List.of(2, 4, 8).get(rung);
            List<Schedule.Finished> finished = new ArrayList<>();
            for (TrialSpec t : job) {
                assertTrue(seen.add(t.id()), "run " + t.id() + " twice");
                assertTrue(possible.contains(t.id()), t.id());
                TrialSpec trial = byId.get(TrialName.of(t.config().withEpochs(8), t.id().contains("_s42")));
                assertEquals(trial.config().seed(), t.config().seed(), "a rung keeps the repeat's seed: " + t.id());
                assertEquals(trial.config().repeat(), t.config().repeat());
                assertEquals(t.config().repeat(), TrialName.repeatOf(t.id()));
                if (t.config().repeat().index() > 1) assertTrue(t.id().endsWith("_rep" + t.config().repeat().index()), t.id());
                // The config column of a rung run: the name of repeat 1 at that rung.
                assertEquals(TrialName.of(t.config().withEpochs(epochs), false).replaceAll("_rep\\d+$", "")
                        + (t.id().contains("_s42") ? "_s42" : ""), TrialName.configOf(t.id()));
                if (rung > 0) {
                    String before = Schedule.previousRun(spec.halving(), t.id(), t.config(), rung);
                    assertTrue(seen.contains(before), t.id() + " continues " + before);
                    assertEquals(TrialName.repeatOf(t.id()), TrialName.repeatOf(before));
                }
                finished.add(new Schedule.Finished(t.id(), TrainingStatus.OK, random.nextInt(1000) / 1000.0, HalvingScheduleTest.state(epochs)));
            }
            job = schedule.next(finished);
            rung++;
        }
        assertEquals(List.of(21, 10, 5), sizes);
    }

    @Test
    void namesOutsideRepeatsAreTheirOwnConfiguration() {
        assertEquals("eta0.1_lam0_b100_ep40", TrialName.configOf("eta0.1_lam0_b100_ep40"));
        assertEquals("eta0.1_lam0_b100_ep40", TrialName.configOf("eta0.1_lam0_b100_ep40_rep12"));
        assertEquals("eta0.1_lam0_b100_ep40_s-7", TrialName.configOf("eta0.1_lam0_b100_ep40_s-7_rep2"));
        assertEquals(new TrainConfig.Repeat(2, -7), TrialName.repeatOf("eta0.1_lam0_b100_ep40_s-7_rep2"));
        assertEquals(TrainConfig.Repeat.FIRST, TrialName.repeatOf("eta0.1_lam0_b100_ep40_s1"));
        assertNotEquals(TrialName.configOf("eta0.1_lam0_b100_ep40_rep2"), TrialName.configOf("eta0.1_lam0_b100_ep4_rep2"));
    }
}
