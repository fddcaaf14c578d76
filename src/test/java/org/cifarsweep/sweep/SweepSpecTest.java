package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** (eta, lambda, n_batch, n_epochs) of each trial, in order. */
    private static List<List<Number>> params(SweepSpec spec) {
        List<List<Number>> out = new ArrayList<>();
        for (TrialSpec t : spec.trials()) {
            TrainConfig c = t.config();
            out.add(List.of(c.eta(), c.lambda(), c.nBatch(), c.nEpochs()));
        }
        return out;
    }

    // --- the shipped confs ---

    @Test
    void seedExperimentsAreTheSevenPairsInOrder() {
        SweepSpec spec = SweepSpec.load(Path.of("conf/seed-experiments.conf"));
        assertEquals(List.of(
                List.of(0.1, 0.0, 100, 40), List.of(0.01, 0.0, 100, 40), List.of(0.01, 0.1, 100, 40),
                List.of(0.01, 1.0, 100, 40), List.of(0.001, 0.0, 100, 40), List.of(0.001, 0.1, 100, 40),
                List.of(0.001, 1.0, 100, 40)), params(spec));
        assertEquals("seed-experiments", spec.name());
        assertEquals(1, spec.seed());
        assertEquals(Precision.DOUBLE, spec.precision());
        assertFalse(spec.shuffle());
        assertEquals(Preprocess.SCALE, spec.data().preprocess());
        assertEquals(Split.parse("default"), spec.data().split());
        assertEquals(Path.of("out/seed-experiments"), spec.out());
        for (TrialSpec t : spec.trials()) assertEquals(Precision.DOUBLE, t.config().precision());
        assertEquals(List.of("eta0.1_lam0_b100_ep40", "eta0.01_lam0_b100_ep40", "eta0.01_lam0.1_b100_ep40",
                "eta0.01_lam1_b100_ep40", "eta0.001_lam0_b100_ep40", "eta0.001_lam0.1_b100_ep40",
                "eta0.001_lam1_b100_ep40"), spec.trials().stream().map(TrialSpec::id).toList());
    }

    @Test
    void gridConfIsTheFullCartesianProduct() {
        SweepSpec spec = SweepSpec.load(Path.of("conf/grid.conf"));
        assertEquals(48, spec.trials().size());
        List<List<Number>> expected = new ArrayList<>();
        for (double eta : new double[] {0.1, 0.03, 0.01, 0.001}) {
            for (double lambda : new double[] {0, 0.01, 0.1, 1}) {
                for (int batch : new int[] {20, 100, 500}) {
                    expected.add(List.of(eta, lambda, batch, 40));
                }
            }
        }
        assertEquals(expected, params(spec));
        assertEquals(Precision.FLOAT, spec.precision());
        assertEquals(Preprocess.SCALE, spec.data().preprocess());
        assertEquals(48, spec.trials().stream().map(TrialSpec::id).distinct().count());
        assertEquals(48, spec.trials().stream().map(t -> t.config().seed()).distinct().count());
    }

    @Test
    void exampleTrialsIsFourShortTrialsOnTheSample() {
        SweepSpec spec = SweepSpec.load(Path.of("conf/example-trials.conf"));
        assertEquals(List.of(List.of(0.01, 0.0, 100, 3), List.of(0.01, 0.1, 100, 3), List.of(0.001, 0.0, 100, 3),
                List.of(0.001, 0.1, 100, 3)), params(spec));
        assertEquals(Precision.DOUBLE, spec.precision());
        assertTrue(spec.data().dir().endsWith(Path.of("data", "sample")), spec.data().dir().toString());
    }

    @Test
    void idsAreTheTrialIdsOfTheConfigs() {
        for (String conf : List.of("seed-experiments", "grid", "example-trials")) {
            SweepSpec spec = SweepSpec.load(Path.of("conf", conf + ".conf"));
            Set<String> ids = new HashSet<>();
            for (TrialSpec t : spec.trials()) {
                assertEquals(TrialName.of(t.config(), false), t.id());
                assertTrue(ids.add(t.id()), "duplicate id " + t.id());
            }
        }
    }

    // --- defaults and overrides ---

    @Test
    void defaultsAreFilledInAndAppearInTheResolvedConf() throws IOException {
        Path conf = write("mini.conf", "grid { eta = 0.1, lambda = 0, n_batch = 10, n_epochs = 2 }\n");
        String old = System.getProperty("cifarsweep.home");
        System.setProperty("cifarsweep.home", "/opt/cs");
        SweepSpec spec;
        try {
            spec = SweepSpec.load(conf, Map.of());
        } finally {
            if (old == null) System.clearProperty("cifarsweep.home"); else System.setProperty("cifarsweep.home", old);
        }
        assertEquals("mini", spec.name());
        assertEquals(1, spec.seed());
        assertEquals(Precision.DOUBLE, spec.precision());
        assertFalse(spec.shuffle());
        assertEquals(Path.of("out/mini"), spec.out());
        assertEquals(new DataSpec(Path.of("/opt/cs/data/sample"), "auto", Split.parse("default"), Preprocess.SCALE),
                spec.data());
        assertEquals(Map.of(), spec.sparkSettings());

        Config resolved = ConfigFactory.parseString(spec.resolvedConf());
        assertEquals("mini", resolved.getString("name"));
        assertEquals(1, resolved.getLong("seed"));
        assertEquals("double", resolved.getString("precision"));
        assertFalse(resolved.getBoolean("shuffle"));
        assertEquals("out/mini", resolved.getString("out"));
        assertEquals("/opt/cs/data/sample", resolved.getString("data.dir"));
        assertEquals("auto", resolved.getString("data.format"));
        assertEquals("default", resolved.getString("data.split"));
        assertEquals("scale", resolved.getString("data.preprocess"));
        assertEquals(0.1, resolved.getDouble("grid.eta"));
        assertTrue(spec.resolvedConf().startsWith("{\n"), "formatted JSON");
    }

    @Test
    void overridesWinOverTheFileAndAppearInTheResolvedConf() throws IOException {
        Path conf = write("o.conf", String.join("\n",
                "name = sweep1", "out = \"from/file\"", "data { dir = \"file/data\", split = all }",
                "grid { eta = 0.1, lambda = 0, n_batch = 10, n_epochs = 2 }"));
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("data.dir", Path.of("/cli/data"));
        overrides.put("out", "cli/out");
        overrides.put("seed", null); // an option not given
        SweepSpec spec = SweepSpec.load(conf, overrides);
        assertEquals(Path.of("/cli/data"), spec.data().dir());
        assertEquals(Path.of("cli/out"), spec.out());
        assertEquals(Split.parse("all:1000"), spec.data().split(), "the file's other data keys are kept");
        assertEquals("sweep1", spec.name());
        assertEquals(1, spec.seed());

        Config resolved = ConfigFactory.parseString(spec.resolvedConf());
        assertEquals("/cli/data", resolved.getString("data.dir"));
        assertEquals("cli/out", resolved.getString("out"));
        assertEquals("all", resolved.getString("data.split"));
        assertEquals("auto", resolved.getString("data.format"));
        assertFalse(spec.resolvedConf().contains("from/file"));
        assertFalse(spec.resolvedConf().contains("file/data"));
    }

    @Test
    void defaultOutFollowsTheGivenName() throws IOException {
        Path conf = write("x.conf", "name = \"my-run\"\ntrials = [{ eta = 0.1, lambda = 0, n_batch = 1, n_epochs = 1 }]");
        assertEquals(Path.of("out/my-run"), SweepSpec.load(conf).out());
        assertEquals(Path.of("out/other"), SweepSpec.load(conf, Map.of("name", "other")).out());
    }

    @Test
    void resolvedConfIsTheSameForTheSameInput() throws IOException {
        Path conf = write("r.conf", "grid { eta = [0.1, 0.01], lambda = 0, n_batch = 10, n_epochs = 2 }\n"
                + "spark { \"spark.ui.enabled\" = false }");
        assertEquals(SweepSpec.load(conf).resolvedConf(), SweepSpec.load(conf).resolvedConf());
        assertNotEquals(SweepSpec.load(conf).resolvedConf(),
                SweepSpec.load(conf, Map.of("out", "elsewhere")).resolvedConf());
    }

    @Test
    void includesAreFoundNextToTheFile() throws IOException {
        write("base.conf", "precision = float\ngrid { eta = 0.1, lambda = 0, n_batch = 10, n_epochs = 2 }");
        Path conf = write("inc.conf", "include \"base.conf\"\nprecision = double");
        SweepSpec spec = SweepSpec.load(conf);
        assertEquals(1, spec.trials().size());
        assertEquals(Precision.DOUBLE, spec.precision(), "the including file wins");
    }

    // --- expansion ---

    @Test
    void gridOrderIsEtaThenLambdaThenBatchThenEpochsThenTrials() throws IOException {
        Path conf = write("g.conf", String.join("\n",
                "grid { eta = [0.2, 0.1], lambda = [0.5, 0], n_batch = [7, 5], n_epochs = [3, 2] }",
                "trials = [ { eta = 9, lambda = 9, n_batch = 9, n_epochs = 9 } ]"));
        List<List<Number>> expected = new ArrayList<>();
        for (double eta : new double[] {0.2, 0.1}) {
            for (double lambda : new double[] {0.5, 0}) {
                for (int batch : new int[] {7, 5}) {
                    for (int epochs : new int[] {3, 2}) {
                        expected.add(List.of(eta, lambda, batch, epochs));
                    }
                }
            }
        }
        expected.add(List.of(9.0, 9.0, 9, 9));
        assertEquals(expected, params(SweepSpec.load(conf)));
    }

    @Test
    void scalarsAreOneElementListsAndIntegralNumbersAreAccepted() throws IOException {
        Path conf = write("s.conf", "grid { eta = 1e-3, lambda = 0, n_batch = 100.0, n_epochs = 40 }");
        assertEquals(List.of(List.of(0.001, 0.0, 100, 40)), params(SweepSpec.load(conf)));
    }

    @Test
    void repeatedTrialsAreDroppedKeepingTheFirst() throws IOException {
        Path conf = write("d.conf", String.join("\n",
                "grid { eta = [0.1, 0.1, 0.01], lambda = 0, n_batch = 10, n_epochs = 2 }",
                "trials = [",
                "  { eta = 0.01, lambda = 0, n_batch = 10, n_epochs = 2 }",          // = a grid trial
                "  { eta = 0.01, lambda = 0, n_batch = 10, n_epochs = 2, seed = 5 }", // its own seed: another trial
                "  { eta = 0.001, lambda = -0.0, n_batch = 10, n_epochs = 2 }",
                "  { eta = 0.001, lambda = 0, n_batch = 10, n_epochs = 2 }",         // -0.0 and 0 are one value
                "]"));
        SweepSpec spec = SweepSpec.load(conf);
        assertEquals(List.of(List.of(0.1, 0.0, 10, 2), List.of(0.01, 0.0, 10, 2), List.of(0.01, 0.0, 10, 2),
                List.of(0.001, 0.0, 10, 2)), params(spec));
        assertEquals(5, spec.trials().get(2).config().seed());
    }

    // --- seeds ---

    @Test
    void aTrialKeepsItsSeedWhateverItsPositionInTheGrid() throws IOException {
        Path small = write("a.conf", "grid { eta = [0.01], lambda = [0], n_batch = [100], n_epochs = [40] }");
        Path large = write("b.conf", "grid { eta = [0.3, 0.01], lambda = [1, 0], n_batch = [20, 100], n_epochs = [40] }");
        TrialSpec alone = SweepSpec.load(small).trials().get(0);
        TrialSpec amongOthers = SweepSpec.load(large).trials().stream()
                .filter(t -> t.config().eta() == 0.01 && t.config().lambda() == 0 && t.config().nBatch() == 100)
                .findFirst().orElseThrow();
        assertEquals(alone.config().seed(), amongOthers.config().seed());
        assertEquals(alone.id(), amongOthers.id());
        assertEquals(SeedDerivation.trialSeed(1, 0.01, 0, 100, 40, false), alone.config().seed());
    }

    @Test
    void differentParametersOrSweepSeedsGiveDifferentSeeds() throws IOException {
        Path conf = write("p.conf", "grid { eta = [0.1, 0.01], lambda = [0, 0.1], n_batch = [10, 20], n_epochs = [1, 2] }");
        SweepSpec spec = SweepSpec.load(conf);
        assertEquals(16, spec.trials().stream().map(t -> t.config().seed()).distinct().count());
        SweepSpec reseeded = SweepSpec.load(conf, Map.of("seed", 2));
        for (int i = 0; i < spec.trials().size(); i++) {
            assertNotEquals(spec.trials().get(i).config().seed(), reseeded.trials().get(i).config().seed());
        }
        SweepSpec shuffled = SweepSpec.load(conf, Map.of("shuffle", true));
        assertNotEquals(spec.trials().get(0).config().seed(), shuffled.trials().get(0).config().seed());
        assertTrue(shuffled.trials().get(0).config().shuffle());
    }

    @Test
    void anExplicitSeedWins() throws IOException {
        Path conf = write("e.conf", "trials = [ { eta = 0.1, lambda = 0, n_batch = 10, n_epochs = 2, seed = 42 } ]");
        TrialSpec t = SweepSpec.load(conf).trials().get(0);
        assertEquals(42, t.config().seed());
        assertEquals("eta0.1_lam0_b10_ep2_s42", t.id());
    }

    // --- spark settings ---

    @Test
    void sparkSettingsAreFlattenedToStrings() throws IOException {
        Path conf = write("sp.conf", String.join("\n",
                "grid { eta = 0.1, lambda = 0, n_batch = 10, n_epochs = 2 }",
                "spark {",
                "  \"spark.ui.enabled\" = false",
                "  spark.executor.memory = 4g",        // unquoted: HOCON nests it; read back as one key
                "  \"spark.task.cpus\" = 1",
                "}"));
        assertEquals(Map.of("spark.ui.enabled", "false", "spark.executor.memory", "4g", "spark.task.cpus", "1"),
                SweepSpec.load(conf).sparkSettings());
    }

    // --- the records ---

    @Test
    void theSpecIsImmutableAndSerializable() throws Exception {
        Path conf = write("ser.conf", "data.split = \"all:500\"\n"
                + "grid { eta = [0.1, 0.01], lambda = 0, n_batch = 10, n_epochs = 2 }\n"
                + "spark { \"spark.ui.enabled\" = false }");
        SweepSpec spec = SweepSpec.load(conf);
        assertThrows(UnsupportedOperationException.class, () -> spec.trials().clear());
        assertThrows(UnsupportedOperationException.class, () -> spec.sparkSettings().put("spark.a", "b"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(spec, in.readObject());
        }
    }

    @Test
    void theConstructorRefusesRepeatedIdsAndNoTrials() {
        SweepSpec spec = SweepSpec.load(Path.of("conf/example-trials.conf"));
        TrialSpec t = spec.trials().get(0);
        assertThrows(IllegalArgumentException.class, () -> new SweepSpec("n", spec.data(), spec.precision(), 1, false,
                spec.out(), List.of(t, t), Map.of(), "{}"));
        assertThrows(IllegalArgumentException.class, () -> new SweepSpec("n", spec.data(), spec.precision(), 1, false,
                spec.out(), List.of(), Map.of(), "{}"));
    }

    // --- issue 12: values from the environment are strings ---

    /**
     * {@code ${?ENV}} can only supply strings. They are numbers where numbers are expected when they read as numbers
     * (as Typesafe's own getDouble has it); before, {@code n_epochs = ${?EPOCHS}} could never be given. Maven's test
     * run sets OPENBLAS_NUM_THREADS=1, a real environment variable to substitute.
     */
    @Test
    void environmentSubstitutionsSupplyNumbersAndBooleans() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("1".equals(System.getenv("OPENBLAS_NUM_THREADS")),
                "needs OPENBLAS_NUM_THREADS=1, as the Maven build sets it");
        Path conf = write("env.conf", """
                seed = ${?OPENBLAS_NUM_THREADS}
                grid { eta = [0.01, ${?OPENBLAS_NUM_THREADS}], lambda = ${?OPENBLAS_NUM_THREADS}, n_batch = 100,
                       n_epochs = ${?OPENBLAS_NUM_THREADS} }
                halving { rungs = [${?OPENBLAS_NUM_THREADS}], reduction = 2 }
                """);
        SweepSpec spec = SweepSpec.load(conf);
        assertEquals(1, spec.seed());
        assertEquals(List.of(List.of(0.01, 1.0, 100, 1), List.of(1.0, 1.0, 100, 1)), params(spec));
        assertEquals("eta0.01_lam1_b100_ep1", spec.trials().get(0).id());
    }

    @Test
    void numericStringsReadAsTheNumbersTheyWrite() throws IOException {
        Path strings = write("strings.conf", """
                seed = "7"
                shuffle = "true"
                grid { eta = ["0.01", "1e-3"], lambda = "0", n_batch = " 100 ", n_epochs = "3" }
                trials = [ { eta = "0.5", lambda = "0.1", n_batch = "10", n_epochs = "2", seed = "-4", flip = "0.5" } ]
                """);
        Path numbers = write("numbers.conf", """
                seed = 7
                shuffle = true
                grid { eta = [0.01, 1e-3], lambda = 0, n_batch = 100, n_epochs = 3 }
                trials = [ { eta = 0.5, lambda = 0.1, n_batch = 10, n_epochs = 2, seed = -4, flip = 0.5 } ]
                """);
        SweepSpec a = SweepSpec.load(strings);
        SweepSpec b = SweepSpec.load(numbers);
        assertEquals(b.trials(), a.trials());
        assertEquals(b.seed(), a.seed());
        assertTrue(a.shuffle());
    }
}
