package org.cifarsweep.cli;

import com.typesafe.config.ConfigUtil;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.DataFormat;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.SampleData;
import org.cifarsweep.run.OutputMode;
import org.cifarsweep.run.RunService;
import org.cifarsweep.run.SweepRequest;
import org.cifarsweep.spark.SparkSettings;
import org.cifarsweep.sweep.Packing;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sweep CONF}: every check that can fail (conf, data, batch sizes, output folder, and for {@code --resume}
 * the recorded sweep) runs before Spark starts and before the output folder changes, so a mistake costs seconds
 * and leaves nothing behind.
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
    @Option(names = "--resume", description = "continue the sweep recorded in the output folder: run only the trials "
            + "it has no result for, and append theirs (refused if the conf differs in what changes results)")
    boolean resume;
    @Option(names = "--packing", paramLabel = "auto|off", description = "auto: trials that read the same mini-batches "
            + "train together in packs (the default); off: each trial in a task of its own, for comparison; overrides "
            + "packing of the conf, and changes no number")
    String packing;

    @Override
    public Integer call() {
        if (resume && overwrite) {
            throw new CliException("--resume and --overwrite cannot be used together: --resume keeps the results in "
                    + "the output folder and runs the missing trials, --overwrite deletes them", Main.EXIT_USAGE);
        }
        Map<String, Object> overrides = new HashMap<>();
        if (data != null) overrides.put("data.dir", data.toString());
        if (out != null) overrides.put("out", out.toString());
        if (packing != null) overrides.put("packing", packingMode(packing).toString());
        SweepSpec spec = SweepSpec.load(conf, overrides);
        checkSparkSettings(spec);
        RunNotice.sweep(conf, spec.out());
        Dataset dataset = loadData(spec);
        Path home = SampleData.projectHome();
        OutputMode mode = resume ? OutputMode.RESUME : overwrite ? OutputMode.OVERWRITE : OutputMode.NEW;
        new RunService(System.out, System.err).sweep(new SweepRequest(spec, dataset, conf, home, mode));
        return 0;
    }

    private static Packing packingMode(String value) {
        try {
            return Packing.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CliException("--packing '" + value + "' must be auto or off", Main.EXIT_USAGE);
        }
    }

    /**
     * The conf's {@code spark {}} settings and those Spark got from the command line ({@code --conf}, spark-submit's
     * options, spark-defaults.conf: system properties by now), checked as Spark will read them, before anything
     * starts: a bad value used to pass, then fail Spark's start-up in some 140 lines and leave an empty folder.
     */
    private void checkSparkSettings(SweepSpec spec) {
        spec.sparkSettings().forEach((key, value) -> {
            String problem = SparkSettings.problem(key, value);
            if (problem != null) {
                throw new CliException(conf + ": spark." + ConfigUtil.quoteString(key) + ": " + problem, Main.EXIT_USAGE);
            }
        });
        for (String key : new java.util.TreeSet<>(System.getProperties().stringPropertyNames())) {
            if (!key.startsWith("spark.") || spec.sparkSettings().containsKey(key)) continue;
            String problem = SparkSettings.problem(key, System.getProperty(key));
            if (problem != null) {
                throw new CliException("Spark setting " + key + " (from --conf, a spark-submit option or "
                        + "spark-defaults.conf): " + problem, Main.EXIT_USAGE);
            }
        }
    }

    /** The data set the conf names, in the format it asks for, with every trial's batch size checked against it. */
    private Dataset loadData(SweepSpec spec) {
        Path dataDir = spec.data().dir();
        DataFormat found = DataFormat.detect(dataDir);
        String wanted = spec.data().format();
        String both = DataFormat.bothVersionsWarning(dataDir);
        if (!wanted.equals("auto") && !found.name().toLowerCase(Locale.ROOT).startsWith(wanted)) {
            throw new IllegalArgumentException(conf + ": data.format: '" + wanted + "' but " + dataDir + " holds the "
                    + found.name().toLowerCase(Locale.ROOT) + " version" + (both == null ? ""
                    : " too, which is the one read when a folder holds both: give a folder with the .mat files only"));
        }
        Dataset dataset = CifarLoader.load(dataDir, spec.data().split());
        for (TrialSpec trial : spec.trials()) {
            try {
                trial.config().checkAgainst(dataset.train().count());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(conf + ": trial " + trial.id() + ": " + e.getMessage());
            }
        }
        if (both != null) System.err.println("cifar-sweep: warning: " + both);
        return dataset;
    }
}
