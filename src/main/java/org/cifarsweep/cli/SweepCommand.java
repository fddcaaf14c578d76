package org.cifarsweep.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
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
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.spark.SweepRunner;
import org.cifarsweep.sweep.Halving;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainingState;
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
            if (spec.halving() != null) return resumeHalving(spec, dataset, dir, home, recorded, existing);
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

    /**
     * Continues a successive-halving sweep (after the checks and the repair): replays the schedule from the
     * recorded rows, feeding each rung's recorded runs (id, status, val_acc) to it as the live sweep did, so it
     * picks the same survivors, then runs what is missing of the first incomplete rung and goes on as usual. A
     * survivor whose run is missing starts from the recorded end of the run it continues: its weights file (the
     * exact W and b the live sweep kept) and its curves; the random streams are rebuilt from the seed by
     * {@link org.cifarsweep.train.Trainer}, as for any continuation.
     */
    private int resumeHalving(SweepSpec spec, Dataset dataset, Path dir, Path home, RecordedSweep recorded,
                              ExistingResults existing) {
        PrintStream console = System.out;
        Map<String, ResultsRow> byRun = new HashMap<>();
        for (ResultsRow row : existing.rows()) byRun.put(ExistingResults.key(row.trial(), row.config().seed()), row);
        UnaryOperator<TrialSpec> restore = run -> restore(spec, dir, existing, run);
        Schedule schedule = Schedule.of(spec, spec.trials());
        List<TrialSpec> job = schedule.first();
        List<Schedule.Finished> finished = new ArrayList<>();
        List<TrialSpec> toRun = new ArrayList<>();
        int rung = 0;
        while (!job.isEmpty()) {
            finished = new ArrayList<>();
            toRun = new ArrayList<>();
            for (TrialSpec run : job) {
                ResultsRow row = byRun.get(ExistingResults.key(run));
                if (row != null && row.config().rung() == run.config().rung()) {
                    // The state is not needed: a survivor of a recorded run gets it from the files (restore).
                    finished.add(new Schedule.Finished(row.trial(), row.status(), row.valAcc(), null));
                } else {
                    toRun.add(run);
                }
            }
            if (!toRun.isEmpty()) break;
            job = schedule.next(List.copyOf(finished));
            rung++;
        }
        int complete = existing.rows().size();
        int planned = Math.max(schedule.plannedRuns(), complete);
        if (toRun.isEmpty()) {
            console.printf("resume: all %d runs of the successive halving are complete in %s; 0 to run%n", complete, dir);
            console.println();
            console.print(RankedTable.format(existing.rows()));
            console.println(RankedTable.summary(existing.rows()) + "; results in " + dir);
            return 0;
        }
        console.printf("resume: %d of %d runs of the successive halving are complete in %s; rung %d has %d of %d "
                + "to run, then the rungs after it%n", complete, planned, dir, rung, toRun.size(), job.size());
        new SweepRunner(console).run(spec, dataset, schedule, toRun, finished, restore, dir, home, existing.rows(),
                planned, recorded.resumedSection(complete, planned - complete, existing.repairs()));
        return 0;
    }

    /** A halving run as it starts: a survivor without a start state gets its recorded one. */
    private static TrialSpec restore(SweepSpec spec, Path dir, ExistingResults existing, TrialSpec run) {
        if (run.start() != null || run.config().rung() < 1) return run;
        String previous = Schedule.previousRunId(spec, run);
        List<EpochMetrics> curves = existing.curves(previous);
        int epochs = spec.halving().rungs().get(run.config().rung() - 1);
        if (curves.size() != epochs) {
            throw new IllegalStateException(dir.resolve(ResultsWriter.CURVES) + ": run " + previous + " has "
                    + curves.size() + " epoch(s) of curves, expected " + epochs + "; cannot continue " + run.id());
        }
        WeightsFile.Weights weights = WeightsFile.read(ResultsWriter.weightsFile(dir, previous));
        return new TrialSpec(run.id(), run.config(), new TrainingState(weights.w(), weights.b(), curves));
    }

    /** The recorded sweep, if {@code spec} may continue it: same results-changing conf, rows that belong to it. */
    private RecordedSweep check(SweepSpec spec, Path dir, List<Map<String, Object>> files) {
        RecordedSweep recorded = RecordedSweep.read(dir);
        List<String> differences = new ArrayList<>(recorded.differences(spec, files));
        // Successive halving: the rungs, the reduction and every trial decide which trials go on.
        Halving was = recorded.spec().halving();
        if (!Objects.equals(was, spec.halving())) {
            differences.add("halving (recorded " + describe(was) + ", now " + describe(spec.halving()) + ")");
        } else if (spec.halving() != null) {
            List<TrialSpec> added = recorded.added(spec);
            if (!added.isEmpty()) {
                differences.add("grid/trials (" + added.size() + " trial(s) added, which with successive halving "
                        + "would change which trials continue: " + added.get(0).id() + (added.size() > 1 ? ", …" : "") + ")");
            }
        }
        if (!differences.isEmpty()) {
            throw new CliException("--resume: " + conf + " differs from the sweep recorded in " + recorded.file()
                    + " in what changes results: " + String.join("; ", differences)
                    + "; use another --out, or --overwrite to start over", Main.EXIT_USAGE);
        }
        ExistingResults.read(dir).checkBelongsTo(spec, conf);
        return recorded;
    }

    private static String describe(Halving halving) {
        return halving == null ? "none" : "rungs " + halving.rungs() + ", reduction " + halving.reduction();
    }
}
