package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainingStatus;
import org.junit.jupiter.api.Test;

/** The closing table of a sweep with repeats: configurations by mean val_acc, with mean ± sd. */
class RepeatsRankingTest {

    /** Repeat {@code k} of configuration {@code c}: named as the sweep names it. */
    static ResultsRow row(int c, int k, TrainingStatus status, double valAcc, double testAcc) {
        TrainConfig config = new TrainConfig(0.001 * (c + 1), 0.1, 100, 2, 1000L * c + k, false, Precision.DOUBLE);
        String name = "c" + c + (k == 1 ? "" : "_rep" + k);
        return new ResultsRow(name, config, "scale", "default", status, 2.1, 0.25, 2.2, 2.15, valAcc, 2.25,
                testAcc, 2, 1.5, "host", "0", "", -1);
    }

    @Test
    void meanAndSampleSdAreTheHandComputedOnes() {
        // 0.30, 0.32, 0.34, 0.36: mean 0.33; squared deviations 0.0009 + 0.0001 + 0.0001 + 0.0009 = 0.002;
        // sample variance 0.002 / 3, sd 0.0258199 (to 7 digits).
        MeanSd m = new MeanSd();
        for (double x : new double[] {0.30, 0.34, Double.NaN, 0.32, 0.36}) m.add(x);
        assertEquals(4, m.count());
        assertEquals(0.33, m.mean(), 1e-15);
        assertEquals(0.0258199, m.sd(), 1e-7);
        MeanSd one = new MeanSd();
        one.add(0.5);
        assertEquals(0.5, one.mean());
        assertTrue(Double.isNaN(one.sd()), "no sd of one number");
        assertEquals("0.3300 ± 0.0258", MeanSd.format(m.mean(), m.sd()));
        assertEquals("0.5000", MeanSd.format(one.mean(), one.sd()));
    }

    @Test
    void configurationsAreRankedByMeanValidationAccuracyWithMeanAndSd() {
        List<ResultsRow> rows = new ArrayList<>();
        // c0: val 0.30, 0.34, 0.32 (mean 0.32, sd 0.02); test 0.31, 0.29, 0.30 (mean 0.30, sd 0.01).
        rows.add(row(0, 1, TrainingStatus.OK, 0.30, 0.31));
        rows.add(row(0, 2, TrainingStatus.OK, 0.34, 0.29));
        rows.add(row(0, 3, TrainingStatus.OK, 0.32, 0.30));
        // c1: one repeat diverged; the ok ones 0.40 and 0.30 (mean 0.35, sd 0.0707107): ranked above c0 by mean,
        // though its best single run (0.40) would rank either way.
        rows.add(row(1, 1, TrainingStatus.OK, 0.40, 0.38));
        rows.add(row(1, 2, TrainingStatus.DIVERGED, Double.NaN, Double.NaN));
        rows.add(row(1, 3, TrainingStatus.OK, 0.30, 0.28));
        // c2: the best single run (0.45) but the lowest mean (0.25).
        rows.add(row(2, 1, TrainingStatus.OK, 0.45, 0.44));
        rows.add(row(2, 2, TrainingStatus.OK, 0.05, 0.06));
        rows.add(row(2, 3, TrainingStatus.OK, 0.25, 0.25));
        // c3: all failed, last.
        for (int k = 1; k <= 3; k++) rows.add(row(3, k, TrainingStatus.FAILED, Double.NaN, Double.NaN));
        Collections.shuffle(rows, new Random(3));

        RankedTable.Ranking ranking = new RankedTable.Ranking(3);
        rows.forEach(ranking::add);
        List<RankedTable.Group> groups = ranking.shownGroups();
        assertEquals(List.of("c1", "c0", "c2", "c3"), groups.stream().map(RankedTable.Group::config).toList());
        assertEquals(0.35, groups.get(0).valMean(), 1e-15);
        assertEquals(Math.sqrt(0.005), groups.get(0).valSd(), 1e-15);
        assertEquals(0.32, groups.get(1).valMean(), 1e-15);
        assertEquals(0.02, groups.get(1).valSd(), 1e-15);
        assertEquals(0.30, groups.get(1).testMean(), 1e-15);
        assertEquals(0.01, groups.get(1).testSd(), 1e-15);
        assertEquals(2, groups.get(0).ok());
        assertEquals(3, groups.get(0).runs());

        List<String> lines = RankedTable.format(ranking).lines().toList();
        assertEquals(5, lines.size());
        assertTrue(lines.get(0).contains("val_acc mean ± sd") && lines.get(0).contains("test_acc mean ± sd"), lines.get(0));
        assertTrue(lines.get(1).startsWith("   1  0.002 "), lines.get(1));
        assertTrue(lines.get(1).contains("  2/3  0.3500 ± 0.0707    0.3300 ± 0.0707"), lines.get(1));
        assertTrue(lines.get(2).contains("  3/3  0.3200 ± 0.0200    0.3000 ± 0.0100"), lines.get(2));
        assertTrue(lines.get(4).contains("  0/3  NaN"), lines.get(4));
        assertEquals("12 trials (4 configurations × 3 seeds): 8 ok, 1 diverged, 3 failed", RankedTable.summary(ranking));
        assertNull(RankedTable.rest(ranking, "r.csv", "p.html"));
    }

    /** Memory stays flat: a configuration's sums are dropped once its repeats are in, unless it is among the best. */
    @Test
    void aLargeSweepHoldsTheBestConfigurationsAndThoseStillMissingRepeats() {
        RankedTable.Ranking ranking = new RankedTable.Ranking(5);
        int configs = 5_000;
        Random random = new Random(11);
        double bestMean = -1;
        int best = -1;
        for (int c = 0; c < configs; c++) {
            double sum = 0;
            for (int k = 1; k <= 5; k++) {
                double val = random.nextInt(10_000) / 10_000.0;
                sum += val;
                ranking.add(row(c, k, TrainingStatus.OK, val, val));
            }
            if (sum / 5 > bestMean) {
                bestMean = sum / 5;
                best = c;
            }
            assertTrue(ranking.held() <= RankedTable.FULL_TABLE_ROWS, "held " + ranking.held() + " after " + c);
        }
        // One configuration with 2 of its 5 repeats: held until the rest come.
        ranking.add(row(configs, 1, TrainingStatus.OK, 0.1, 0.1));
        ranking.add(row(configs, 2, TrainingStatus.OK, 0.1, 0.1));
        assertEquals(RankedTable.FULL_TABLE_ROWS + 1, ranking.held());
        assertEquals("25002 trials (5001 configurations, up to 5 seeds each): 25002 ok, 0 diverged, 0 failed",
                RankedTable.summary(ranking));
        List<RankedTable.Group> shown = ranking.shownGroups();
        assertEquals(RankedTable.TOP_ROWS, shown.size());
        assertEquals("c" + best, shown.get(0).config());
        assertEquals(bestMean, shown.get(0).valMean(), 1e-12);
        assertEquals("… 4981 more configurations not shown: every trial is in r.csv, ranked in p.html",
                RankedTable.rest(ranking, "r.csv", "p.html"));
    }

    @Test
    void withoutRepeatsTheTableIsTheRunsTable() {
        List<ResultsRow> rows = List.of(row(0, 1, TrainingStatus.OK, 0.3, 0.3), row(1, 1, TrainingStatus.OK, 0.4, 0.4));
        RankedTable.Ranking one = new RankedTable.Ranking(1);
        rows.forEach(one::add);
        assertEquals(RankedTable.format(RankedTable.of(rows)), RankedTable.format(one));
        assertEquals("2 trials: 2 ok, 0 diverged, 0 failed", RankedTable.summary(one));
    }
}
