package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.sweep.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a resume compares: the recorded conf and data files against the sweep asked for now. */
class RecordedSweepTest {
    static final String CONF = """
            seed = 3
            grid { eta = [0.01, 0.001], lambda = 0, n_batch = 100, n_epochs = 2 }
            trials = [ { eta = 0.1, lambda = 0, n_batch = 100, n_epochs = 2, seed = 77 } ]
            spark { spark.ui.enabled = false }
            """;

    @TempDir
    Path tmp;

    SweepSpec spec(String text) throws IOException {
        return SweepSpec.load(Files.writeString(tmp.resolve("s.conf"), text), Map.of("data.dir", "data/sample"));
    }

    static List<Map<String, Object>> files(String... namesAndSums) {
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 0; i < namesAndSums.length; i += 2) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", "/data/" + namesAndSums[i]);
            f.put("bytes", 1);
            f.put("sha256", namesAndSums[i + 1]);
            list.add(f);
        }
        return list;
    }

    static final List<Map<String, Object>> BIN = files("data_batch_1.bin", "aaa", "data_batch_2.bin", "bbb", "test_batch.bin", "ccc");

    RecordedSweep record(SweepSpec spec) {
        Path dir = tmp.resolve("out");
        new Provenance().put("started", "yesterday")
                .put("conf", ConfigFactory.parseString(spec.resolvedConf()).root().unwrapped())
                .put("data", Map.of("dir", "/data", "files", BIN))
                .write(createDirectories(dir));
        return RecordedSweep.read(dir);
    }

    static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theRecordedConfReadsBackAsTheSameSweep() throws IOException {
        SweepSpec now = spec(CONF);
        RecordedSweep recorded = record(now);
        assertEquals(now.trials(), recorded.spec().trials());
        assertEquals(now.sparkSettings(), recorded.spec().sparkSettings());
        assertEquals(List.of(), recorded.differences(now, BIN));
        assertEquals(List.of(), recorded.added(now));
    }

    @Test
    void everyKeyThatChangesResultsIsNamed() throws IOException {
        RecordedSweep recorded = record(spec(CONF));
        assertEquals(List.of("data.split (recorded default, now all:1000)"),
                recorded.differences(spec(CONF + "data.split = all\n"), BIN));
        assertEquals(List.of("seed (recorded 3, now 4)", "precision (recorded double, now float)",
                        "shuffle (recorded false, now true)", "data.preprocess (recorded scale, now standardize)"),
                recorded.differences(spec(CONF.replace("seed = 3", "seed = 4")
                        + "precision = float\nshuffle = true\ndata.preprocess = standardize\n"), BIN));
        assertEquals(List.of("data.dir (the data files differ: recorded test_batch.bin sha256 ccc in /data, "
                        + "now test_batch.bin sha256 ddd in /data)"),
                recorded.differences(spec(CONF), files("data_batch_1.bin", "aaa", "data_batch_2.bin", "bbb", "test_batch.bin", "ddd")));
        assertEquals(List.of("data.format (the data files differ: recorded data_batch_1.bin sha256 aaa in /data, "
                        + "now data_batch_1.mat sha256 eee in /data)"),
                recorded.differences(spec(CONF), files("data_batch_1.mat", "eee", "data_batch_2.mat", "fff", "test_batch.mat", "ggg")));
        // An explicit trial's own seed is part of the trial.
        assertEquals(List.of("grid/trials (1 recorded trial(s) are not in the conf: eta0.1_lam0_b100_ep2_s77)"),
                recorded.differences(spec(CONF.replace("seed = 77", "seed = 78")), BIN));
    }

    @Test
    void nameOutSparkAndFormatDoNotChangeResultsAndTrialsMayBeAdded() throws IOException {
        RecordedSweep recorded = record(spec(CONF));
        SweepSpec now = spec("name = renamed\nout = elsewhere\ndata.format = bin\n"
                + CONF.replace("spark.ui.enabled = false", "spark.ui.enabled = true")
                        .replace("eta = [0.01, 0.001]", "eta = [0.03, 0.01, 0.001]"));
        assertEquals(List.of(), recorded.differences(now, BIN));
        assertEquals(List.of("eta0.03_lam0_b100_ep2"), recorded.added(now).stream().map(t -> t.id()).toList());
    }

    @Test
    void aFolderWithoutProvenanceIsNotASweepFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("train-out"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordedSweep.read(dir));
        assertTrue(e.getMessage().startsWith("--resume: " + dir + " holds no provenance.json"), e.getMessage());
        Files.writeString(dir.resolve("provenance.json"), "{\"started\": \"x\"}");
        e = assertThrows(IllegalArgumentException.class, () -> RecordedSweep.read(dir));
        assertTrue(e.getMessage().contains("has no 'conf' or no 'data.files' section"), e.getMessage());
    }
}
