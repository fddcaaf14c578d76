package org.cifarsweep.report;

import static org.cifarsweep.results.ResultsColumns.DECAY;
import static org.cifarsweep.results.ResultsColumns.ETA;
import static org.cifarsweep.results.ResultsColumns.FLIP;
import static org.cifarsweep.results.ResultsColumns.LAMBDA;
import static org.cifarsweep.results.ResultsColumns.LOSS;
import static org.cifarsweep.results.ResultsColumns.N_BATCH;
import static org.cifarsweep.results.ResultsColumns.N_EPOCHS;
import static org.cifarsweep.results.ResultsColumns.RUNG;
import static org.cifarsweep.results.ResultsColumns.SHUFFLE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shape of a search, read from results.csv alone (and, for log axes, from the conf that provenance.json records):
 * which parameters vary (a column with more than one distinct value), how many levels each has, which want a log
 * axis, and whether the trials cover the full product of the levels (a grid). The report picks its sweep plots by
 * it: heatmaps for a grid of few levels, scatters for continuous or many-level parameters.
 */
final class SearchSpace {
    /** A parameter of at most this many distinct values is a few-level one (a grid's dimension, a choice). */
    static final int FEW_LEVELS = 12;
    /** A positive parameter whose largest value is more than this many times its smallest gets a log axis. */
    static final double LOG_SPAN = 100;

    /** A parameter as results.csv has it: a number (η, λ, batch, epochs, flip) or a word (loss, decay, shuffle). */
    enum Kind { NUMBER, WORD }

    /**
     * One parameter of the trials.
     *
     * @param column  its results.csv column
     * @param label   how the plots name it
     * @param kind    a number or a word
     * @param numbers its distinct values, ascending (numbers)
     * @param words   its distinct values, sorted (words)
     * @param log     whether its axis is logarithmic: sampled log-uniformly, or positive and spanning more than two
     *                decades
     */
    record Parameter(String column, String label, Kind kind, List<Double> numbers, List<String> words, boolean log) {
        int levels() {
            return kind == Kind.NUMBER ? numbers.size() : words.size();
        }

        boolean few() {
            return levels() <= FEW_LEVELS;
        }

        boolean varies() {
            return levels() > 1;
        }

        /** The trial's value, as a number (a word's index among the words). NaN when it has none. */
        double value(ReportedTrial r) {
            if (kind == Kind.NUMBER) return Definition.of(column).number.apply(r);
            int i = java.util.Collections.binarySearch(words, Definition.of(column).word.apply(r));
            return i >= 0 ? i : Double.NaN;
        }

        /** The index of the trial's value among the levels, or -1. */
        int level(ReportedTrial r) {
            if (kind == Kind.WORD) {
                double v = value(r);
                return Double.isNaN(v) ? -1 : (int) v;
            }
            double v = value(r);
            if (Double.isNaN(v)) return -1;
            int i = java.util.Collections.binarySearch(numbers, v);
            return i >= 0 ? i : -1;
        }

        /** A level's name: 0.001, 100, cross-entropy. */
        String levelName(int i) {
            return kind == Kind.NUMBER ? Numbers.plain(numbers.get(i)) : words.get(i);
        }
    }

    /** How a column is read from a row. */
    private record Definition(String column, String label, Kind kind, Function<ReportedTrial, Double> number,
                              Function<ReportedTrial, String> word) {
        static final List<Definition> ALL = List.of(
                number(ETA, "η (learning rate)", ReportedTrial::eta),
                number(LAMBDA, "λ (L2 penalty)", ReportedTrial::lambda),
                number(N_BATCH, "batch size", r -> r.nBatch() < 0 ? Double.NaN : (double) r.nBatch()),
                number(N_EPOCHS, "epochs", r -> r.nEpochs() < 0 ? Double.NaN : (double) r.nEpochs()),
                word(LOSS, "loss", ReportedTrial::lossName),
                number(FLIP, "flip probability", r -> Numbers.parse(r.value(FLIP))),
                word(DECAY, "learning-rate decay", r -> blankAs(r.value(DECAY), "none")),
                word(SHUFFLE, "shuffle", r -> blankAs(r.value(SHUFFLE), "false")));

        static Definition number(String column, String label, Function<ReportedTrial, Double> read) {
            return new Definition(column, label, Kind.NUMBER, read, null);
        }

        static Definition word(String column, String label, Function<ReportedTrial, String> read) {
            return new Definition(column, label, Kind.WORD, null, read);
        }

        static Definition of(String column) {
            for (Definition d : ALL) if (d.column.equals(column)) return d;
            throw new IllegalArgumentException(column);
        }

        private static String blankAs(String value, String blank) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            return v.isEmpty() ? blank : v;
        }
    }

    private final List<ReportedTrial> rows;
    private final List<Parameter> varying;

    private SearchSpace(List<ReportedTrial> rows, List<Parameter> varying) {
        this.rows = rows;
        this.varying = varying;
    }

    /**
     * The space of {@code rows}; {@code logUniform} names the parameters the conf sampled log-uniformly (their axes
     * are logarithmic whatever their span).
     */
    static SearchSpace of(List<ReportedTrial> rows, Set<String> logUniform) {
        List<Parameter> varying = new ArrayList<>();
        for (Definition d : Definition.ALL) {
            Parameter p = parameter(d, rows, logUniform.contains(d.column));
            if (p.varies()) varying.add(p);
        }
        return new SearchSpace(List.copyOf(rows), List.copyOf(varying));
    }

    private static Parameter parameter(Definition d, List<ReportedTrial> rows, boolean logUniform) {
        if (d.kind == Kind.WORD) {
            TreeSet<String> words = new TreeSet<>();
            for (ReportedTrial r : rows) words.add(d.word.apply(r));
            return new Parameter(d.column, d.label, d.kind, List.of(), List.copyOf(words), false);
        }
        TreeSet<Double> numbers = new TreeSet<>();
        for (ReportedTrial r : rows) {
            double v = d.number.apply(r);
            if (Double.isFinite(v)) numbers.add(v + 0.0);
        }
        boolean positive = !numbers.isEmpty() && numbers.first() > 0;
        boolean log = positive && (logUniform || numbers.last() / numbers.first() > LOG_SPAN);
        return new Parameter(d.column, d.label, d.kind, List.copyOf(numbers), List.of(), log);
    }

    /** The parameters with more than one value, in the conf's order (η, λ, batch, epochs, loss, flip, decay, shuffle). */
    List<Parameter> varying() {
        return varying;
    }

    List<ReportedTrial> rows() {
        return rows;
    }

    /** The varying parameter of that column, or null. */
    Parameter parameter(String column) {
        for (Parameter p : varying) if (p.column().equals(column)) return p;
        return null;
    }

    /** Whether every varying parameter has few levels and the rows hold every combination of them. */
    boolean fullGrid() {
        if (varying.isEmpty()) return !rows.isEmpty();
        long cells = 1;
        for (Parameter p : varying) {
            if (!p.few()) return false;
            cells *= p.levels();
            if (cells > 1_000_000) return false;
        }
        if (cells > rows.size()) return false;
        Set<Long> seen = new HashSet<>();
        for (ReportedTrial r : rows) {
            long cell = 0;
            for (Parameter p : varying) {
                int level = p.level(r);
                if (level < 0) return false;
                cell = cell * p.levels() + level;
            }
            seen.add(cell);
        }
        return seen.size() == cells;
    }

    /**
     * For a successive-halving sweep (more than one rung in results.csv), its first rung: every configuration, each
     * trained for the same epochs, which is what comparing configurations needs. Otherwise the rows as they are.
     */
    static List<ReportedTrial> firstRung(List<ReportedTrial> rows) {
        TreeSet<Integer> rungs = new TreeSet<>();
        for (ReportedTrial r : rows) {
            int rung = Numbers.parseInt(r.value(RUNG));
            if (rung >= 0) rungs.add(rung);
        }
        if (rungs.size() < 2) return rows;
        int first = rungs.first();
        return rows.stream().filter(r -> Numbers.parseInt(r.value(RUNG)) == first).toList();
    }

    /** Whether results.csv holds more than one halving rung. */
    static boolean halving(List<ReportedTrial> rows) {
        return firstRung(rows).size() != rows.size();
    }
}
