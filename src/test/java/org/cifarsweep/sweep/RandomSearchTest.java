package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomSearchTest {
    @TempDir
    Path dir;

    private SweepSpec load(String text) throws IOException {
        return SweepSpec.load(Files.writeString(dir.resolve("r.conf"), text));
    }

    private static final String RANDOM = "random {\n samples = 32\n eta = \"loguniform(1e-4, 1e-1)\"\n"
            + " lambda = \"loguniform(1e-4, 1)\"\n n_batch = \"choice(20, 50, 100)\"\n n_epochs = 40\n}\n";

    @Test
    void samplingIsReproducibleAndWithinTheDistributions() throws IOException {
        List<TrialSpec> a = load(RANDOM).trials();
        List<TrialSpec> b = load(RANDOM).trials();
        assertEquals(a, b);
        assertEquals(32, a.size());
        for (TrialSpec t : a) {
            TrainConfig c = t.config();
            assertTrue(c.eta() >= 1e-4 && c.eta() <= 1e-1, t.id());
            assertTrue(c.lambda() >= 1e-4 && c.lambda() <= 1, t.id());
            assertTrue(Set.of(20, 50, 100).contains(c.nBatch()), t.id());
            assertEquals(40, c.nEpochs());
        }
        // Log-uniform: about half of 32 draws below the geometric middle, 1e-2.5 (a loose, seed-fixed check).
        long low = a.stream().filter(t -> t.config().eta() < Math.pow(10, -2.5)).count();
        assertTrue(low >= 8 && low <= 24, "draws below 10^-2.5: " + low);
        assertEquals(3, a.stream().map(t -> t.config().nBatch()).collect(Collectors.toSet()).size());
    }

    @Test
    void underHalvingEveryParameterMayBeADistribution() throws IOException {
        // No fixed value at all (n_epochs comes from the rungs): each sample is drawn whole.
        String drawnOnly = RANDOM.replace(" n_epochs = 40\n", "") + "halving { rungs = [1, 2], reduction = 2 }\n";
        List<TrialSpec> halving = load(drawnOnly).trials();
        List<TrialSpec> plain = load(RANDOM).trials();
        assertEquals(32, halving.size());
        for (int i = 0; i < 32; i++) {
            assertEquals(plain.get(i).config().eta(), halving.get(i).config().eta(), 0.0);
            assertEquals(plain.get(i).config().lambda(), halving.get(i).config().lambda(), 0.0);
            assertEquals(plain.get(i).config().nBatch(), halving.get(i).config().nBatch());
        }
    }

    @Test
    void aSampleDependsOnTheSweepSeedAndIndexOnlyNotOnOtherKeys() throws IOException {
        List<TrialSpec> base = load(RANDOM).trials();
        // Another key added, and the keys written in another order: eta's draws stay the same.
        String other = "random {\n n_epochs = 40\n flip = \"uniform(0, 1)\"\n n_batch = \"choice(20, 50, 100)\"\n"
                + " lambda = \"loguniform(1e-4, 1)\"\n eta = \"loguniform(1e-4, 1e-1)\"\n samples = 32\n}\n";
        List<TrialSpec> more = load(other).trials();
        for (int i = 0; i < 32; i++) {
            assertEquals(base.get(i).config().eta(), more.get(i).config().eta(), 0.0);
            assertEquals(base.get(i).config().nBatch(), more.get(i).config().nBatch());
        }
        List<TrialSpec> seeded = load("seed = 2\n" + RANDOM).trials();
        assertNotEquals(base.get(0).config().eta(), seeded.get(0).config().eta());
    }

    @Test
    void listsAreCrossedWithTheSamples() throws IOException {
        SweepSpec spec = load("random {\n samples = 3\n eta = \"uniform(0.001, 0.01)\"\n lambda = [0, 0.1]\n"
                + " n_batch = 100\n n_epochs = 5\n loss = [softmax, svm]\n}\n");
        assertEquals(12, spec.trials().size());
        assertEquals(6, spec.trials().stream().filter(t -> t.config().options().loss() == LossKind.SVM).count());
        assertTrue(spec.trials().get(6).id().contains("_svm") || spec.trials().get(3).id().contains("_svm"));
    }

    @Test
    void optionsEnterNamesAndSeedsOnlyWhenNotDefault() throws IOException {
        SweepSpec plain = load("grid { eta = 0.001, lambda = 0.1, n_batch = 100, n_epochs = 40 }\n");
        SweepSpec same = load("grid { eta = 0.001, lambda = 0.1, n_batch = 100, n_epochs = 40, loss = softmax, flip = 0,"
                + " decay = none }\n");
        assertEquals("eta0.001_lam0.1_b100_ep40", plain.trials().get(0).id());
        assertEquals(plain.trials(), same.trials());
        assertEquals(SeedDerivation.trialSeed(1, 0.001, 0.1, 100, 40, false), plain.trials().get(0).config().seed());

        SweepSpec options = load("grid { eta = 0.001, lambda = 0.1, n_batch = 100, n_epochs = 40, loss = svm, flip = 0.5,"
                + " decay = step, decay_rate = 0.1, decay_every = 15, shuffle = true }\n");
        TrialSpec t = options.trials().get(0);
        assertEquals("eta0.001_lam0.1_b100_ep40_shuf_svm_flip0.5_step0.1x15", t.id());
        assertNotEquals(SeedDerivation.trialSeed(1, 0.001, 0.1, 100, 40, true), t.config().seed());
    }

    @Test
    void badDistributionsAreRefusedNamingTheKey() {
        String msg = assertThrows(ConfException.class, () -> load(RANDOM.replace("loguniform(1e-4, 1e-1)", "loguniform(0, 1)")))
                .getMessage();
        assertTrue(msg.contains("random.eta") && msg.contains("must be > 0"), msg);
        msg = assertThrows(ConfException.class, () -> load(RANDOM.replace("samples = 32\n", ""))).getMessage();
        assertTrue(msg.contains("samples"), msg);
        msg = assertThrows(ConfException.class, () -> load("grid { eta = \"uniform(0.1, 1)\", lambda = 0, n_batch = 1,"
                + " n_epochs = 1 }\n")).getMessage();
        assertTrue(msg.contains("grid.eta") && msg.contains("random {}"), msg);
        msg = assertThrows(ConfException.class, () -> load("grid { eta = 0.1, lambda = 0, n_batch = 1, n_epochs = 1,"
                + " decay = step }\n")).getMessage();
        assertTrue(msg.contains("decay_rate"), msg);
    }
}
