package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cifarsweep.sweep.TreeParzenEstimator.Categorical;
import org.cifarsweep.sweep.TreeParzenEstimator.Numeric;
import org.cifarsweep.sweep.TreeParzenEstimator.Param;
import org.cifarsweep.sweep.TreeParzenEstimator.Settings;
import org.cifarsweep.sweep.TreeParzenEstimator.Trial;
import org.junit.jupiter.api.Test;

class TreeParzenEstimatorTest {
    /** η log-uniform over 4 decades, λ uniform on [0, 1], and a choice of which "c" is the best option. */
    private static final List<Param> SPACE = List.of(
            new Numeric("eta", 1e-4, 1, true, false),
            new Numeric("lambda", 0, 1, false, false),
            new Categorical("kind", List.of("a", "b", "c", "d")));
    /** Random search over the same prior: an estimator that never leaves its startup. */
    private static final Settings RANDOM = new Settings(Integer.MAX_VALUE, 24, 0.1, 25, 1.0);

    /** Distance to the optimum (η = 10⁻², λ = 0.3) with each range scaled to 1 (η's in log10). */
    private static double distance(Map<String, Object> x) {
        double u = (Math.log10((Double) x.get("eta")) + 2) / 4;
        double v = (Double) x.get("lambda") - 0.3;
        return Math.sqrt(u * u + v * v);
    }

    /** A quadratic bowl with its minimum 0 at the optimum and kind "c"; every other kind costs 0.1 more. */
    private static double objective(Map<String, Object> x) {
        double d = distance(x);
        return d * d + ("c".equals(x.get("kind")) ? 0 : 0.1);
    }

    private record Run(double best, double lateDistance) { }

    /** One sequential search of 60 trials: its best loss and the median distance of its last 20 proposals. */
    private static Run search(Settings settings, long seed) {
        TreeParzenEstimator tpe = new TreeParzenEstimator(SPACE, settings);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        double[] late = new double[20];
        for (int i = 0; i < 60; i++) {
            Map<String, Object> x = tpe.propose(trials, rng);
            double loss = objective(x);
            best = Math.min(best, loss);
            if (i >= 40) late[i - 40] = distance(x);
            trials.add(new Trial(x, loss));
        }
        return new Run(best, median(late));
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    @Test
    void findsTheOptimumSoonerThanRandomSearch() {
        int seeds = 15;
        double[] tpeBest = new double[seeds];
        double[] randomBest = new double[seeds];
        double[] tpeLate = new double[seeds];
        double[] randomLate = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            Run t = search(Settings.DEFAULT, 1000 + s);
            Run r = search(RANDOM, 1000 + s);
            tpeBest[s] = t.best();
            randomBest[s] = r.best();
            tpeLate[s] = t.lateDistance();
            randomLate[s] = r.lateDistance();
        }
        double tb = median(tpeBest);
        double rb = median(randomBest);
        double tl = median(tpeLate);
        double rl = median(randomLate);
        System.out.printf("TPE vs random, 15 seeds x 60 trials: median best loss %.5f vs %.5f; "
                + "median distance of the last 20 proposals %.4f vs %.4f%n", tb, rb, tl, rl);
        assertTrue(tb < 0.5 * rb, "median best loss: TPE " + tb + ", random " + rb);
        assertTrue(tl < 0.6 * rl, "median late distance: TPE " + tl + ", random " + rl);
    }

    private static List<Trial> randomTrials(int n, long seed) {
        TreeParzenEstimator prior = new TreeParzenEstimator(SPACE, RANDOM);
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> x = prior.propose(trials, rng);
            trials.add(new Trial(x, objective(x)));
        }
        return trials;
    }

    @Test
    void theSameTrialsInTheSameOrderGiveTheSameProposals() {
        TreeParzenEstimator tpe = new TreeParzenEstimator(SPACE, Settings.DEFAULT);
        List<Trial> trials = randomTrials(40, 5);
        assertEquals(tpe.propose(trials, new SplittableRandom(42)), tpe.propose(trials, new SplittableRandom(42)));
        List<Map<String, Object>> batch = tpe.proposeBatch(trials, 6, new SplittableRandom(42));
        assertEquals(batch, new TreeParzenEstimator(SPACE, Settings.DEFAULT)
                .proposeBatch(List.copyOf(trials), 6, new SplittableRandom(42)));
        assertNotEquals(batch, tpe.proposeBatch(trials, 6, new SplittableRandom(43)));

        // Another order of the same trials: the forgetting ramp weighs them otherwise (40 > 25), so this one differs.
        List<Trial> reversed = new ArrayList<>(trials);
        Collections.reverse(reversed);
        assertNotEquals(batch, tpe.proposeBatch(reversed, 6, new SplittableRandom(42)));
    }

    @Test
    void aBatchDoesNotRepeatItself() {
        TreeParzenEstimator tpe = new TreeParzenEstimator(SPACE, Settings.DEFAULT);
        List<Map<String, Object>> batch = tpe.proposeBatch(randomTrials(30, 9), 8, new SplittableRandom(3));
        assertEquals(8, batch.size());
        assertEquals(8, new HashSet<>(batch).size(), batch.toString());
        List<Map<String, Object>> startup = tpe.proposeBatch(randomTrials(3, 9), 8, new SplittableRandom(3));
        assertEquals(8, new HashSet<>(startup).size(), startup.toString());
    }

    /** Every kind of parameter: log real, log integer, real, integer, choice. */
    private static final List<Param> MIXED = List.of(
            new Numeric("eta", 1e-4, 1, true, false),
            new Numeric("n_batch", 10, 1000, true, true),
            new Numeric("flip", 0, 1, false, false),
            new Numeric("n_epochs", 1, 5, false, true),
            new Categorical("loss", List.of("softmax", "svm")));

    /** Each value of x is one its parameter may take: a Double or Integer in range, or an option. */
    private static void assertInSpace(List<Param> space, Map<String, Object> x) {
        assertEquals(space.size(), x.size(), x.toString());
        for (Param p : space) {
            Object v = x.get(p.name());
            if (p instanceof Categorical c) {
                assertTrue(c.options().contains(v), x.toString());
                continue;
            }
            Numeric n = (Numeric) p;
            assertEquals(n.integer() ? Integer.class : Double.class, v.getClass(), x.toString());
            double d = ((Number) v).doubleValue();
            assertTrue(d >= n.low() && d <= n.high(), x.toString());
        }
    }

    @Test
    void startupDrawsFromThePrior() {
        TreeParzenEstimator tpe = new TreeParzenEstimator(MIXED, Settings.DEFAULT);
        SplittableRandom rng = new SplittableRandom(11);
        int n = 2000;
        int etaBelowMiddle = 0;
        int batchBelowMiddle = 0;
        int[] epochs = new int[6];
        for (int i = 0; i < n; i++) {
            Map<String, Object> x = tpe.propose(List.of(), rng);
            assertInSpace(MIXED, x);
            if ((Double) x.get("eta") < 1e-2) etaBelowMiddle++; // the geometric middle of [1e-4, 1]
            if ((Integer) x.get("n_batch") < 100) batchBelowMiddle++;
            epochs[(Integer) x.get("n_epochs")]++;
        }
        // Log-uniform: about half below the geometric middle (a uniform draw would put 1% there). sd = 0.011.
        assertTrue(Math.abs(etaBelowMiddle / (double) n - 0.5) < 0.05, "eta below 1e-2: " + etaBelowMiddle);
        assertTrue(Math.abs(batchBelowMiddle / (double) n - 0.5) < 0.05, "n_batch below 100: " + batchBelowMiddle);
        for (int e = 1; e <= 5; e++) assertTrue(Math.abs(epochs[e] / (double) n - 0.2) < 0.05, Arrays.toString(epochs));
    }

    @Test
    void theStartupIsRandomSearchItself() {
        // Draw for draw what random search draws: Dimension.Range and Choice, in the space's order.
        Numeric eta = new Numeric("eta", 1e-4, 1e-1, true, false);
        List<Object> options = List.of(20, 50, 100);
        TreeParzenEstimator tpe = new TreeParzenEstimator(List.of(eta, new Categorical("n_batch", options)),
                Settings.DEFAULT);
        SplittableRandom a = new SplittableRandom(8);
        SplittableRandom b = new SplittableRandom(8);
        for (int i = 0; i < 50; i++) {
            Map<String, Object> x = tpe.propose(List.of(), a);
            assertEquals(new Dimension.Range(1e-4, 1e-1, true, false).sample(b), x.get("eta"));
            assertEquals(new Dimension.Choice(options).sample(b), x.get("n_batch"));
        }
    }

    @Test
    void proposalsAreSnappedAndInRange() {
        TreeParzenEstimator tpe = new TreeParzenEstimator(MIXED, Settings.DEFAULT);
        SplittableRandom rng = new SplittableRandom(4);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Map<String, Object> x = tpe.propose(trials, rng);
            assertInSpace(MIXED, x);
            for (String real : List.of("eta", "flip")) {
                double v = (Double) x.get(real);
                assertEquals(new BigDecimal(v).round(new MathContext(4)).doubleValue(), v, 0.0, x.toString());
            }
            // Best at n_batch = 64, n_epochs = 4, flip = 0.
            double loss = Math.abs(Math.log((Integer) x.get("n_batch") / 64.0))
                    + Math.abs((Integer) x.get("n_epochs") - 4) + (Double) x.get("flip");
            trials.add(new Trial(x, loss));
        }
        long late = trials.subList(40, 60).stream().filter(t -> (Integer) t.params().get("n_epochs") == 4).count();
        assertTrue(late >= 10, "of the last 20 proposals, n_epochs = 4 in " + late + " (random: 4 expected)");
    }

    @Test
    void everyTrialFailed() {
        TreeParzenEstimator tpe = new TreeParzenEstimator(SPACE, Settings.DEFAULT);
        List<Trial> failed = new ArrayList<>();
        for (Trial t : randomTrials(20, 2)) {
            failed.add(new Trial(t.params(), failed.size() % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY));
        }
        for (Map<String, Object> x : tpe.proposeBatch(failed, 5, new SplittableRandom(1))) assertInSpace(SPACE, x);
    }

    @Test
    void aFailedTrialIsNeverGood() {
        // One parameter; the failures sit at 0.9, the one success at 0.1: proposals go near the success.
        TreeParzenEstimator tpe = new TreeParzenEstimator(List.of(new Numeric("x", 0, 1, false, false)),
                Settings.DEFAULT);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 19; i++) trials.add(new Trial(Map.of("x", 0.9), Double.NaN));
        trials.add(new Trial(Map.of("x", 0.1), 0.5));
        for (int seed = 0; seed < 10; seed++) {
            Map<String, Object> x = tpe.propose(trials, new SplittableRandom(seed));
            assertTrue((Double) x.get("x") < 0.5, x.toString());
        }
    }

    @Test
    void aCategoricalWithOneOption() {
        TreeParzenEstimator tpe = new TreeParzenEstimator(
                List.of(new Categorical("loss", List.of("softmax")), new Numeric("x", 0, 1, false, false)),
                Settings.DEFAULT);
        List<Trial> trials = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 15; i++) {
            Map<String, Object> x = tpe.propose(trials, rng);
            assertEquals("softmax", x.get("loss"));
            trials.add(new Trial(x, (Double) x.get("x")));
        }
    }

    @Test
    void refusesAnEmptyRangeAndOtherBadSpaces() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Numeric("eta", 0.1, 0.1, true, false));
        assertEquals("eta: needs low < high, got low = 0.1, high = 0.1 (a single value is fixed, not searched)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Numeric("eta", 0, 1, true, false));
        assertThrows(IllegalArgumentException.class, () -> new Numeric("n", 1, 2.5, false, true));
        assertThrows(IllegalArgumentException.class, () -> new Categorical("k", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Categorical("k", List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new TreeParzenEstimator(List.of(), Settings.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> new Settings(10, 0, 0.1, 25, 1));
        TreeParzenEstimator tpe = new TreeParzenEstimator(SPACE, Settings.DEFAULT);
        List<Trial> trials = new ArrayList<>(randomTrials(12, 1));
        trials.add(new Trial(Map.of("eta", 0.01, "lambda", 0.3), 0.0));
        e = assertThrows(IllegalArgumentException.class, () -> tpe.propose(trials, new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("a trial has no value for kind"), e.getMessage());
    }

    @Test
    void forgettingWeighsOlderValuesLess() {
        assertEquals(List.of(1.0, 1.0), Arrays.stream(TreeParzenEstimator.weights(2)).boxed().toList());
        double[] w = TreeParzenEstimator.weights(30);
        assertEquals(1 / 30.0, w[0], 1e-15);
        assertEquals(1.0, w[4], 1e-15); // the ramp's end
        for (int i = 1; i < 5; i++) assertTrue(w[i] > w[i - 1]);
        for (int i = 5; i < 30; i++) assertEquals(1.0, w[i], 0.0);
    }

    @Test
    void aRandomBlockBecomesASpaceAndAProposalAPoint() {
        Map<SearchParam, Dimension> dims = new EnumMap<>(SearchParam.class);
        dims.put(SearchParam.N_BATCH, new Dimension.Choice(List.of(20, 50, 100)));
        dims.put(SearchParam.ETA, new Dimension.Range(1e-4, 1e-1, true, false));
        dims.put(SearchParam.N_EPOCHS, new Dimension.Grid(List.of(40)));
        dims.put(SearchParam.DECAY_EVERY, new Dimension.Range(1, 10, false, true));
        List<Param> space = TreeParzenEstimator.fromDimensions(dims);
        assertEquals(List.of(new Numeric("eta", 1e-4, 1e-1, true, false),
                new Categorical("n_batch", List.of(20, 50, 100)),
                new Numeric("decay_every", 1, 10, false, true)), space);

        Map<String, Object> proposal = new TreeParzenEstimator(space, Settings.DEFAULT)
                .propose(List.of(), new SplittableRandom(1));
        Map<SearchParam, Object> point = TreeParzenEstimator.point(Map.of(SearchParam.N_EPOCHS, 40), proposal);
        assertEquals(List.of(SearchParam.ETA, SearchParam.N_BATCH, SearchParam.N_EPOCHS, SearchParam.DECAY_EVERY),
                List.copyOf(point.keySet()));
        assertEquals(proposal.get("eta"), point.get(SearchParam.ETA));
        assertEquals(40, point.get(SearchParam.N_EPOCHS));
        Map<String, Object> back = TreeParzenEstimator.byKey(point);
        assertEquals(proposal.get("n_batch"), back.get("n_batch"));
        assertEquals(40, back.get("n_epochs"));
        assertThrows(IllegalArgumentException.class, () -> TreeParzenEstimator.point(Map.of(), Map.of("etaa", 0.1)));
    }

    // ---- the normal distribution (hand-written, so checked against published values) ----

    /** Φ(x) to 15 digits (R's pnorm, equal to 0.5·erfc(−x/√2)). */
    @Test
    void normalCdfMatchesKnownValues() {
        double[][] known = {
                {0, 0.5}, {1, 0.8413447460685429}, {-1, 0.15865525393145707}, {1.96, 0.9750021048517795},
                {-3, 0.0013498980316300957}, {-3.5, 2.326290790355250e-4}, {-5, 2.866515718791939e-07},
                {-10, 7.619853024160527e-24}, {-20, 2.753624118606232e-89}, {3.5, 0.9997673709209645},
                {6, 0.9999999990134123}};
        for (double[] k : known) {
            double tolerance = 1e-12 * Math.min(k[1], 1 - k[1]) + 1e-16;
            assertEquals(k[1], Normal.cdf(k[0]), tolerance, "Phi(" + k[0] + ")");
        }
        assertEquals(0.0, Normal.cdf(-50), 0.0);
        assertEquals(1.0, Normal.cdf(50), 0.0);
    }

    @Test
    void inverseNormalCdfMatchesKnownValues() {
        assertEquals(1.959963984540054, Normal.inverseCdf(0.975), 1e-13);
        assertEquals(-1.959963984540054, Normal.inverseCdf(0.025), 1e-13);
        assertEquals(0.0, Normal.inverseCdf(0.5), 1e-15);
        assertEquals(-6.361340902404056, Normal.inverseCdf(1e-10), 1e-12);
        assertEquals(3.090232306167813, Normal.inverseCdf(0.999), 1e-12);
        assertEquals(-37.04710, Normal.inverseCdf(1e-300), 1e-4);
        assertEquals(Double.NEGATIVE_INFINITY, Normal.inverseCdf(0), 0.0);
        for (double p = 0.001; p < 1; p += 0.01) assertEquals(p, Normal.cdf(Normal.inverseCdf(p)), 2e-15);
    }

    @Test
    void truncatedNormalDrawsHaveTheTruncatedMean() {
        // Mean of N(0, 1) on [a, b]: (φ(a) − φ(b)) / (Φ(b) − Φ(a)); φ and Φ at 0.5 and 2 from tables.
        double expected = (0.3520653267642995 - 0.05399096651318806) / (0.9772498680518208 - 0.6914624612740131);
        SplittableRandom rng = new SplittableRandom(17);
        int n = 20000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double x = Normal.truncated(0.5, 2, rng);
            assertTrue(x >= 0.5 && x <= 2, "draw " + x);
            sum += x;
        }
        assertEquals(expected, sum / n, 0.015); // the draws' sd is about 0.4: 5 standard errors
        // Far in a tail, on either side: still within the bounds, and mostly near the nearer one.
        int nearFive = 0;
        for (int i = 0; i < 1000; i++) {
            double up = Normal.truncated(5, 6, rng);
            double down = Normal.truncated(-6, -5, rng);
            assertTrue(up >= 5 && up <= 6 && down >= -6 && down <= -5, up + " " + down);
            if (up < 5.2) nearFive++;
        }
        assertTrue(nearFive > 500, "of 1000 draws on [5, 6], below 5.2: " + nearFive); // exactly: 64%
    }
}
