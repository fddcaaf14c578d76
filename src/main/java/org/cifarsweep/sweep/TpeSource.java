package org.cifarsweep.sweep;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code search = tpe}: new trials proposed by a {@link TreeParzenEstimator} over the distributions of the conf's
 * {@code random {}} block, {@code samples} of them in all.
 *
 * <p>Proposal k draws from its own stream, seeded by the sweep seed and k. It learns from the results at one rung,
 * chosen as BOHB does: the highest rung with at least the estimator's startup trials of results (the first rung a
 * trial reaches, while none has). Trials proposed and not yet back count as bad ("constant liar"), so the proposals
 * that fill several free cores at once spread out. A proposal that repeats a trial already proposed is drawn again
 * from the same stream. So the proposals depend only on the results and the order they came in, which the decision
 * log records, and a resume proposes the same trials again.
 */
final class TpeSource implements TrialSource {
    /** How many draws a proposal may take to find a trial not proposed before; then the source is spent. */
    private static final int MAX_DRAWS = 100;

    private final TreeParzenEstimator estimator;
    private final Map<SearchParam, Object> fixed;
    private final int budget;
    private final long sweepSeed;
    private final boolean shuffle;
    private final org.cifarsweep.model.Precision precision;
    private final int epochs;
    private final Map<String, Map<String, Object>> paramsOf = new HashMap<>();
    private final Map<String, Map<String, Object>> pending = new LinkedHashMap<>();
    private final Set<String> proposed = new HashSet<>();
    private int given;
    private boolean spent;
    private String note = "";

    TpeSource(List<TreeParzenEstimator.Param> space, Map<SearchParam, Object> fixed, int budget, SweepSpec spec,
              int epochs) {
        this.estimator = new TreeParzenEstimator(space, TreeParzenEstimator.Settings.DEFAULT);
        this.fixed = new EnumMap<>(SearchParam.class);
        this.fixed.putAll(fixed);
        this.budget = budget;
        this.sweepSeed = spec.seed();
        this.shuffle = spec.shuffle();
        this.precision = spec.precision();
        this.epochs = epochs;
    }

    /** The TPE search of {@code spec}, read again from its resolved conf's {@code random {}} block. */
    static TpeSource of(SweepSpec spec) {
        ConfigObject root = ConfigFactory.parseString(spec.resolvedConf()).root();
        ConfReader r = new ConfReader(Path.of(spec.name() + ".conf"));
        ConfigObject block = r.object(root.get("random"), "random");
        Map<SearchParam, Dimension> dims = SearchSpace.dimensions(r, block, "random", true, spec.halving() != null);
        Map<SearchParam, Object> fixed = new EnumMap<>(SearchParam.class);
        dims.forEach((p, d) -> {
            if (d.values() != null) fixed.put(p, d.values().get(0));
        });
        int epochs = spec.halving() != null ? spec.halving().maxEpochs() : 0;
        return new TpeSource(TreeParzenEstimator.fromDimensions(dims), fixed, SearchSpace.samples(r, block, "random"),
                spec, epochs);
    }

    @Override
    public TrialSpec next(List<Observation> observed) {
        if (exhausted()) return null;
        int rung = rungToLearnFrom(observed);
        List<TreeParzenEstimator.Trial> finished = finishedAt(rung, observed);
        for (Observation o : observed) pending.remove(o.trial().id());
        note = finished.size() < TreeParzenEstimator.Settings.DEFAULT.startupTrials()
                ? "TPE: a draw from the prior (" + finished.size() + " result(s) at rung " + rung + ")"
                : "TPE: proposed from " + finished.size() + " results at rung " + rung + ", " + pending.size()
                        + " running as liars";
        SplittableRandom rng = new SplittableRandom(SeedDerivation.derived(sweepSeed, "tpe|" + given));
        given++;
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Map<String, Object> proposal = estimator.propose(finished, List.copyOf(pending.values()), rng);
            TrialSpec trial = ConfTrialValues.of(TreeParzenEstimator.point(fixed, proposal), null)
                    .toTrial(sweepSeed, shuffle, precision, epochs);
            if (!proposed.add(trial.id())) continue;
            paramsOf.put(trial.id(), proposal);
            pending.put(trial.id(), proposal);
            return trial;
        }
        spent = true;   // the space has no trial left that was not proposed
        return null;
    }

    /** BOHB's rule: the highest rung with enough results to model, else the lowest rung with any. */
    private static int rungToLearnFrom(List<Observation> observed) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Observation o : observed) counts.merge(o.rung(), 1, Integer::sum);
        int enough = TreeParzenEstimator.Settings.DEFAULT.startupTrials();
        return counts.entrySet().stream().filter(e -> e.getValue() >= enough).mapToInt(Map.Entry::getKey).max()
                .orElse(counts.keySet().stream().mapToInt(Integer::intValue).min().orElse(0));
    }

    /** The results at {@code rung}, in arrival order, as the estimator's trials: loss 1 − val_acc, NaN if not ok. */
    private List<TreeParzenEstimator.Trial> finishedAt(int rung, List<Observation> observed) {
        List<TreeParzenEstimator.Trial> trials = new ArrayList<>();
        for (Observation o : observed) {
            if (o.rung() != rung) continue;
            trials.add(new TreeParzenEstimator.Trial(paramsOf.get(o.trial().id()), o.ok() ? 1 - o.valAcc() : Double.NaN));
        }
        return trials;
    }

    @Override
    public String note() {
        return note;
    }

    @Override
    public boolean exhausted() {
        return spent || given >= budget;
    }

    @Override
    public int size() {
        return budget;
    }

    @Override
    public String describe() {
        return budget + " trials proposed by TPE";
    }
}
