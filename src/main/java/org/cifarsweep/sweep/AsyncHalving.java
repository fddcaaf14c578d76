package org.cifarsweep.sweep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cifarsweep.train.TrainingStatus;

/**
 * Asynchronous successive halving (ASHA, Li et al., "A System for Massively Parallel Hyperparameter Tuning", MLSys
 * 2020), and with several brackets asynchronous Hyperband, over {@link Halving}'s rungs.
 *
 * <p>Whenever a core is free, {@link #start} looks for a promotion first, from the highest rung down: a run of rung
 * k whose validation accuracy is in the top ⌊n / reduction⌋ of the n results its bracket has at rung k so far, and
 * that has not gone on yet, continues to rung k + 1 from its saved state. Failing that, the next trial of the
 * {@link TrialSource} starts at its bracket's first rung. No run waits for a rung to fill. Ties rank by run name.
 *
 * <p>Each decision and each result comes out as a {@link Decision}. Given the same results in the same order, the
 * decisions are the same: {@link #replay} feeds a recorded log back and checks each decision against it, and the
 * runs it had started without a result are started again first.
 */
final class AsyncHalving implements AsyncSchedule {
    private static final Comparator<Result> BEST_FIRST =
            Comparator.comparingDouble(Result::valAcc).reversed().thenComparing(Result::run);

    private final Halving halving;
    /** No halving: every trial runs in full, as the source gives it, one rung of its own. */
    private final boolean rungless;
    private final TrialSource source;
    private final RecordedStates recorded;
    private final BracketDealer dealer;
    /** The ok results of each bracket at each rung, best first, and how many results (any status) each has. */
    private final List<List<TreeSet<Result>>> ranked = new ArrayList<>();
    private final int[][] resultCounts;
    private final Set<String> promoted = new HashSet<>();
    /** The runs started and not finished, by name. */
    private final Map<String, TrialSpec> running = new LinkedHashMap<>();
    private final Map<String, Placed> placeOf = new HashMap<>();
    private final Deque<TrialSpec> restart = new ArrayDeque<>();
    /** The most trials each bracket can get from the source: the most results any of its rungs can have. */
    private final int[] maxTrials;
    private final List<String> released = new ArrayList<>();
    private final List<TrialSource.Observation> observed = new ArrayList<>();
    private final int[] runsPerRung;
    private int trialsStarted;
    private long epochsSpent;

    /** Where a run sits: its trial at full epochs, its bracket and rung. */
    private record Placed(TrialSpec trial, int bracket, int rung) { }

    private record Result(String run, double valAcc) { }

    /** @param halving the rungs, or null to run each trial in full as it comes (TPE without halving) */
    AsyncHalving(Halving halving, TrialSource source, RecordedStates recorded) {
        this.rungless = halving == null;
        this.halving = halving != null ? halving : new Halving(List.of(1), Halving.DEFAULT_REDUCTION, Halving.Mode.ASYNC, 1);
        this.source = source;
        this.recorded = recorded;
        this.dealer = new BracketDealer(this.halving);
        this.maxTrials = BracketDealer.counts(this.halving, source.size());
        int rungs = this.halving.rungs().size();
        for (int b = 0; b < this.halving.brackets(); b++) {
            List<TreeSet<Result>> perRung = new ArrayList<>();
            for (int k = 0; k < rungs; k++) perRung.add(new TreeSet<>(BEST_FIRST));
            ranked.add(perRung);
        }
        resultCounts = new int[this.halving.brackets()][rungs];
        runsPerRung = new int[rungs];
    }

    @Override
    public Start start() {
        if (!restart.isEmpty()) return new Start(restart.poll(), null);
        Start promotion = promote();
        if (promotion != null) return promotion;
        TrialSpec trial = source.next(java.util.Collections.unmodifiableList(observed));
        if (trial == null) return null;
        int bracket = dealer.next();
        trialsStarted++;
        TrialSpec run = rungless ? trial : HalvingSchedule.runAt(halving, trial, bracket, null);
        if (halving.hyperband()) run = run.inBracket(bracket);
        String seen = (rungless ? "" : "no run can go on; ") + "trial " + trialsStarted + " of " + source.size()
                + (halving.hyperband() ? ", bracket " + bracket : "") + (source.note().isEmpty() ? "" : "; " + source.note());
        return new Start(begin(run, new Placed(trial, bracket, bracket)),
                new Decision(Decision.Event.START, run.id(), trial.id(), bracket, bracket, null, Double.NaN, seen));
    }

    /** The best run not yet promoted among the top ⌊n / reduction⌋ of a rung, highest rung first; null if none. */
    private Start promote() {
        for (int k = halving.rungs().size() - 2; k >= 0; k--) {
            for (int b = 0; b < halving.brackets() && b <= k; b++) {
                int top = resultCounts[b][k] / halving.reduction();
                int rank = 0;
                for (Result r : ranked.get(b).get(k)) {
                    if (++rank > top) break;
                    if (promoted.contains(r.run())) continue;
                    promoted.add(r.run());
                    Placed from = placeOf.get(r.run());
                    TrialSpec next = HalvingSchedule.runAt(halving, from.trial(), k + 1, null);
                    TrialSpec run = new TrialSpec(next.id(), next.config(), null, k + 1,
                            new TrialSpec.StateRef(r.run(), halving.rungs().get(k)),
                            halving.hyperband() ? b : TrialSpec.NO_BRACKET);
                    String seen = String.format(java.util.Locale.ROOT,
                            "%s was %s of %d result(s) at rung %d%s (val_acc %.4f); the top %d go on", r.run(),
                            ordinal(rank), resultCounts[b][k], k, halving.hyperband() ? " of bracket " + b : "",
                            r.valAcc(), top);
                    return new Start(begin(run, new Placed(from.trial(), b, k + 1)),
                            new Decision(Decision.Event.PROMOTE, run.id(), from.trial().id(), k + 1, b, null,
                                    Double.NaN, seen));
                }
            }
        }
        return null;
    }

    private TrialSpec begin(TrialSpec run, Placed place) {
        placeOf.put(run.id(), place);
        running.put(run.id(), run);
        runsPerRung[place.rung()]++;
        epochsSpent += run.config().nEpochs() - run.startEpochs();
        return run;
    }

    @Override
    public Decision finished(Finished f) {
        TrialSpec run = running.remove(f.id());
        if (run == null) throw new IllegalArgumentException("run " + f.id() + " is not running");
        Placed place = placeOf.get(f.id());
        boolean ok = f.status() == TrainingStatus.OK && !Double.isNaN(f.valAcc());
        resultCounts[place.bracket()][place.rung()]++;
        if (ok) {
            TreeSet<Result> rung = ranked.get(place.bracket()).get(place.rung());
            Result result = new Result(f.id(), f.valAcc());
            rung.add(result);
            releaseBeyondHope(rung, place, result);
        }
        observed.add(new TrialSource.Observation(place.trial(), place.rung(), f.valAcc(), ok));
        return new Decision(Decision.Event.RESULT, f.id(), place.trial().id(), place.rung(), place.bracket(),
                f.status(), f.valAcc(), "");
    }

    /**
     * A rung of bracket b can have at most as many results as trials the source deals to b, so a run ranked below
     * the top ⌊that / reduction⌋ can never go on: its state is no longer needed. Each result pushes at most one run
     * past that line (the one just above it, or the new one itself), and runs never move back up. A promoted run
     * keeps its state until its continuation is recorded.
     */
    private void releaseBeyondHope(TreeSet<Result> rung, Placed place, Result arrived) {
        if (place.rung() >= halving.rungs().size() - 1) return;
        int cutoff = maxTrials[place.bracket()] / halving.reduction();
        if (rung.size() <= cutoff) return;
        Result beyond = rung.stream().skip(cutoff).findFirst().orElseThrow();
        Result hopeless = BEST_FIRST.compare(arrived, beyond) > 0 ? arrived : beyond;
        if (!promoted.contains(hopeless.run())) released.add(hopeless.run());
    }

    @Override
    public List<String> released() {
        List<String> runs = List.copyOf(released);
        released.clear();
        return runs;
    }

    @Override
    public boolean done() {
        if (!running.isEmpty() || !restart.isEmpty() || !source.exhausted()) return false;
        for (int k = halving.rungs().size() - 2; k >= 0; k--) {
            for (int b = 0; b < halving.brackets() && b <= k; b++) {
                int top = resultCounts[b][k] / halving.reduction();
                if (ranked.get(b).get(k).stream().limit(top).anyMatch(r -> !promoted.contains(r.run()))) return false;
            }
        }
        return true;
    }

    /**
     * Replays a recorded log: each result is fed back in order and each decision made again and checked against
     * the log's. The runs the log started without a result start again first, before any new decision.
     *
     * @throws IllegalArgumentException naming the first line whose decision differs (another conf or version)
     */
    void replay(List<Decision> log) {
        int line = 1; // the header
        for (Decision d : log) {
            line++;
            if (d.event() == Decision.Event.RESULT) {
                if (!running.containsKey(d.run())) {
                    throw new IllegalArgumentException("line " + line + ": result of " + d.run() + ", which the log "
                            + "did not start");
                }
                finished(new Finished(d.run(), d.status(), d.valAcc(), null));
                continue;
            }
            Start s = start();
            String again = s == null ? "nothing to start" : s.decision().event() + " " + s.run().id();
            if (s == null || s.decision().event() != d.event() || !s.run().id().equals(d.run())) {
                throw new IllegalArgumentException("line " + line + ": the log says " + d.event() + " " + d.run()
                        + ", but replaying its results gives " + again + " (was the conf changed?)");
            }
        }
        restart.addAll(running.values());
    }

    /** The runs a replayed log started without a result: they start again, first. */
    List<TrialSpec> restarting() {
        return List.copyOf(restart);
    }

    @Override
    public TrialSpec prepared(TrialSpec run) {
        return HalvingSchedule.withState(run, recorded);
    }

    /** An estimate for the progress line: as many runs as synchronous halving of each bracket's trials takes. */
    @Override
    public int plannedRuns() {
        int[] perBracket = BracketDealer.counts(halving, source.size());
        int runs = 0;
        for (int b = 0; b < perBracket.length; b++) runs += halving.runsFrom(perBracket[b], b);
        return runs;
    }

    @Override
    public boolean continues() {
        return true;
    }

    @Override
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        if (rungless) {
            s.put("strategy", "asynchronous search");
            s.put("trials", source.describe());
            s.put("epochs_spent", epochsSpent);
            return s;
        }
        s.putAll(halving.summary(halving.hyperband() ? "asynchronous Hyperband" : "asynchronous successive halving (ASHA)",
                runsPerRung, epochsSpent, source.size()));
        s.put("trials", source.describe());
        return s;
    }

    private static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13 ? "th"
                : switch (n % 10) { case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th"; };
        return n + suffix;
    }
}
