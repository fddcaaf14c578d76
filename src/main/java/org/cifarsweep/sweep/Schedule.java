package org.cifarsweep.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingState;
import org.cifarsweep.train.TrainingStatus;

/**
 * The jobs of a sweep, one after another: a grid or random search is one job of every trial; successive halving is
 * one job per rung, each made from the results of the one before. The Spark driver runs each list it is given as
 * one job and hands back what finished.
 */
public interface Schedule {

    /** The trials of the first job. */
    List<TrialSpec> first();

    /** The trials of the next job, given every result of the last one (in any order); empty when the sweep is done. */
    List<TrialSpec> next(List<Finished> finished);

    /** How many trial runs (tasks) the whole sweep will take, for the progress line. */
    int plannedRuns();

    /** Whether runs may continue, so their W and b are needed (the sink keeps each one's state on disk). */
    boolean continues();

    /**
     * {@code run} ready to train: a continuation that refers to the state of the run before it ({@link
     * TrialSpec#from}) gets that state, read in now; any other run as it is. The Spark driver calls this for the runs
     * of one job as it submits that job, so only a job's states are in memory at once.
     */
    default TrialSpec prepared(TrialSpec run) {
        if (run.from() != null) throw new IllegalStateException("run " + run.id() + " refers to a state this schedule cannot read");
        return run;
    }

    /** What the search did, for provenance.json and the console; empty for a plain search. */
    Map<String, Object> summary();

    /**
     * One finished run: its id, how it ended, its last validation accuracy, and where it stopped when the caller
     * holds it (null: a survivor's run refers to it, and {@link #prepared} reads it back through the schedule's
     * {@link RecordedStates}, as a live sweep does).
     */
    record Finished(String id, TrainingStatus status, double valAcc, TrainingState state) { }

    /**
     * Every run a sweep of {@code spec} can record a row for: its trials, or with successive halving each trial at
     * each rung (named and configured as {@link HalvingSchedule} runs them).
     */
    static List<TrialSpec> possibleRuns(SweepSpec spec) {
        return spec.halving() == null ? spec.trials() : HalvingSchedule.allRuns(spec.halving(), spec.trials());
    }

    /**
     * The run a successive-halving run of rung {@code rung} ≥ 1 continues: the same trial at the rung before,
     * named as {@link HalvingSchedule} names it.
     */
    static String previousRun(Halving halving, String id, TrainConfig config, int rung) {
        if (rung < 1) throw new IllegalArgumentException("run " + id + " of rung " + rung + " continues no run");
        boolean explicitSeed = id.equals(TrialName.of(config, true));
        return TrialName.of(config.withEpochs(halving.rungs().get(rung - 1)), explicitSeed);
    }

    /**
     * The asynchronous schedule of a resumed sweep: {@code log}, the decisions recorded, replayed over every trial of
     * the conf; the runs it started without a result start again first.
     *
     * @throws IllegalArgumentException when the log does not replay (it names the line)
     */
    static AsyncSchedule replayed(SweepSpec spec, List<Decision> log, RecordedStates recorded) {
        AsyncHalving schedule = new AsyncHalving(spec.halving(), source(spec, spec.trials()), recorded);
        schedule.replay(log);
        return schedule;
    }

    /** Where an asynchronous sweep's new trials come from: TPE's proposals, or {@code trials} in a seeded order. */
    private static TrialSource source(SweepSpec spec, List<TrialSpec> trials) {
        return spec.search() == SweepSpec.Search.TPE ? TpeSource.of(spec) : TrialSource.shuffled(trials, spec.seed());
    }

    /** The schedule of a new sweep of {@code trials}. */
    static Schedule of(SweepSpec spec, List<TrialSpec> trials) {
        return of(spec, trials, RecordedStates.NONE);
    }

    /** The schedule of a resumed sweep: a survivor of a run recorded before continues from {@code recorded}. */
    static Schedule of(SweepSpec spec, List<TrialSpec> trials, RecordedStates recorded) {
        if (spec.asynchronous()) return new AsyncHalving(spec.halving(), source(spec, trials), recorded);
        if (spec.halving() == null) return new AllAtOnce(trials);
        if (spec.halving().hyperband()) return new HyperbandSchedule(spec.halving(), trials, spec.seed(), recorded);
        return new HalvingSchedule(spec.halving(), trials, recorded);
    }

    /** Every trial in one job: grids, random search and explicit trials. */
    final class AllAtOnce implements Schedule {
        private final List<TrialSpec> trials;

        AllAtOnce(List<TrialSpec> trials) {
            this.trials = List.copyOf(trials);
        }

        @Override public List<TrialSpec> first() { return trials; }
        @Override public List<TrialSpec> next(List<Finished> finished) { return List.of(); }
        @Override public int plannedRuns() { return trials.size(); }
        @Override public boolean continues() { return false; }
        @Override public Map<String, Object> summary() { return new LinkedHashMap<>(); }
    }
}
