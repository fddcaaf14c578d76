package org.cifarsweep.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.DataFormat;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.report.ReportBuilder;
import org.cifarsweep.results.DurableFiles;
import org.cifarsweep.results.ExistingResults;
import org.cifarsweep.results.OutputFolder;
import org.cifarsweep.results.OutputLock;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.RankedTable;
import org.cifarsweep.results.RecordedSweep;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.spark.SweepRunner;
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

    private static final String PROVENANCE_TMP = Provenance.FILE + DurableFiles.TMP_SUFFIX;
    private static final String[] OWN_FILES =
            {ResultsWriter.RESULTS, ResultsWriter.CURVES, ResultsWriter.WEIGHTS, Provenance.FILE, PROVENANCE_TMP,
             ReportBuilder.PAGE, ReportBuilder.PLOTS};

    @Override
    public Integer call() {
        if (resume && overwrite) {
            throw new CliException("--resume and --overwrite cannot be used together: --resume keeps the results in "
                    + "the output folder and runs the missing trials, --overwrite deletes them", Main.EXIT_USAGE);
        }
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
        Path home = Path.of(System.getProperty(DataOptions.HOME_PROPERTY, "."));
        Path dir = spec.out();
        // A driver killed while Spark started leaves at most a lock file and a provenance.json.tmp: nothing to resume.
        boolean started = OutputFolder.holdsFiles(dir, PROVENANCE_TMP);
        if (resume && started) {
            return resume(spec, dataset, dir, home);
        }
        if (resume) System.out.println("resume: " + dir + " holds no results yet; starting the sweep");
        boolean clear = overwrite || (resume && OutputFolder.holdsFiles(dir));
        try (OutputLock lock = OutputFolder.prepareLocked(dir, clear, OWN_FILES)) {
            new SweepRunner(System.out).run(spec, dataset, spec.trials(), dir, home);
        }
        return 0;
    }

    /** Continues the sweep recorded in {@code dir}: checks, repairs what a crash left, runs the missing trials. */
    private int resume(SweepSpec spec, Dataset dataset, Path dir, Path home) {
        PrintStream console = System.out;
        if (spec.halving() != null) {
            // Each rung's survivors depend on the whole rung and continue from in-memory states: not resumable yet.
            throw new CliException("--resume: " + conf + " uses successive halving, which cannot be resumed yet; "
                    + "use another --out, or --overwrite to start over", Main.EXIT_USAGE);
        }
        // Read-only checks first: a refusal leaves the folder exactly as it was.
        List<Map<String, Object>> files = Provenance.checksums(CifarLoader.filesFor(spec.data().dir(), spec.data().split()));
        check(spec, dir, files);
        OutputFolder.checkWritable(dir);

        try (OutputLock lock = OutputLock.acquire(dir)) {
            // Again under the lock: nobody else can change the folder now.
            RecordedSweep recorded = check(spec, dir, files);
            ExistingResults existing = ExistingResults.read(dir);
            existing.checkBelongsTo(spec, conf);
            existing.warnings().forEach(w -> System.err.println("cifar-sweep: warning: " + w));
            existing.repair();
            existing.repairs().forEach(r -> console.println("resume: " + r));
            List<TrialSpec> missing = existing.missing(spec.trials());
            int added = recorded.added(spec).size();
            console.printf("resume: %d of %d trials are complete in %s; %d to run%s%n", existing.rows().size(),
                    spec.trials().size(), dir, missing.size(), added == 0 ? "" : " (" + added + " new in the conf)");
            if (missing.isEmpty()) {
                console.println();
                console.print(RankedTable.format(existing.rows()));
                console.println(RankedTable.summary(existing.rows()) + "; results in " + dir);
                return 0;
            }
            new SweepRunner(console).run(spec, dataset, missing, dir, home, existing.rows(),
                    recorded.resumedSection(existing.rows().size(), missing.size(), existing.repairs()));
        }
        return 0;
    }

    /** The recorded sweep, if {@code spec} may continue it: same results-changing conf, rows that belong to it. */
    private RecordedSweep check(SweepSpec spec, Path dir, List<Map<String, Object>> files) {
        RecordedSweep recorded = RecordedSweep.read(dir);
        List<String> differences = recorded.differences(spec, files);
        if (!differences.isEmpty()) {
            throw new CliException("--resume: " + conf + " differs from the sweep recorded in " + recorded.file()
                    + " in what changes results: " + String.join("; ", differences)
                    + "; use another --out, or --overwrite to start over", Main.EXIT_USAGE);
        }
        ExistingResults.read(dir).checkBelongsTo(spec, conf);
        return recorded;
    }
}
