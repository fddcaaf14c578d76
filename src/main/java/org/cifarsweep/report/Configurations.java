package org.cifarsweep.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cifarsweep.results.MeanSd;
import org.cifarsweep.results.ResultsColumns;

/**
 * The configurations of a sweep with {@code repeats = N}: results.csv's rows grouped by their {@code config} column
 * (a file from before that column, or a sweep without repeats, has one row per configuration), with the mean and
 * sample standard deviation of each one's accuracies over its ok repeats. The report ranks them by mean validation
 * accuracy in its table, its heatmap cells, its curves (a band of ± sd around the mean) and beside the assignment.
 */
final class Configurations {

    /**
     * One configuration and its repeats.
     *
     * @param name    the config column: the name of its repeat 1
     * @param repeats its rows, in file order
     */
    record Config(String name, List<ReportedTrial> repeats, int ok, double valMean, double valSd, double testMean,
                  double testSd) {
        /** A repeat's row, for the parameters every repeat shares. */
        ReportedTrial first() {
            return repeats.get(0);
        }

        /** {@code 34.73% ± 0.41}: the mean as a percentage, the sd in points; the mean alone without an sd. */
        static String percent(double mean, double sd) {
            if (!Double.isFinite(sd)) return Numbers.percent(mean);
            return Numbers.percent(mean) + " ± " + Numbers.fixed(100 * sd, 2);
        }

        String val() {
            return percent(valMean, valSd);
        }

        String test() {
            return percent(testMean, testSd);
        }

        static Config of(String name, List<ReportedTrial> repeats) {
            MeanSd val = new MeanSd();
            MeanSd test = new MeanSd();
            int ok = 0;
            for (ReportedTrial r : repeats) {
                if (!r.ok()) continue;
                ok++;
                val.add(r.valAcc());
                test.add(r.testAcc());
            }
            return new Config(name, List.copyOf(repeats), ok, val.mean(), val.sd(), test.mean(), test.sd());
        }
    }

    /** Configurations with an ok repeat first, by mean val_acc descending, then by name: the console's order. */
    static final Comparator<Config> ORDER = Comparator.comparing((Config c) -> !Double.isFinite(c.valMean()))
            .thenComparing(Comparator.comparingDouble((Config c) -> Double.isFinite(c.valMean()) ? c.valMean() : 0)
                    .reversed())
            .thenComparing(Config::name);

    private Configurations() { }

    /** The configuration a row is a repeat of: its config column, or its own name where there is none. */
    static String of(ReportedTrial row) {
        String config = row.value(ResultsColumns.CONFIG).strip();
        return config.isEmpty() ? row.trial() : config;
    }

    /**
     * The configurations of {@code rows}, best mean val_acc first, when some configuration has more than one row;
     * empty otherwise (a sweep without repeats), so that the report then shows what it always did.
     */
    static List<Config> ranked(List<ReportedTrial> rows) {
        Map<String, List<ReportedTrial>> byConfig = new LinkedHashMap<>();
        for (ReportedTrial r : rows) byConfig.computeIfAbsent(of(r), k -> new ArrayList<>()).add(r);
        if (byConfig.size() == rows.size()) return List.of();
        List<Config> configs = new ArrayList<>();
        byConfig.forEach((name, repeats) -> configs.add(Config.of(name, repeats)));
        configs.sort(ORDER);
        return List.copyOf(configs);
    }

    /** One epoch of a configuration's curves: the mean and sd of its repeats' validation accuracy there. */
    record Band(int epoch, int n, double mean, double sd) { }

    /** Per epoch, the mean ± sd of the finite validation accuracies of {@code curves} (one list per repeat). */
    static List<Band> valBands(List<List<CurvePoint>> curves) {
        Map<Integer, MeanSd> byEpoch = new TreeMap<>();
        for (List<CurvePoint> curve : curves) {
            for (CurvePoint p : curve) {
                if (Double.isFinite(p.valAcc())) byEpoch.computeIfAbsent(p.epoch(), e -> new MeanSd()).add(p.valAcc());
            }
        }
        List<Band> bands = new ArrayList<>();
        byEpoch.forEach((epoch, m) -> bands.add(new Band(epoch, (int) m.count(), m.mean(), m.sd())));
        return bands;
    }
}
