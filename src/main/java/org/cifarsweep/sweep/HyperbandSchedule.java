package org.cifarsweep.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Synchronous Hyperband: brackets of synchronous successive halving ({@link HalvingSchedule}) over the same rungs,
 * bracket b starting its trials at rung b, run side by side: each job holds every bracket's next rung, and each
 * bracket keeps the best ⌊n / reduction⌋ of its own runs. The trials, in the sweep's seeded order (the order
 * asynchronous Hyperband starts them in), are dealt to the brackets in Hyperband's proportions ({@link
 * BracketDealer}), so a trial has the same bracket in both modes. Which trials go on never depends on the order
 * results arrive in.
 */
final class HyperbandSchedule implements Schedule {
    private final Halving halving;
    private final List<HalvingSchedule> brackets = new ArrayList<>();
    private final Map<String, Integer> bracketOf = new HashMap<>();
    private final int trials;
    private final RecordedStates recorded;

    HyperbandSchedule(Halving halving, List<TrialSpec> trials, long sweepSeed, RecordedStates recorded) {
        this.halving = halving;
        this.trials = trials.size();
        this.recorded = recorded;
        List<List<TrialSpec>> dealt = new ArrayList<>();
        for (int b = 0; b < halving.brackets(); b++) dealt.add(new ArrayList<>());
        BracketDealer dealer = new BracketDealer(halving);
        TrialSource order = TrialSource.shuffled(trials, sweepSeed);
        for (TrialSpec t = order.next(List.of()); t != null; t = order.next(List.of())) dealt.get(dealer.next()).add(t);
        for (int b = 0; b < halving.brackets(); b++) brackets.add(new HalvingSchedule(halving, dealt.get(b), recorded, b, b));
    }

    @Override
    public List<TrialSpec> first() {
        List<TrialSpec> runs = new ArrayList<>();
        for (int b = 0; b < brackets.size(); b++) runs.addAll(placed(b, brackets.get(b).first()));
        return runs;
    }

    @Override
    public List<TrialSpec> next(List<Finished> finished) {
        List<List<Finished>> byBracket = new ArrayList<>();
        for (int b = 0; b < brackets.size(); b++) byBracket.add(new ArrayList<>());
        for (Finished f : finished) {
            Integer b = bracketOf.get(f.id());
            if (b == null) throw new IllegalArgumentException("unknown run " + f.id());
            byBracket.get(b).add(f);
        }
        List<TrialSpec> runs = new ArrayList<>();
        for (int b = 0; b < brackets.size(); b++) {
            // A bracket with no run in this job has ended (or never had a trial): nothing to decide.
            if (!byBracket.get(b).isEmpty()) runs.addAll(placed(b, brackets.get(b).next(byBracket.get(b))));
        }
        return runs;
    }

    private List<TrialSpec> placed(int bracket, List<TrialSpec> runs) {
        for (TrialSpec run : runs) bracketOf.put(run.id(), bracket);
        return runs;
    }

    @Override
    public TrialSpec prepared(TrialSpec run) {
        return HalvingSchedule.withState(run, recorded);
    }

    @Override
    public int plannedRuns() {
        return brackets.stream().mapToInt(HalvingSchedule::plannedRuns).sum();
    }

    @Override
    public boolean continues() {
        return true;
    }

    @Override
    public Map<String, Object> summary() {
        int[] runs = new int[halving.rungs().size()];
        long epochs = 0;
        for (HalvingSchedule bracket : brackets) {
            epochs += bracket.epochsSpent();
            for (Map<String, Object> rung : bracket.perRung()) runs[(Integer) rung.get("rung")] += (Integer) rung.get("trials");
        }
        return halving.summary("Hyperband", runs, epochs, trials);
    }
}
