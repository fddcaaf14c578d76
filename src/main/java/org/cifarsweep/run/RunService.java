package org.cifarsweep.run;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.report.ReportBuilder;
import org.cifarsweep.results.DurableFiles;
import org.cifarsweep.results.DecisionsFile;
import org.cifarsweep.results.HalvingStates;
import org.cifarsweep.results.KeptWeights;
import org.cifarsweep.results.ModelWeights;
import org.cifarsweep.results.OutputFolder;
import org.cifarsweep.results.OutputLock;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.RankedTable;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.resume.ResumePlan;
import org.cifarsweep.spark.FatalErrors;
import org.cifarsweep.spark.FatalTaskError;
import org.cifarsweep.spark.LostRun;
import org.cifarsweep.spark.MemoryCheck;
import org.cifarsweep.spark.SweepJob;
import org.cifarsweep.spark.SweepOutcome;
import org.cifarsweep.spark.SweepRunner;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialName;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochListener;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.cifarsweep.train.TrainingState;

/**
 * What {@code sweep} and {@code train} share around the training itself: an output folder prepared and locked, the
 * runs recorded as they finish, provenance, the report (a failure there is one warning line, never the run's exit
 * code), the warnings and the closing table. The commands validate what the user typed and ask this service.
 */
public final class RunService {
    /** Everything a sweep or a train run writes into its folder: what {@code --overwrite} may delete. */
    static final List<String> OWN_FILES = ownFiles();
    private static final String PROVENANCE_TMP = Provenance.FILE + DurableFiles.TMP_SUFFIX;

    private final PrintStream console;
    private final PrintStream errors;

    /** {@code console}: the run's story and tables; {@code errors}: warnings and the progress line. */
    public RunService(PrintStream console, PrintStream errors) {
        this.console = console;
        this.errors = errors;
    }

    /**
     * Runs a new sweep, or continues the one recorded in the spec's output folder.
     *
     * @throws IllegalArgumentException    when the sweep cannot fit in the memory Spark is given (one line, checked
     *                                     before Spark starts and before the folder changes), among other refusals
     * @throws IncompleteSweepException    when trials are missing at the end: Spark gave up on them (recorded as
     *                                     failed), or a task ran the driver out of memory in local mode
     */
    public void sweep(SweepRequest request) {
        Path dir = request.spec().out();
        // A driver killed while Spark started leaves at most a lock file and a provenance.json.tmp: nothing to resume.
        boolean started = OutputFolder.holdsFiles(dir, PROVENANCE_TMP);
        if (request.mode() == OutputMode.RESUME && started) {
            resume(request, dir);
            return;
        }
        checkMemory(request);
        if (request.mode() == OutputMode.RESUME) console.println("resume: " + dir + " holds no results yet; starting the sweep");
        boolean clear = request.mode() == OutputMode.OVERWRITE
                || (request.mode() == OutputMode.RESUME && OutputFolder.holdsFiles(dir));
        try (OutputLock lock = OutputFolder.prepareLocked(dir, clear,
                "pass --overwrite to replace its results, or --resume to continue its sweep", OWN_FILES)) {
            SweepPlan plan = SweepPlan.of(request.spec(), run -> liveState(dir, run));
            runSweep(request, plan, new RankedTable.Ranking(request.spec().repeats()), null, new KeptWeights(dir, request.spec().weights()));
        }
    }

    /** Continues the sweep recorded in {@code dir}: checks, repairs what a crash left, runs what is missing. */
    private void resume(SweepRequest request, Path dir) {
        OutputFolder.checkWritable(dir);
        // The lock first: nobody else can change the folder while it is read, checked and repaired. A refusal
        // releases it and leaves the folder as it was.
        try (OutputLock lock = OutputLock.acquire(dir)) {
            ResumePlan plan = ResumePlan.read(request.spec(), dir, request.conf());
            if (!plan.done()) checkMemory(request);
            plan.warnings().forEach(w -> errors.println("cifar-sweep: warning: " + w));
            plan.repair();
            plan.repairs().forEach(r -> console.println("resume: " + r));
            console.println(plan.describe());
            // The weights the conf keeps, from the recorded rows (files outside them go), and the closing table's
            // counts and best rows: each from results.csv streamed once, a row at a time.
            KeptWeights kept = KeptWeights.resumed(dir, request.spec().weights(), plan::forEachCompleted);
            RankedTable.Ranking ranking = new RankedTable.Ranking(request.spec().repeats());
            plan.forEachCompleted(ranking::add);
            if (plan.done()) {
                HalvingStates.deleteAll(dir);
                printTable(ranking, dir);
                return;
            }
            runSweep(request, plan.sweepPlan(), ranking, plan.provenanceSection(), kept);
        }
    }

    /**
     * Refuses, in one line, a sweep whose estimated memory need exceeds what Spark is given (see
     * {@link MemoryCheck}), and warns when it is tight. Called before Spark starts and before the folder changes.
     */
    private void checkMemory(SweepRequest request) {
        MemoryCheck.Verdict verdict = MemoryCheck.of(request.spec(), request.dataset()).check(sparkSettings(request.spec()));
        if (verdict.refusal() != null) throw new IllegalArgumentException(verdict.refusal());
        verdict.warnings().forEach(w -> errors.println("cifar-sweep: warning: " + w));
    }

    /** The Spark settings known before start: spark-submit's (system properties), then the conf's spark {} block. */
    static MemoryCheck.Settings sparkSettings(SweepSpec spec) {
        Map<String, String> spark = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("spark.")) spark.put(key, System.getProperty(key));
        }
        spark.putAll(spec.sparkSettings());
        return MemoryCheck.Settings.of(spark, System.getenv(), Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors());
    }

    /** The state a halving survivor of this sweep continues from: its sink wrote it before the rung was decided. */
    private static TrainingState liveState(Path dir, String run) {
        TrainingState state = HalvingStates.read(dir, run);
        if (state == null) throw new IllegalStateException(HalvingStates.file(dir, run) + ": missing (deleted while the sweep ran?)");
        return state;
    }

    private void runSweep(SweepRequest request, SweepPlan plan, RankedTable.Ranking ranking, Map<String, Object> resumed,
                          KeptWeights kept) {
        SweepSpec spec = request.spec();
        Path dir = spec.out();
        MemoryCheck.Settings settings = sparkSettings(spec);
        SweepOutcome outcome;
        RankedTable.Ranking rows;
        // In local mode a task that runs out of memory ends this JVM (Spark's exit 52): say so in one line.
        Thread fatalLine = new Thread(() -> {
            String what = FatalErrors.noted();
            if (what != null && FatalErrors.claimReport()) {
                errors.println("cifar-sweep: error: " + driverOutOfMemory(what, dir, settings));
                errors.flush();
            }
        }, "cifar-sweep-fatal-error-line");
        Runtime.getRuntime().addShutdownHook(fatalLine);
        try (SweepRecorder recorder = new SweepRecorder(dir, spec, request.home(), ranking, resumed,
                plan.firstJobRuns(), kept, console, errors)) {
            outcome = new SweepRunner(errors).run(new SweepJob(spec, request.dataset(), plan), recorder);
            rows = recorder.finish(outcome);
        } catch (FatalTaskError e) {
            throw new IncompleteSweepException(FatalErrors.claimReport() ? driverOutOfMemory(e.getMessage(), dir, settings)
                    : null, FatalErrors.SPARK_OOM_EXIT);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(fatalLine);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is ending: the hook prints its line
            }
        }
        buildReport(dir, ReportBuilder.Options.top(spec.topTrials()));
        outcome.warnings().forEach(w -> errors.println("cifar-sweep: warning: " + w));
        printTable(rows, dir);
        Map<String, Object> search = outcome.search();
        if (search.containsKey("epochs_full_grid")) {
            console.printf("%s: %s epochs trained, against %s for the full grid%n", search.get("strategy"),
                    search.get("epochs_spent"), search.get("epochs_full_grid"));
        }
        if (!outcome.lost().isEmpty()) {
            throw new IncompleteSweepException(lostLine(outcome.lost(), settings.memoryOption(), spec.halving() != null),
                    IncompleteSweepException.TRIALS_LOST);
        }
    }

    /** The one line after a task ran the driver out of memory in local mode. */
    static String driverOutOfMemory(String what, Path dir, MemoryCheck.Settings settings) {
        return "the driver died of " + what + " (in local mode the tasks run in the driver JVM); the results recorded "
                + "so far in " + dir + " are safe: raise " + settings.memoryOption() + " and add --resume to the same command to finish the sweep";
    }

    /**
     * The one line after Spark gave up on some trials: how many, which and why, what to raise, and that --resume
     * reruns them, e.g. "1 trial failed for lack of resources: eta0.001_lam0_b100_ep40 (OutOfMemoryError: Java heap
     * space, 4 attempts); raise --executor-memory (now 1g) and add --resume to the same command to rerun just the
     * failed trials".
     */
    static String lostLine(List<LostRun> lost, String memoryOption, boolean halving) {
        long resources = lost.stream().filter(LostRun::resources).count();
        String trials = lost.size() == 1 ? "1 trial" : lost.size() + " trials";
        String what = resources == lost.size() ? trials + " failed for lack of resources"
                : trials + " failed outside training" + (resources == 0 ? "" : ", " + resources + " for lack of resources");
        StringBuilder which = new StringBuilder();
        int shown = Math.min(lost.size(), 3);
        for (int i = 0; i < shown; i++) {
            LostRun run = lost.get(i);
            if (i > 0) which.append("; ");
            which.append(run.trial()).append(" (").append(run.cause()).append(", ").append(run.attempts())
                    .append(run.attempts() == 1 ? " attempt)" : " attempts)");
        }
        if (lost.size() > shown) which.append(" and ").append(lost.size() - shown).append(" more");
        String fix = resources == lost.size() ? "raise " + memoryOption
                : resources == 0 ? "see the executor logs" : "raise " + memoryOption + " or see the executor logs";
        return what + ": " + which + (halving ? "; the successive halving stopped before its next rung" : "") + "; "
                + fix + " and add --resume to the same command to rerun just the failed trials";
    }

    /** Trains one configuration on this JVM, printing each epoch, and records it in the request's folder. */
    public TrainingOutcome train(TrainRequest request, EpochListener onEpoch) {
        try (OutputLock lock = OutputFolder.prepareLocked(request.out(), request.overwrite(),
                "pass --overwrite to replace its results", OWN_FILES)) {
            return trainLocked(request, onEpoch);
        }
    }

    private TrainingOutcome trainLocked(TrainRequest request, EpochListener onEpoch) {
        Precision precision = request.config().precision();
        console.println("BLAS: " + BlasBackend.describe());
        if (BlasBackend.warning() != null) errors.println("cifar-sweep: warning: " + BlasBackend.warning());
        if (precision == Precision.FLOAT) {
            console.println("float32 kernel: " + PixelKernel.create().describe());
            if (PixelKernel.warning() != null) errors.println("cifar-sweep: warning: " + PixelKernel.warning());
        }
        console.printf("data: %s (%s split: %d train, %d val, %d test)%n", request.dataDir(), request.split(),
                request.dataset().train().count(), request.dataset().validation().count(),
                request.dataset().test().count());

        TrainingData data = TrainingData.of(request.dataset(), request.preprocess(), precision);
        if (precision == Precision.FLOAT) {
            console.printf("float32 kernel compiled in %.2f s (once per JVM, before the trial's clock starts)%n",
                    PixelKernel.warmUp());
        }
        TrainingOutcome outcome = new Trainer().train(request.config(), data, onEpoch);

        TrialSpec run = new TrialSpec(TrialName.of(request.config(), true), request.config());
        ResultsRow row = ResultsRow.of(run, request.preprocess().toString(), request.split().toString(), outcome,
                hostName(), "driver");
        try (ResultsWriter writer = new ResultsWriter(request.out(), epoch -> TrialSpec.NO_RUNG,
                new KeptWeights(request.out(), request.weights()))) {
            writer.record(row, outcome.curves(),
                    ModelWeights.of(outcome.model().weightRows(), outcome.model().biases(), precision));
        }
        buildReport(request.out(), ReportBuilder.Options.defaults());
        console.printf("status: %s%s%n", outcome.status(), outcome.reason().isEmpty() ? "" : " (" + outcome.reason() + ")");
        console.printf("test accuracy: %.4f   (%.1f s training; results in %s)%n",
                outcome.testAccuracy(), outcome.seconds(), request.out());
        return outcome;
    }

    /** The report of {@code dir}; one warning line if it cannot be made (the results are safe on disk already). */
    private void buildReport(Path dir, ReportBuilder.Options options) {
        ReportBuilder.buildOrWarn(dir, options, errors);
    }

    /**
     * The closing table: every run ranked (the best {@value RankedTable#TOP_ROWS} and a line for the rest, above
     * {@value RankedTable#FULL_TABLE_ROWS} runs), then the counts and where the files are.
     */
    private void printTable(RankedTable.Ranking ranking, Path dir) {
        console.println();
        console.print(RankedTable.format(ranking));
        String rest = RankedTable.rest(ranking, dir.resolve(ResultsWriter.RESULTS).toString(),
                dir.resolve(ReportBuilder.PAGE).toString());
        if (rest != null) console.println(rest);
        console.println(RankedTable.summary(ranking) + "; results in " + dir + ", report " + dir.resolve(ReportBuilder.PAGE));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static List<String> ownFiles() {
        List<String> files = new ArrayList<>(List.of(ResultsWriter.RESULTS, ResultsWriter.CURVES,
                ResultsWriter.WEIGHTS, HalvingStates.DIR, Provenance.FILE, PROVENANCE_TMP, DecisionsFile.FILE));
        files.addAll(ReportBuilder.OUTPUTS);
        return List.copyOf(files);
    }
}
