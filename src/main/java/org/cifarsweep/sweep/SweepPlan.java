package org.cifarsweep.sweep;

import java.util.List;

/**
 * What a sweep trains: its schedule, the runs of the current job still to train, and the runs of that job finished
 * before (recorded before a resume), which the schedule weighs with the new ones. The counts feed the progress line.
 *
 * @param alreadyDone runs recorded before this start
 * @param plannedRuns every run of the sweep, recorded ones included
 */
public record SweepPlan(Schedule schedule, List<TrialSpec> toRun, List<Schedule.Finished> finished, int alreadyDone,
                        int plannedRuns) {

    public SweepPlan {
        toRun = List.copyOf(toRun);
        finished = List.copyOf(finished);
        if (alreadyDone < 0 || plannedRuns < alreadyDone) {
            throw new IllegalArgumentException("planned runs " + plannedRuns + " must be >= runs done " + alreadyDone);
        }
    }

    /** Whether nothing is left to run: no run of the current job, and an asynchronous schedule is done. */
    public boolean done() {
        return schedule instanceof AsyncSchedule async ? async.done() : toRun.isEmpty();
    }

    /** The runs of the first job, or for an asynchronous schedule (no jobs) every run it is expected to take. */
    public int firstJobRuns() {
        return schedule instanceof AsyncSchedule ? plannedRuns - alreadyDone : toRun.size();
    }

    /** A new sweep of every trial of {@code spec}. */
    public static SweepPlan of(SweepSpec spec) {
        return continuing(spec, spec.trials(), 0);
    }

    /** A new sweep of every trial of {@code spec}; a halving survivor continues from the state {@code states} reads. */
    public static SweepPlan of(SweepSpec spec, RecordedStates states) {
        Schedule schedule = Schedule.of(spec, spec.trials(), states);
        return new SweepPlan(schedule, schedule.first(), List.of(), 0, schedule.plannedRuns());
    }

    /** A sweep of {@code trials} that {@code alreadyDone} recorded runs precede (a resume without halving). */
    public static SweepPlan continuing(SweepSpec spec, List<TrialSpec> trials, int alreadyDone) {
        Schedule schedule = Schedule.of(spec, trials);
        return new SweepPlan(schedule, schedule.first(), List.of(), alreadyDone, alreadyDone + schedule.plannedRuns());
    }
}
