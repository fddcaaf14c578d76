package org.cifarsweep.sweep;

import java.io.Serializable;
import java.util.Locale;

/**
 * Which runs keep their {@code weights/<trial>.mat}: every run ({@code all}), the best N {@code ok} runs by
 * validation accuracy ({@code best N}, ties to the smaller trial name), or none ({@code none}). The conf key
 * {@code weights}; {@code train --weights all|none}. It changes no number: resume and successive halving keep their
 * own state, whatever is chosen.
 *
 * @param kind which runs
 * @param best for {@link Kind#BEST}, N ≥ 1; otherwise 0
 */
public record WeightsPolicy(Kind kind, int best) implements Serializable {

    /** The default: the best 100 (about 25 MB of float64 weights); the report pictures the best 50. */
    public static final WeightsPolicy DEFAULT = new WeightsPolicy(Kind.BEST, 100);
    public static final WeightsPolicy ALL = new WeightsPolicy(Kind.ALL, 0);
    public static final WeightsPolicy NONE = new WeightsPolicy(Kind.NONE, 0);
    static final String RULE = "must be all, none, or \"best N\" with N >= 1 (the best N ok runs by val_acc)";

    public enum Kind { ALL, BEST, NONE }

    public WeightsPolicy {
        if (kind == null) throw new IllegalArgumentException("weights: a policy needs a kind");
        if (kind == Kind.BEST && best < 1) {
            throw new IllegalArgumentException("'best " + best + "' " + RULE);
        }
        if (kind != Kind.BEST && best != 0) throw new IllegalArgumentException("only 'best N' takes a count");
    }

    /** {@code all}, {@code none} or {@code best N} (case and spaces around words ignored). */
    public static WeightsPolicy parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all")) return ALL;
        if (t.equals("none")) return NONE;
        String[] words = t.split("\\s+");
        if (words.length == 2 && words[0].equals("best") && words[1].matches("[+-]?\\d{1,9}")) {
            return new WeightsPolicy(Kind.BEST, Integer.parseInt(words[1]));
        }
        throw new IllegalArgumentException("'" + text + "' " + RULE);
    }

    /** Whether {@code rank} (0 for the best ok run) keeps its weights; failed and diverged runs count as unranked. */
    public boolean keepsRank(int rank) {
        return kind == Kind.ALL || (kind == Kind.BEST && rank < best);
    }

    @Override
    public String toString() {
        return kind == Kind.BEST ? "best " + best : kind.name().toLowerCase(Locale.ROOT);
    }
}
