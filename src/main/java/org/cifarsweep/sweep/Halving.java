package org.cifarsweep.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * Successive halving: every trial trains for {@code rungs[0]} epochs; the best 1/{@code reduction} of a rung's
 * trials by validation accuracy continue, from where they stopped, to the next rung's epochs.
 *
 * <p>{@link Mode#SYNC} waits for every trial of a rung and keeps its best ⌊n / reduction⌋ (at least one): the set of
 * trials is reproducible. {@link Mode#ASYNC} is ASHA (Li et al., MLSys 2020): a trial is promoted as soon as it is
 * in the top ⌊n / reduction⌋ of the n results its rung has so far, so no core waits at a rung; which trials go on
 * may then depend on the order results arrive in, and each decision is logged ({@link Decision}).
 *
 * <p>With {@code brackets} &gt; 1 it is Hyperband (Li et al., JMLR 2018) over the same rungs: bracket b starts its
 * trials at rung b, so the brackets trade more trials for fewer epochs each; the trials are dealt to the brackets in
 * Hyperband's proportions ({@link #bracketSizes}).
 *
 * @param rungs     cumulative epochs at the end of each rung, strictly increasing, each ≥ 1
 * @param reduction how many trials a rung keeps one of, ≥ 2
 * @param mode      wait for each rung, or promote as results arrive
 * @param brackets  1 for successive halving; 2 to {@code rungs.size()} for Hyperband
 */
public record Halving(List<Integer> rungs, int reduction, Mode mode, int brackets) implements Serializable {
    public static final int DEFAULT_REDUCTION = 3;

    /** When a rung's trials go on: when the whole rung is in, or as each result arrives. */
    public enum Mode {
        SYNC, ASYNC;

        /** {@code sync} or {@code async}. */
        public static Mode parse(String s) {
            return switch (s) {
                case "sync" -> SYNC;
                case "async" -> ASYNC;
                default -> throw new IllegalArgumentException("'" + s + "' is not one of sync, async");
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Synchronous successive halving. */
    public Halving(List<Integer> rungs, int reduction) {
        this(rungs, reduction, Mode.SYNC, 1);
    }

    public Halving {
        java.util.Objects.requireNonNull(mode, "mode");
        rungs = List.copyOf(rungs);
        if (rungs.isEmpty()) throw new IllegalArgumentException("halving needs at least one rung");
        for (int i = 0; i < rungs.size(); i++) {
            if (rungs.get(i) < 1) throw new IllegalArgumentException("rungs[" + i + "] " + rungs.get(i) + " must be >= 1");
            if (i > 0 && rungs.get(i) <= rungs.get(i - 1)) {
                throw new IllegalArgumentException("rungs[" + i + "] " + rungs.get(i) + " must be > rungs[" + (i - 1)
                        + "] " + rungs.get(i - 1) + " (epochs at the end of each rung, increasing)");
            }
        }
        if (reduction < 2) throw new IllegalArgumentException("reduction " + reduction + " must be >= 2");
        if (brackets < 1 || brackets > rungs.size()) {
            throw new IllegalArgumentException("brackets " + brackets + " must be in [1, " + rungs.size()
                    + "] (one per rung at most)");
        }
    }

    /** Whether this is Hyperband: several brackets. */
    public boolean hyperband() {
        return brackets > 1;
    }

    /**
     * How many trials each bracket gets per Hyperband round, bracket b starting at rung b: with s = R − 1 − b
     * halvings left (R rungs), ⌈R / (s + 1) · reduction^s⌉, Hyperband's n for that bracket. One bracket: {1}.
     */
    public int[] bracketSizes() {
        int[] sizes = new int[brackets];
        int r = rungs.size();
        for (int b = 0; b < brackets; b++) {
            int s = r - 1 - b;
            sizes[b] = brackets == 1 ? 1 : (int) Math.ceil((double) r / (s + 1) * Math.pow(reduction, s));
        }
        return sizes;
    }

    /** The epochs a trial reaches in its last rung: what every trial would train for in the full grid. */
    public int maxEpochs() {
        return rungs.get(rungs.size() - 1);
    }

    /** The rung that trains epoch {@code epoch} (1-based): the first whose end is at or after it. */
    public int rungOf(int epoch) {
        for (int r = 0; r < rungs.size(); r++) {
            if (epoch <= rungs.get(r)) return r;
        }
        throw new IllegalArgumentException("epoch " + epoch + " is after the last rung's " + maxEpochs());
    }

    /** The runs synchronous halving of {@code n} trials takes from rung {@code first} on: n, then its survivors… */
    public int runsFrom(int n, int first) {
        int runs = 0;
        for (int k = first; k < rungs.size() && n > 0; k++, n = survivors(n)) runs += n;
        return runs;
    }

    /**
     * provenance.json's {@code search} section of a halving sweep: {@code strategy}, the rungs, the reduction, the
     * brackets (Hyperband), {@code per_rung} (each rung's epochs and how many runs it had), {@code epochs_spent}
     * and {@code epochs_full_grid} (every one of {@code trials} trials to the last rung).
     */
    public java.util.Map<String, Object> summary(String strategy, int[] runsPerRung, long epochsSpent, int trials) {
        java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
        s.put("strategy", strategy);
        s.put("rungs", rungs);
        s.put("reduction", reduction);
        if (hyperband()) s.put("brackets", brackets);
        List<java.util.Map<String, Object>> perRung = new java.util.ArrayList<>();
        for (int k = 0; k < runsPerRung.length; k++) {
            if (runsPerRung[k] == 0) continue;
            java.util.Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("rung", k);
            entry.put("epochs", rungs.get(k));
            entry.put("trials", runsPerRung[k]);
            perRung.add(entry);
        }
        s.put("per_rung", perRung);
        s.put("epochs_spent", epochsSpent);
        s.put("epochs_full_grid", (long) trials * maxEpochs());
        return s;
    }

    /** How many of {@code n} trials of a rung go on to the next one: ⌊n / reduction⌋, at least 1. */
    public int survivors(int n) {
        return n == 0 ? 0 : Math.max(1, n / reduction);
    }
}
