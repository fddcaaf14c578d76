package org.cifarsweep.testutil;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.run.OutputMode;
import org.cifarsweep.run.RunService;
import org.cifarsweep.run.SweepRequest;
import org.cifarsweep.sweep.SweepSpec;

/** A sweep of a conf on data/sample through the run service, on an in-JVM local Spark, as `sweep CONF` runs it. */
public final class LocalSweep {
    /** The conf of the in-JVM Spark tests: 5 small float64 trials (see the file). */
    public static final Path SMALL_CONF = Path.of("src/test/resources/small-sweep.conf");

    private LocalSweep() { }

    /** The spec of {@code conf} on data/sample, writing into {@code out}. */
    public static SweepSpec spec(Path conf, Path out) {
        return SweepSpec.load(conf, Map.of("data.dir", RealData.sample().toString(), "out", out.toString()));
    }

    /** Runs {@code conf} on data/sample into a new {@code out} on {@code master}; returns what it printed. */
    public static String run(Path conf, Path out, String master) {
        SweepSpec spec = spec(conf, out);
        Dataset dataset = CifarLoader.load(spec.data().dir(), spec.data().split());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setProperty("spark.master", master);
        try (PrintStream printer = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            new RunService(printer, printer).sweep(new SweepRequest(spec, dataset, conf, Path.of("."), OutputMode.NEW));
        } finally {
            System.clearProperty("spark.master");
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
