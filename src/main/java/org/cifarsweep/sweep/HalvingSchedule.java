package org.cifarsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingState;
import org.cifarsweep.train.TrainingStatus;

/**
 * Synchronous successive halving ({@link Halving}). Rung r runs its trials to {@code rungs[r]} epochs; survivors
 * continue from their saved state, so a trial that reaches the last rung is, bit for bit, the trial the full grid
 * would have run. Each rung's run is named as the trial at that many epochs (e.g. {@code ..._ep10}) and carries its
 * rung, so every rung has its own rows, curves and weights. A survivor whose {@link Finished} has no state (every
 * run of a live sweep, and the runs recorded before a resume) refers to the state of its run before
 * ({@link TrialSpec.StateRef}); {@link #prepared} reads it in through {@link RecordedStates} when its job is
 * submitted, so building a rung reads no W.
 */
final class HalvingSchedule implements Schedule {
    private final Halving halving;
    private final List<TrialSpec> trials;
    private final RecordedStates recorded;
    /** The rung the trials start at: 0, or a Hyperband bracket's own. */
    private final int firstRung;
    /** The Hyperband bracket of every run, or {@link TrialSpec#NO_BRACKET}. */
    private final int bracket;
    /** The full trial of each rung run's id. */
    private final Map<String, TrialSpec> baseOf = new HashMap<>();
    private final List<Map<String, Object>> rungLog = new ArrayList<>();
    private int rung;
    private long epochsSpent;

    HalvingSchedule(Halving halving, List<TrialSpec> trials, RecordedStates recorded) {
        this(halving, trials, recorded, 0, TrialSpec.NO_BRACKET);
    }

    /** Halving of {@code trials} from rung {@code firstRung} on, its runs in {@code bracket} (Hyperband's). */
    HalvingSchedule(Halving halving, List<TrialSpec> trials, RecordedStates recorded, int firstRung, int bracket) {
        this.halving = halving;
        this.trials = List.copyOf(trials);
        this.recorded = recorded;
        this.firstRung = firstRung;
        this.bracket = bracket;
    }

    @Override
    public List<TrialSpec> first() {
        rung = firstRung;
        List<TrialSpec> runs = new ArrayList<>();
        for (TrialSpec t : trials) runs.add(atRung(t, firstRung, null));
        log(runs);
        return runs;
    }

    @Override
    public List<TrialSpec> next(List<Finished> finished) {
        if (rung + 1 >= halving.rungs().size()) return List.of();
        List<Finished> ranked = rank(finished);
        int keep = Math.min(halving.survivors(finished.size()), ranked.size());
        rung++;
        List<TrialSpec> runs = new ArrayList<>();
        for (Finished f : ranked.subList(0, keep)) {
            TrialSpec base = baseOf.get(f.id());
            if (base == null) throw new IllegalArgumentException("unknown run " + f.id() + " in rung " + (rung - 1));
            TrialSpec run = atRung(base, rung, f.state());
            runs.add(f.state() != null ? run : new TrialSpec(run.id(), run.config(), null, run.rung(),
                    new TrialSpec.StateRef(f.id(), halving.rungs().get(rung - 1)), bracket));
        }
        log(runs);
        return runs;
    }

    /**
     * The runs that may continue (status ok, with a state), best validation accuracy first; ties go to the
     * smaller id, so the choice never depends on the order results arrived in.
     */
    static List<Finished> rank(List<Finished> finished) {
        return finished.stream()
                .filter(f -> f.status() == TrainingStatus.OK && !Double.isNaN(f.valAcc()))
                .sorted(Comparator.comparingDouble(Finished::valAcc).reversed().thenComparing(Finished::id))
                .toList();
    }

    private TrialSpec atRung(TrialSpec base, int r, TrainingState state) {
        TrialSpec run = runAt(halving, base, r, state);
        if (bracket != TrialSpec.NO_BRACKET) run = run.inBracket(bracket);
        baseOf.put(run.id(), base);
        return run;
    }

    /** {@code base} (a trial at its full epochs) as the run that ends at rung {@code r}, named for its epochs. */
    static TrialSpec runAt(Halving halving, TrialSpec base, int r, TrainingState state) {
        TrainConfig config = base.config().withEpochs(halving.rungs().get(r));
        boolean explicitSeed = base.id().equals(TrialName.of(base.config(), true));
        return new TrialSpec(TrialName.of(config, explicitSeed), config, state, r);
    }

    /** Each trial at each rung, without a start state: every run such a sweep can record. */
    static List<TrialSpec> allRuns(Halving halving, List<TrialSpec> trials) {
        List<TrialSpec> runs = new ArrayList<>();
        for (TrialSpec t : trials) {
            for (int r = 0; r < halving.rungs().size(); r++) runs.add(runAt(halving, t, r, null));
        }
        return runs;
    }

    private void log(List<TrialSpec> runs) {
        int epochs = halving.rungs().get(rung) - (rung == firstRung ? 0 : halving.rungs().get(rung - 1));
        epochsSpent += (long) epochs * runs.size();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("rung", rung);
        entry.put("epochs", halving.rungs().get(rung));
        entry.put("trials", runs.size());
        rungLog.add(entry);
    }

    @Override
    public TrialSpec prepared(TrialSpec run) {
        return withState(run, recorded);
    }

    /** {@code run} with the state it refers to read in through {@code recorded}, checked; any other run as it is. */
    static TrialSpec withState(TrialSpec run, RecordedStates recorded) {
        if (run.from() == null) return run;
        TrainingState state = recorded.of(run.from().run());
        if (state.epochs() != run.from().epochs()) {
            throw new IllegalArgumentException("the state of run " + run.from().run() + " has " + state.epochs()
                    + " epoch(s), expected " + run.from().epochs() + "; cannot continue it as " + run.id());
        }
        return run.startingFrom(state);
    }

    @Override
    public int plannedRuns() {
        return halving.runsFrom(trials.size(), firstRung);
    }

    @Override
    public boolean continues() {
        return true;
    }

    /** Epochs trained against the full grid's (every trial to the last rung). */
    @Override
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (bracket != TrialSpec.NO_BRACKET) s.put("bracket", bracket);
        s.put("strategy", "successive halving");
        s.put("rungs", halving.rungs());
        s.put("reduction", halving.reduction());
        s.put("per_rung", List.copyOf(rungLog));
        s.put("epochs_spent", epochsSpent);
        s.put("epochs_full_grid", (long) trials.size() * halving.maxEpochs());
        return s;
    }

    /** The epochs this schedule has trained so far. */
    long epochsSpent() {
        return epochsSpent;
    }

    /** The runs of each rung so far: rung, its epochs and how many trials. */
    List<Map<String, Object>> perRung() {
        return List.copyOf(rungLog);
    }
}
