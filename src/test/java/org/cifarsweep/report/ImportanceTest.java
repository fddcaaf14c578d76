package org.cifarsweep.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Hyperparameter importance on synthetic responses whose answer is known: exact on full grids, and by the forest on
 * random samples. "No parameter explains anything" means every main effect is zero: the mean response is the same at
 * every level of every parameter, either because the response is constant (no variance at all) or because all of its
 * variance is interaction.
 */
class ImportanceTest {
    private static final double EXACT = 1e-12;

    /** Every cell of a grid of {@code levels}, {@code repeats} times, with the response of its levels. */
    private static Importance.Result grid(int[] levels, int repeats, java.util.function.ToDoubleFunction<int[]> y) {
        List<int[]> x = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        int cells = Arrays.stream(levels).reduce(1, (a, b) -> a * b);
        for (int r = 0; r < repeats; r++) {
            for (int c = 0; c < cells; c++) {
                int[] z = new int[levels.length];
                int rest = c;
                for (int j = levels.length - 1; j >= 0; j--) {
                    z[j] = rest % levels[j];
                    rest /= levels[j];
                }
                x.add(z);
                ys.add(y.applyAsDouble(z) + (repeats > 1 ? (r % 2 == 0 ? 0.01 : -0.01) : 0));
            }
        }
        return Importance.exact(levels, x.toArray(int[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test
    void onAGridOneParameterThatAloneDrivesValAccExplainsAllOfIt() {
        double[] byEta = {0.31, 0.38, 0.27};
        Importance.Result r = grid(new int[] {3, 4, 2}, 1, z -> byEta[z[0]]);
        assertEquals(Importance.Method.EXACT_GRID, r.method());
        assertArrayEquals(new double[] {1, 0, 0}, r.shares(), EXACT);
        assertTrue(r.variance() > 0);
        assertEquals(24, r.trials());
    }

    @Test
    void onAGridAPureInteractionLeavesEveryParameterNothing() {
        // Equal parameters do well, unequal ones badly: at each level of either, the mean is the same.
        Importance.Result xor = grid(new int[] {2, 2}, 1, z -> z[0] == z[1] ? 0.4 : 0.2);
        assertArrayEquals(new double[] {0, 0}, xor.shares(), EXACT);
        assertEquals(0.01, xor.variance(), EXACT);
        // A 3×3 Latin square: every row and every column holds each of the three values once.
        Importance.Result latin = grid(new int[] {3, 3, 2}, 1, z -> 0.3 + 0.05 * (((z[0] + z[1]) % 3) - 1));
        assertArrayEquals(new double[] {0, 0, 0}, latin.shares(), EXACT);
        assertTrue(latin.variance() > 0);
        assertEquals(0, latin.explained(), EXACT);
    }

    @Test
    void aConstantResponseHasNoVarianceAndNoShares() {
        Importance.Result r = grid(new int[] {4, 3}, 1, z -> 0.3333);
        assertEquals(0, r.variance());
        assertArrayEquals(new double[] {0, 0}, r.shares(), 0);
    }

    @Test
    void anAdditiveResponseSplitsByEachParametersVariance() {
        // y = a + 2b over {0,1}²: Var(a) = 1/4, Var(2b) = 1, so 20% and 80%; repeats (±0.01) are averaged per cell.
        Importance.Result r = grid(new int[] {2, 2}, 4, z -> z[0] + 2 * z[1]);
        assertArrayEquals(new double[] {0.2, 0.8}, r.shares(), EXACT);
        assertEquals(1, r.explained(), EXACT);
        assertEquals(16, r.trials());
    }

    @Test
    void exactNeedsEveryCellOfTheGrid() {
        int[][] x = {{0, 0}, {0, 1}, {1, 0}};
        assertThrows(IllegalArgumentException.class, () -> Importance.exact(new int[] {2, 2}, x, new double[] {1, 2, 3}));
    }

    /** {@code n} trials of {@code p} parameters uniform on [0, 1), with the response {@code y} and a little noise. */
    private static Importance.Result forest(int n, int p, ToDoubleFunction<double[]> y, double noise) {
        Random random = new Random(42);
        double[][] x = new double[n][p];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) x[i][j] = random.nextDouble();
            ys[i] = y.applyAsDouble(x[i]) + noise * random.nextGaussian();
        }
        return Importance.forest(x, ys);
    }

    private static int largest(double[] shares) {
        int best = 0;
        for (int j = 1; j < shares.length; j++) if (shares[j] > shares[best]) best = j;
        return best;
    }

    @Test
    void theForestGivesAParameterThatAloneDrivesValAccTheLargestShare() {
        Importance.Result r = forest(400, 3, x -> 0.3 + 0.08 * Math.sin(4 * x[1]), 0.002);
        assertEquals(Importance.Method.FOREST, r.method());
        assertEquals(1, largest(r.shares()), Arrays.toString(r.shares()));
        assertTrue(r.shares()[1] > 0.85, Arrays.toString(r.shares()));
        assertTrue(r.shares()[0] < 0.05 && r.shares()[2] < 0.05, Arrays.toString(r.shares()));
    }

    @Test
    void theForestFindsNothingInAPureInteraction() {
        // The sign of (a − ½)(b − ½): at any one value of a, b's half-and-half averages it to 0, and vice versa.
        Importance.Result r = forest(600, 3, x -> 0.3 + 0.05 * Math.signum((x[0] - 0.5) * (x[1] - 0.5)), 0.002);
        assertTrue(r.variance() > 0.001, "the forest sees the interaction: " + r.variance());
        for (double share : r.shares()) assertTrue(share < 0.1, Arrays.toString(r.shares()));
    }

    @Test
    void theForestOfAConstantResponseHasNoShares() {
        Importance.Result r = forest(50, 2, x -> 0.25, 0);
        assertEquals(0, r.variance());
        assertArrayEquals(new double[] {0, 0}, r.shares(), 0);
    }

    @Test
    void manyTrialsAndParametersAreSampledAndStillFindTheDriver() {
        // 16^4 bins is more than the forest's grid is enumerated for: the main effects come from Monte Carlo, and
        // the forest is fitted to a sample of the 6,000.
        Importance.Result r = forest(6000, 4, x -> 0.3 - 0.1 * (x[2] - 0.4) * (x[2] - 0.4), 0.002);
        assertEquals(Importance.MAX_FIT, r.fitted());
        assertEquals(6000, r.trials());
        assertEquals(2, largest(r.shares()), Arrays.toString(r.shares()));
        assertTrue(r.shares()[2] > 0.7, Arrays.toString(r.shares()));
    }

    @Test
    void manyValuesAreCutIntoBinsOfEqualCounts() {
        double[] column = new double[1000];
        for (int i = 0; i < column.length; i++) column[i] = i * 0.37;
        int[] levels = Importance.levelsOf(column);
        int[] counts = new int[Importance.BINS];
        for (int l : levels) counts[l]++;
        for (int c : counts) assertTrue(c >= 60 && c <= 65, Arrays.toString(counts));
        // Few distinct values keep one level each, in order.
        assertArrayEquals(new int[] {1, 0, 2, 1}, Importance.levelsOf(new double[] {0.5, 0.1, 3, 0.5}));
    }
}
