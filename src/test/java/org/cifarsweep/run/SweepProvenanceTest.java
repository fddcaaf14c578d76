package org.cifarsweep.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cifarsweep.testutil.LocalSweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep through the service on a real local Spark: what provenance.json and the console record of it. */
class SweepProvenanceTest {

    /** The same data in float32, two short trials: only the decoded copy is looked at. */
    private static final String FLOAT_CONF = """
            name = "provenance-float-test"
            seed = 11
            precision = float
            data { preprocess = standardize }
            grid { eta = [0.01], lambda = [0, 0.5], n_batch = [100], n_epochs = [1] }
            spark { "spark.ui.enabled" = false }
            """;

    @TempDir
    Path tmp;

    @Test
    void provenanceRecordsConfVersionsDataBlasAndOneDecodePerJvm() throws IOException {
        Path out = tmp.resolve("out");
        String printed = LocalSweep.run(LocalSweep.SMALL_CONF, out, "local[2]");

        Config p = ConfigFactory.parseFile(out.resolve("provenance.json").toFile());
        assertEquals("small-sweep", p.getString("conf.name"));
        assertEquals(11, p.getLong("conf.seed"));
        assertEquals("4.2.0", p.getString("versions.spark"));
        assertEquals("local[2]", p.getString("spark.master"));
        assertEquals(3, p.getConfigList("data.files").size());
        assertEquals(64, p.getConfigList("data.files").get(0).getString("sha256").length());
        assertTrue(p.getString("blas_driver").startsWith("JNIBLAS"), p.getString("blas_driver"));
        // The pinned OpenBLAS everywhere: no warning, and the executor (the driver, in local mode) has the same.
        assertEquals(p.getString("blas_driver"), p.getString("blas_executors.driver"));
        assertFalse(p.hasPath("blas_driver_warning"), p.root().render());
        assertFalse(p.hasPath("blas_executor_warnings"), p.root().render());
        assertFalse(p.hasPath("blas_mismatch"), p.root().render());
        // This conf trains in float64: the float32 kernel is named for the driver, and unused by the executor.
        assertTrue(p.getString("float32_kernel_driver").startsWith("Vector API pixel kernel"), p.root().render());
        assertEquals("not used", p.getString("float32_kernel_executors.driver"));
        // 2,000 images of 3,072 pixels: the broadcast is the bytes, not doubles.
        assertEquals(2000L * 3072, p.getLong("broadcast.pixels"));
        assertTrue(p.getDouble("broadcast.bytes_per_pixel") < 1.01, p.getString("broadcast.bytes_per_pixel"));
        // Five tasks, in one JVM: the data was decoded once.
        assertEquals(1, p.getInt("decodes_per_executor_jvm.driver"));
        // That one copy, in float64 (this conf's precision): the broadcast images' own bytes, 1 byte per value.
        assertEquals(2000L * 3072, p.getLong("decoded_bytes_per_executor_jvm.driver"));
        assertEquals(5, p.getInt("trials.ok"));
        assertTrue(p.getDouble("timing.job_seconds") > 0 && p.getDouble("timing.sum_trial_seconds") > 0, p.root().render());

        // The files the sink wrote, and the console's closing table and summary.
        assertEquals(1 + 4 * 2 + 3, Files.readAllLines(out.resolve("curves.csv")).size());
        assertEquals(1 + 5, Files.readAllLines(out.resolve("results.csv")).size());
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(printed.contains("sweep small-sweep: 5 trials on local[2] (2 cores)"), printed);
        assertTrue(printed.contains("5 trials: 5 ok, 0 diverged, 0 failed; results in " + out), printed);
    }

    @Test
    void aFloat32SweepDecodesOneCopyAtOneBytePerPixelToo() throws IOException {
        Path out = tmp.resolve("float-out");
        LocalSweep.run(Files.writeString(tmp.resolve("float.conf"), FLOAT_CONF), out, "local[2]");
        Config p = ConfigFactory.parseFile(out.resolve("provenance.json").toFile());
        assertEquals(2000L * 3072, p.getLong("broadcast.pixels"));
        assertEquals(1, p.getInt("decodes_per_executor_jvm.driver"));
        // float32 holds one shifted copy of the pixels, 1 byte per value, the normalisation folded into W and b.
        assertEquals(2000L * 3072, p.getLong("decoded_bytes_per_executor_jvm.driver"));
        assertTrue(p.getString("float32_kernel_executors.driver").startsWith("Vector API pixel kernel"), p.root().render());
        assertEquals(2, p.getInt("trials.ok"));
    }
}
