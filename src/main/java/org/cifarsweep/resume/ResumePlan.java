package org.cifarsweep.resume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.results.DecisionsFile;
import org.cifarsweep.results.ExistingResults;
import org.cifarsweep.results.HalvingStates;
import org.cifarsweep.results.Provenance;
import org.cifarsweep.results.RecordedSweep;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.WeightsFile;
import org.cifarsweep.sweep.AsyncSchedule;
import org.cifarsweep.sweep.Decision;
import org.cifarsweep.sweep.Halving;
import org.cifarsweep.sweep.RecordedStates;
import org.cifarsweep.sweep.Schedule;
import org.cifarsweep.sweep.SweepPlan;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainingState;
import org.cifarsweep.train.TrainingStatus;

/**
 * How a sweep recorded in an output folder continues: built once from the sweep asked for now and the folder, it
 * reads provenance.json and results.csv once, refuses a folder recorded with other results-changing settings, and
 * says what is complete, what to run and where each survivor of successive halving starts from.
 *
 * <p>With successive halving the schedule is replayed from the recorded rows: each rung's recorded runs (name,
 * status, val_acc) are fed to it as the live sweep fed them, so it picks the same survivors, up to the first rung
 * with runs missing. A survivor of a recorded run continues from that run's state file ({@link HalvingStates}: the
 * exact W, b and curves the live sweep had) or, in a folder of an older version that has none, from its weights
 * file and its curves; {@link org.cifarsweep.train.Trainer} rebuilds the random streams from the seed.
 *
 * <p>{@link #read} changes nothing; {@link #repair} then removes what a crash left, under the folder's lock.
 */
public final class ResumePlan {
    private final Path dir;
    private final ExistingResults existing;
    private final RecordedSweep recorded;
    private final SweepPlan plan;
    private final String progress;
    /** decisions.csv of an asynchronous sweep, or null. */
    private final DecisionsFile.Recorded log;

    private ResumePlan(Path dir, ExistingResults existing, RecordedSweep recorded, SweepPlan plan, String progress) {
        this(dir, existing, recorded, plan, progress, null);
    }

    private ResumePlan(Path dir, ExistingResults existing, RecordedSweep recorded, SweepPlan plan, String progress,
                       DecisionsFile.Recorded log) {
        this.log = log;
        this.dir = dir;
        this.existing = existing;
        this.recorded = recorded;
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * Reads the sweep recorded in {@code dir} and plans its continuation as {@code spec}, without changing anything.
     *
     * @param confFile names the conf in messages
     * @throws IllegalArgumentException if the folder records another sweep, or its files are damaged
     */
    public static ResumePlan read(SweepSpec spec, Path dir, Path confFile) {
        RecordedSweep recorded = RecordedSweep.read(dir);
        checkSameSweep(spec, recorded, confFile);
        if (spec.asynchronous()) {
            return async(spec, dir, confFile, recorded);
        }
        ExistingResults existing = ExistingResults.read(dir, rerun(spec), spec.weights());
        existing.checkBelongsTo(spec, confFile);
        return spec.halving() == null ? plain(spec, dir, existing, recorded)
                : halving(spec, dir, existing, recorded);
    }

    /**
     * An asynchronous sweep: its decision log is replayed, result by result, so the schedule makes exactly the
     * decisions it made, then goes on. A recorded row whose result the log lacks (the driver died between the two,
     * or Spark gave up on the run) runs again, as the runs the log started without a result do.
     */
    private static ResumePlan async(SweepSpec spec, Path dir, Path confFile, RecordedSweep recorded) {
        DecisionsFile.Recorded log = DecisionsFile.read(dir);
        Set<String> resulted = new HashSet<>();
        for (Decision d : log.decisions()) {
            if (d.event() == Decision.Event.RESULT) resulted.add(d.run());
        }
        ExistingResults existing = ExistingResults.read(dir, rows -> row -> !resulted.contains(row.trial()),
                spec.weights());
        // TPE's trials are its proposals, which the replay checks one by one; a fixed set's rows are checked here.
        if (spec.search() == SweepSpec.Search.FIXED) existing.checkBelongsTo(spec, confFile);
        AsyncSchedule schedule;
        try {
            schedule = Schedule.replayed(spec, log.decisions(), new FolderStates(dir, existing));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--resume: " + dir.resolve(DecisionsFile.FILE) + ": " + e.getMessage()
                    + "; use another --out, or --overwrite to start over", e);
        }
        int complete = existing.completedCount();
        int planned = Math.max(schedule.plannedRuns(), complete);
        long restarting = log.decisions().stream().filter(d -> d.event() != Decision.Event.RESULT).count()
                - resulted.size();
        String progress = String.format("resume: %d runs of the asynchronous %s are complete in %s; %d decisions "
                        + "replayed from %s, %d run(s) under way restart, then it goes on", complete,
                spec.halving() == null ? "search" : spec.halving().hyperband() ? "Hyperband" : "halving", dir, log.decisions().size() - resulted.size(),
                DecisionsFile.FILE, restarting);
        if (schedule.done()) {
            progress = String.format("resume: all %d runs of the asynchronous sweep are complete in %s; 0 to run",
                    complete, dir);
        }
        SweepPlan plan = new SweepPlan(schedule, List.of(), List.of(), complete, planned);
        return new ResumePlan(dir, existing, recorded, plan, progress, log);
    }

    /**
     * The recorded rows that run again: the failed ones (out of memory, a lost executor, or an error of their own
     * that may be gone). With successive halving only those of the last rung recorded (of their bracket, with
     * Hyperband): a later rung was chosen without the failed runs before it, and rerunning them could change who
     * continued.
     */
    static ExistingResults.Rerun rerun(SweepSpec spec) {
        if (spec.halving() == null) return rows -> row -> row.status() == TrainingStatus.FAILED;
        // Per Hyperband bracket (brackets decide apart; one bracket without Hyperband).
        return rows -> {
            Map<Integer, Integer> last = new HashMap<>();
            for (ResultsRow row : rows) last.merge(row.bracket(), row.rung(), Math::max);
            return row -> row.status() == TrainingStatus.FAILED && row.rung() == last.get(row.bracket());
        };
    }

    private static ResumePlan plain(SweepSpec spec, Path dir, ExistingResults existing, RecordedSweep recorded) {
        List<TrialSpec> missing = existing.missing(spec.trials());
        int added = recorded.added(spec).size();
        List<String> notes = new ArrayList<>();
        if (!existing.rerunRows().isEmpty()) notes.add(existing.rerunRows().size() + " failed before, run again");
        if (added > 0) notes.add(added + " new in the conf");
        String progress = String.format("resume: %d of %d trials are complete in %s; %d to run%s",
                existing.completedCount(), spec.trials().size(), dir, missing.size(),
                notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")");
        SweepPlan plan = SweepPlan.continuing(spec, missing, existing.completedCount());
        return new ResumePlan(dir, existing, recorded, plan, progress);
    }

    private static ResumePlan halving(SweepSpec spec, Path dir, ExistingResults existing, RecordedSweep recorded) {
        Schedule schedule = Schedule.of(spec, spec.trials(), new FolderStates(dir, existing));
        List<TrialSpec> job = schedule.first();
        List<Schedule.Finished> finished = new ArrayList<>();
        List<TrialSpec> toRun = new ArrayList<>();
        int rung = 0;
        while (!job.isEmpty()) {
            finished = new ArrayList<>();
            toRun = new ArrayList<>();
            for (TrialSpec run : job) {
                ExistingResults.Recorded row = existing.recorded(ExistingResults.key(run));
                if (row != null && row.rung() == run.rung()) {
                    // No state: a survivor of a recorded run reads it from the folder (FolderStates).
                    finished.add(new Schedule.Finished(row.trial(), row.status(), row.valAcc(), null));
                } else {
                    toRun.add(run);
                }
            }
            if (!toRun.isEmpty()) break;
            job = schedule.next(List.copyOf(finished));
            rung++;
        }
        int complete = existing.completedCount();
        int planned = Math.max(schedule.plannedRuns(), complete);
        int again = existing.rerunRows().size();
        String progress = toRun.isEmpty()
                ? String.format("resume: all %d runs of the successive halving are complete in %s; 0 to run", complete, dir)
                : String.format("resume: %d of %d runs of the successive halving are complete in %s; rung %d has %d of %d "
                        + "to run%s, then the rungs after it", complete, planned, dir, rung, toRun.size(), job.size(),
                        again == 0 ? "" : " (" + again + " failed before, run again)");
        SweepPlan plan = new SweepPlan(schedule, toRun, finished, complete, planned);
        return new ResumePlan(dir, existing, recorded, plan, progress);
    }

    /** Refuses a resume whose conf would compute results differently from the recorded sweep. */
    private static void checkSameSweep(SweepSpec spec, RecordedSweep recorded, Path confFile) {
        List<Map<String, Object>> files =
                Provenance.checksums(CifarLoader.filesFor(spec.data().dir(), spec.data().split()));
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
            throw new IllegalArgumentException("--resume: " + confFile + " differs from the sweep recorded in "
                    + recorded.file() + " in what changes results: " + String.join("; ", differences)
                    + "; use another --out, or --overwrite to start over");
        }
    }

    private static String describe(Halving halving) {
        if (halving == null) return "none";
        return "rungs " + halving.rungs() + ", reduction " + halving.reduction()
                + (halving.mode() == Halving.Mode.SYNC ? "" : ", mode " + halving.mode())
                + (halving.hyperband() ? ", " + halving.brackets() + " brackets" : "");
    }

    /** What the resume repairs before appending (one sentence each); empty when the files are clean. */
    public List<String> repairs() {
        return existing.repairs();
    }

    /** Oddities that need no repair but deserve a word. */
    public List<String> warnings() {
        return existing.warnings();
    }

    /** Removes what a crash left (torn lines, rows of unfinished runs, temporary files). Call under the lock. */
    public void repair() {
        existing.repair();
        if (log != null) DecisionsFile.repair(dir, log);
    }

    /** The runs recorded complete, in file order, streamed from results.csv (before or after {@link #repair}). */
    public void forEachCompleted(Consumer<? super ResultsRow> action) {
        existing.forEachRow(action);
    }

    /** How many runs are recorded complete. */
    public int completedCount() {
        return existing.completedCount();
    }

    /** Whether nothing is left to run. */
    public boolean done() {
        return plan.done();
    }

    /** What to run, and what the schedule has already seen. */
    public SweepPlan sweepPlan() {
        return plan;
    }

    /** One line: how much is complete and what is left, for the console. */
    public String describe() {
        return progress;
    }

    /** The "resumed" section of the new provenance.json. */
    public Map<String, Object> provenanceSection() {
        return recorded.resumedSection(plan.alreadyDone(), plan.plannedRuns() - plan.alreadyDone(), existing.repairs());
    }

    /**
     * The end states of recorded runs, read back from the state folder, or else (a folder of an older version) from
     * the weights files and curves.csv.
     */
    private record FolderStates(Path dir, ExistingResults existing) implements RecordedStates {
        @Override
        public TrainingState of(String runId) {
            TrainingState saved = HalvingStates.read(dir, runId);
            if (saved != null) return saved;
            ExistingResults.Recorded row = existing.recordedRun(runId);
            if (row == null) throw new IllegalArgumentException("run " + runId + " is not recorded in " + dir);
            List<EpochMetrics> curves = existing.curves(runId);
            int epochs = row.epochs();
            if (curves.size() != epochs) {
                throw new IllegalArgumentException(dir.resolve(ResultsWriter.CURVES) + ": run " + runId + " has "
                        + curves.size() + " epoch(s) of curves, expected " + epochs + "; cannot continue it");
            }
            WeightsFile.Weights weights = WeightsFile.read(ResultsWriter.weightsFile(dir, runId));
            return new TrainingState(weights.w(), weights.b(), curves);
        }
    }
}
