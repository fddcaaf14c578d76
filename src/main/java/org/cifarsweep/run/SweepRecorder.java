package org.cifarsweep.run;

import com.typesafe.config.ConfigFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.results.DecisionsFile;
import org.cifarsweep.results.HalvingStates;
import org.cifarsweep.results.KeptWeights;
import org.cifarsweep.results.OutputWriteException;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.RankedTable;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.spark.SparkStart;
import org.cifarsweep.spark.SweepOutcome;
import org.cifarsweep.spark.TaskResult;
import org.cifarsweep.spark.TrialSink;
import org.cifarsweep.sweep.Decision;
import org.cifarsweep.sweep.Halving;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.TrainingStatus;

/**
 * Records a running sweep in its output folder: provenance.json once Spark is up (and again at the end), and each
 * finished run's weights (those the conf's {@code weights} keeps, {@link KeptWeights}), curves and results row as it
 * arrives. With successive halving it also keeps the state a survivor continues from ({@link HalvingStates}), apart
 * from the weights, and deletes it once no run can continue from it. The files are created only once Spark has
 * started, so a driver killed while Spark starts leaves nothing to resume.
 */
final class SweepRecorder implements TrialSink, AutoCloseable {
    private final Path dir;
    private final SweepSpec spec;
    private final Path home;
    private final Map<String, Object> resumed;
    private final int firstJobRuns;
    private final PrintStream console;
    private final PrintStream errors;
    private final Provenance provenance = new Provenance();
    /** The counts and the best rows for the closing table: not a row per run. */
    private final RankedTable.Ranking ranking;
    private final KeptWeights kept;
    private ResultsWriter writer;
    /** decisions.csv, opened at the first decision of an asynchronous schedule. */
    private DecisionsFile decisions;
    private volatile boolean writeFailed;

    /**
     * @param ranking      the runs recorded before a resume (they count in the table and provenance's counts);
     *                     this sweep's runs are added to it
     * @param resumed      provenance's "resumed" section, or null for a new sweep
     * @param firstJobRuns how many runs the first job trains, for the console
     * @param kept         which runs keep their weights file (on resume, initialised from the recorded rows)
     */
    SweepRecorder(Path dir, SweepSpec spec, Path home, RankedTable.Ranking ranking, Map<String, Object> resumed,
                  int firstJobRuns, KeptWeights kept, PrintStream console, PrintStream errors) {
        this.dir = dir;
        this.kept = kept;
        this.spec = spec;
        this.home = home;
        this.ranking = ranking;
        this.resumed = resumed;
        this.firstJobRuns = firstJobRuns;
        this.console = console;
        this.errors = errors;
    }

    @Override
    public void started(SparkStart start) {
        provenance.put("started", Instant.now().toString());
        provenance.put("conf", ConfigFactory.parseString(spec.resolvedConf()).root().unwrapped());
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("cifar_sweep", String.valueOf(SweepRecorder.class.getPackage().getImplementationVersion()));
        versions.put("git_commit", Provenance.gitCommit(home));
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("spark", start.sparkVersion());
        versions.put("scala", start.scalaVersion());
        provenance.put("versions", versions);
        provenance.put("spark", start.sparkSection());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("dir", spec.data().dir().toAbsolutePath().normalize().toString());
        data.put("split", spec.data().split().toString());
        data.put("preprocess", spec.data().preprocess().toString());
        data.put("files", Provenance.checksums(CifarLoader.filesFor(spec.data().dir(), spec.data().split())));
        provenance.put("data", data);
        provenance.put("broadcast", start.broadcastSection());
        provenance.put("blas_driver", BlasBackend.describe());
        provenance.put("float32_kernel_driver", PixelKernel.describeInJvm());
        if (BlasBackend.warning() != null) provenance.put("blas_driver_warning", BlasBackend.warning());
        provenance.put("weights", spec.weights().toString());
        if (resumed != null) provenance.put("resumed", resumed);
        provenance.write(dir);
        writer = new ResultsWriter(dir, rungOfEpoch(spec), kept);

        console.printf("sweep %s: %d trials on %s (%d cores), BLAS %s%n", spec.name(), firstJobRuns, start.master(),
                start.parallelism(), BlasBackend.describe());
        console.println("broadcast: " + start.describeBroadcast());
        if (BlasBackend.warning() != null) errors.println("cifar-sweep: warning: " + BlasBackend.warning());
    }

    /**
     * Writes a finished run. This runs in Spark's scheduler thread, so what it throws fails the Spark job, and the
     * sweep ends with that exception: after a write that failed (a full disk), later runs are not written, and
     * Spark's logging of the shutdown is switched off, so that the error is the one line the user sees.
     */
    @Override
    public void finished(TaskResult result) {
        if (writeFailed) return;
        ResultsRow row = result.row();
        Halving halving = spec.halving();
        try {
            // The state first: once the row is recorded, a resume may continue the run from it.
            if (halving != null && result.weights() != null && row.status() == TrainingStatus.OK
                    && row.rung() < halving.rungs().size() - 1 && !result.curves().isEmpty()) {
                HalvingStates.write(dir, row.trial(), result.weights(), result.curves());
            }
            writer.record(row, result.curves(), result.weights());
            // The run it continued is done with (a failed run reruns from it on resume).
            if (halving != null && row.rung() >= 1 && row.status() != TrainingStatus.FAILED) {
                HalvingStates.delete(dir, Schedule.previousRun(halving, row.trial(), row.config(), row.rung()));
            }
        } catch (OutputWriteException e) {
            writeFailed = true;
            Logs.silence();
            throw e;
        } catch (Error e) {
            // An Error in Spark's scheduler thread kills its event loop, and Spark then recurses into a
            // StackOverflowError with megabytes of traces. As an exception it fails the job cleanly.
            throw new IllegalStateException("recording trial " + result.row().trial() + " failed: " + e, e);
        }
        ranking.add(result.row());
    }

    /** One line of the decision log, durably, in the order the schedule made it. */
    @Override
    public void logged(Decision decision) {
        if (writeFailed) return;
        try {
            if (decisions == null) decisions = new DecisionsFile(dir);
            decisions.record(decision);
        } catch (OutputWriteException e) {
            writeFailed = true;
            Logs.silence();
            throw e;
        }
    }

    /** The states of runs an asynchronous schedule will never continue go now, not at the end of the sweep. */
    @Override
    public void released(List<String> runs) {
        if (writeFailed) return;
        runs.forEach(run -> HalvingStates.delete(dir, run));
    }

    /** A rung is decided: the states of its runs that no run of the next rung continues are deleted. */
    @Override
    public void decided(List<Schedule.Finished> finished, List<TrialSpec> next) {
        Set<String> continued = new HashSet<>();
        for (TrialSpec run : next) {
            continued.add(Schedule.previousRun(spec.halving(), run.id(), run.config(), run.rung()));
        }
        for (Schedule.Finished f : finished) {
            if (!continued.contains(f.id())) HalvingStates.delete(dir, f.id());
        }
    }

    /**
     * Completes provenance.json with how the sweep went (and, when no run was lost, deletes the halving states:
     * nothing continues); returns the ranking of every run, recorded ones included.
     */
    RankedTable.Ranking finish(SweepOutcome outcome) {
        if (outcome.lost().isEmpty()) HalvingStates.deleteAll(dir);
        provenance.put("timing", outcome.timing());
        if (!outcome.search().isEmpty()) provenance.put("search", outcome.search());
        provenance.put("finished", Instant.now().toString());
        outcome.executors().forEach(provenance::put);
        provenance.put("packing", outcome.packing());
        Map<String, Object> counts = new LinkedHashMap<>();
        for (TrainingStatus status : TrainingStatus.values()) {
            counts.put(status.toString(), ranking.count(status));
        }
        provenance.put("trials", counts);
        if (!outcome.lost().isEmpty()) {
            // The runs Spark gave up on (recorded as failed rows): what --resume reruns.
            Map<String, Object> lost = new LinkedHashMap<>();
            outcome.lost().forEach(run -> lost.put(run.trial(), run.reason()));
            provenance.put("trials_spark_gave_up_on", lost);
        }
        provenance.write(dir);
        return ranking;
    }

    /** curves.csv's rung column: the successive-halving rung that trains each epoch, or none. */
    private static IntUnaryOperator rungOfEpoch(SweepSpec spec) {
        return spec.halving() == null ? epoch -> TrialSpec.NO_RUNG : spec.halving()::rungOf;
    }

    @Override
    public void close() {
        if (writer != null) writer.close();
        if (decisions != null) decisions.close();
    }
}
