package org.cifarsweep.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.DataFormat;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.results.OutputFolder;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.spark.SweepRunner;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep CONF}: every check that can fail (conf, data, batch sizes, output folder) runs before Spark
 * starts, so a mistake costs seconds and leaves nothing behind.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a hyperparameter sweep described by a HOCON conf on Spark (the master comes from submit.sh --master).")
public final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONF", description = "sweep conf, e.g. conf/seed-experiments.conf")
    Path conf;
    @Option(names = "--data", paramLabel = "DIR", description = "CIFAR-10 folder; overrides data.dir of the conf")
    Path data;
    @Option(names = "--out", paramLabel = "DIR", description = "output folder; overrides out of the conf")
    Path out;
    @Option(names = "--overwrite", description = "replace the results in a non-empty output folder")
    boolean overwrite;

    @Override
    public Integer call() {
        Map<String, Object> overrides = new HashMap<>();
        if (data != null) overrides.put("data.dir", data.toString());
        if (out != null) overrides.put("out", out.toString());
        SweepSpec spec = SweepSpec.load(conf, overrides);

        Path dataDir = spec.data().dir();
        DataFormat found = DataFormat.detect(dataDir);
        String wanted = spec.data().format();
        if (!wanted.equals("auto") && !found.name().toLowerCase(Locale.ROOT).startsWith(wanted)) {
            throw new IllegalArgumentException(conf + ": data.format: '" + wanted + "' but " + dataDir + " holds the "
                    + found.name().toLowerCase(Locale.ROOT) + " version");
        }
        Dataset dataset = CifarLoader.load(dataDir, spec.data().split());
        for (TrialSpec trial : spec.trials()) {
            try {
                trial.config().checkAgainst(dataset.train().count());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(conf + ": trial " + trial.id() + ": " + e.getMessage());
            }
        }
        OutputFolder.prepare(spec.out(), overwrite,
                ResultsWriter.RESULTS, ResultsWriter.CURVES, ResultsWriter.WEIGHTS, Provenance.FILE);
        Path home = Path.of(System.getProperty(DataOptions.HOME_PROPERTY, "."));
        new SweepRunner(System.out).run(spec, dataset, spec.trials(), spec.out(), home);
        return 0;
    }
}
