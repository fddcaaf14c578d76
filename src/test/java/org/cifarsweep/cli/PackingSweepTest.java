package org.cifarsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.reliability.SweepFiles;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.testutil.RealData;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial packs through the command line, in-process on local Spark and the real sample: shuffled, flipped float32
 * trials that draw one sweep-level data stream ({@code data_stream = sweep}) train in one pack and get exactly the
 * numbers of {@code --packing off} and of the trainer run alone on that stream; with their own streams nothing packs
 * and the numbers are other ones; successive halving packs each rung; a resume may change the packing, not the stream.
 */
class PackingSweepTest {
    private static final String CONF = """
            name = "packs"
            seed = 5
            precision = float
            shuffle = true
            data { preprocess = standardize }
            grid { eta = [0.01, 0.003, 0.001], lambda = [0, 0.1], n_batch = [50], n_epochs = [3], flip = 0.5 }
            spark { "spark.master" = "local[1]", "spark.ui.enabled" = false }
            """;

    @TempDir
    Path tmp;

    Path conf(String name, String extra) throws IOException {
        return Files.writeString(tmp.resolve(name + ".conf"), CONF + extra + "\n");
    }

    static Cli.Result sweep(Path conf, Path out, String... more) {
        return WeightsPolicySweepTest.sweep(conf, out, more);
    }

    static Set<String> packs(Path out) {
        return SweepFiles.results(out).values().stream().map(r -> r.get("pack")).collect(Collectors.toSet());
    }

    static Map<String, Map<String, String>> byTrial(Path out) {
        return SweepFiles.results(out).values().stream().collect(Collectors.toMap(r -> r.get("trial"), r -> r));
    }

    @Test
    void aSweepStreamPacksShuffledFlippedTrialsWithTheBitsTheyGetAlone() throws IOException {
        Path conf = conf("sweep-stream", "data_stream = sweep");
        Path packed = tmp.resolve("packed");
        sweep(conf, packed).ok();
        assertEquals(Set.of("1"), packs(packed), "six trials of one stream, one core: one pack");
        Path alone = tmp.resolve("alone");
        sweep(conf, alone, "--packing", "off").ok();
        assertEquals(Set.of(""), packs(alone));
        WeightsPolicySweepTest.assertSameNumbers(alone, packed);

        // Independent truth: the trainer alone, without Spark, on the stream of the sweep seed.
        SweepSpec spec = SweepSpec.load(conf, Map.of("data.dir", RealData.sample().toString()));
        Dataset dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
        TrainingData data = TrainingData.of(dataset, spec.data().preprocess(), spec.precision());
        Map<String, Map<String, String>> rows = byTrial(packed);
        for (TrialSpec trial : List.of(spec.trials().get(0), spec.trials().get(5))) {
            TrainingOutcome expected = new Trainer().train(trial.config(), data, EpochListener.NONE, null, spec.seed());
            Map<String, String> row = rows.get(trial.id());
            assertEquals(expected.last().valCost(), Double.parseDouble(row.get("val_cost")), 0.0, trial.id());
            assertEquals(expected.testAccuracy(), Double.parseDouble(row.get("test_acc")), 0.0, trial.id());
        }

        Config provenance = ConfigFactory.parseFile(packed.resolve("provenance.json").toFile());
        assertEquals("sweep", provenance.getString("packing.data_stream"));
        assertEquals(1.0, provenance.getDouble("packing.fraction_packed"));
        assertEquals(6, provenance.getInt("packing.runs_packed"));
        assertEquals(rows.keySet(), Set.copyOf(provenance.getConfigList("packing.packs").get(0).getStringList("members")));
        assertTrue(provenance.getDouble("packing.packed_product_gflops") > 0);
        Config off = ConfigFactory.parseFile(alone.resolve("provenance.json").toFile());
        assertEquals(0.0, off.getDouble("packing.fraction_packed"));
        assertEquals("off", off.getString("packing.mode"));

        // A resume may pack differently (nothing to run here), but not read another stream.
        sweep(conf, packed, "--resume", "--packing", "off").ok();
        Cli.Result refused = sweep(conf("own-streams", "data_stream = trial"), packed, "--resume");
        refused.refused(2, "in what changes results: data_stream (recorded sweep, now trial)");
    }

    @Test
    void ownStreamsShareNoPackAndGiveOtherNumbers() throws IOException {
        Path own = tmp.resolve("own");
        sweep(conf("own", ""), own).ok();
        assertEquals(Set.of(""), packs(own), "each trial draws its own stream: nothing shares");
        Path shared = tmp.resolve("shared");
        sweep(conf("shared", "data_stream = sweep"), shared).ok();
        Map<String, Map<String, String>> a = byTrial(own);
        Map<String, Map<String, String>> b = byTrial(shared);
        assertEquals(a.keySet(), b.keySet());
        long differ = a.keySet().stream().filter(t -> !a.get(t).get("val_cost").equals(b.get(t).get("val_cost"))).count();
        assertEquals(a.size(), differ, "another stream, other numbers for every trial");
    }

    @Test
    void successiveHalvingPacksEachRungWithTheSameNumbers() throws IOException {
        Path conf = Files.writeString(tmp.resolve("halving.conf"), CONF.replace("n_epochs = [3], ", "")
                + "data_stream = sweep\nhalving { rungs = [1, 2], reduction = 2 }\n");
        Path packed = tmp.resolve("halving-packed");
        sweep(conf, packed).ok();
        Path alone = tmp.resolve("halving-alone");
        sweep(conf, alone, "--packing", "off").ok();
        WeightsPolicySweepTest.assertSameNumbers(alone, packed);
        Map<String, Map<String, String>> rows = SweepFiles.results(packed);
        assertEquals(9, rows.size(), "6 trials at rung 0, 3 at rung 1");
        for (String rung : List.of("0", "1")) {
            Set<String> packs = rows.values().stream().filter(r -> r.get("rung").equals(rung))
                    .map(r -> r.get("pack")).collect(Collectors.toSet());
            assertEquals(1, packs.size(), "rung " + rung + " in one pack: " + packs);
            assertNotEquals(Set.of(""), packs, "rung " + rung);
        }
    }
}
