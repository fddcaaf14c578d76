package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evidence for {@link LinearPack}'s float64 stacking: does OpenBLAS give row r of a dgemm the same bits whatever
 * the number of rows M? Each member's 10 rows alone (the single trial's call) against the same rows inside M = 10·P
 * stacked rows, P = 1..16, for both products of a trial (scores W·X, M×n, and the gradient 2λW + G·Xᵀ/n, M×d), with
 * d = 3,072 and the column counts of training (a batch of 100, the evaluation chunk of 2,000) and around them.
 *
 * <p>On the pinned OpenBLAS 0.3.31 (SkylakeX kernels) with one thread, every row is identical from 37 columns up
 * (37, 64, 99, 100, 101, 2,000 checked). Below that, OpenBLAS takes its gemv path (1 column) or its small-matrix
 * kernels (M·n·d ≤ 10⁶), and rows change bits with M: e.g. 64 of 320 scores differ at 2 columns and P = 16, and
 * 5 of 20 already at 1 column and P = 2; with two threads, 87–628 of the scores of a 100-column batch differ for
 * P = 10..15. {@link #smallShapesAreNeverStacked} pins the pack's rule to the measured side of that line, and
 * {@link #rowsHaveTheSameBitsWhateverTheNumberOfRows} re-measures the shapes the rule stacks.
 */
class DgemmRowsTest {
    private static final int K = 10;
    private static final int D = 3072;

    @ParameterizedTest
    @CsvSource({"100, 16", "2000, 16", "64, 16", "101, 7"})
    void rowsHaveTheSameBitsWhateverTheNumberOfRows(int n, int maxMembers) {
        assumeTrue(BlasBackend.isNative(), "needs the native OpenBLAS: " + BlasBackend.describe());
        assumeTrue("1".equals(System.getenv("OPENBLAS_NUM_THREADS")), "the rule is for one BLAS thread");
        BLAS blas = BLAS.getInstance();
        Random rng = new Random(n);
        int rowsMax = K * maxMembers;
        double[] w = gaussian(rng, rowsMax * D, 0.01);
        double[] x = gaussian(rng, D * n, 1);
        double[] g = gaussian(rng, rowsMax * n, 1);
        double[] bias = gaussian(rng, rowsMax, 0.01);
        double lambda = 0.003;
        double[][] aloneS = new double[maxMembers][];
        double[][] aloneG = new double[maxMembers][];
        for (int m = 0; m < maxMembers; m++) {
            double[] wm = rows(w, rowsMax, m * K, K, D);
            double[] gm = rows(g, rowsMax, m * K, K, n);
            double[] s = new double[K * n];
            for (int c = 0; c < n; c++) System.arraycopy(bias, m * K, s, K * c, K);
            blas.dgemm("N", "N", K, n, D, 1.0, wm, 0, K, x, 0, D, 1.0, s, 0, K);
            double[] dW = new double[K * D];
            for (int i = 0; i < dW.length; i++) dW[i] = 2.0 * lambda * wm[i];
            blas.dgemm("N", "T", K, D, n, 1.0 / n, gm, 0, K, x, 0, D, 1.0, dW, 0, K);
            aloneS[m] = s;
            aloneG[m] = dW;
        }
        for (int p = 1; p <= maxMembers; p++) {
            int rows = K * p;
            double[] wp = rows(w, rowsMax, 0, rows, D);
            double[] gp = rows(g, rowsMax, 0, rows, n);
            double[] s = new double[rows * n];
            for (int c = 0; c < n; c++) System.arraycopy(bias, 0, s, rows * c, rows);
            blas.dgemm("N", "N", rows, n, D, 1.0, wp, 0, rows, x, 0, D, 1.0, s, 0, rows);
            double[] dW = new double[rows * D];
            for (int i = 0; i < dW.length; i++) dW[i] = 2.0 * lambda * wp[i];
            blas.dgemm("N", "T", rows, D, n, 1.0 / n, gp, 0, rows, x, 0, D, 1.0, dW, 0, rows);
            int differS = 0, differG = 0;
            for (int r = 0; r < rows; r++) {
                int m = r / K, k = r % K;
                for (int c = 0; c < n; c++) {
                    if (Double.doubleToRawLongBits(s[r + rows * c]) != Double.doubleToRawLongBits(aloneS[m][k + K * c])) differS++;
                }
                for (int j = 0; j < D; j++) {
                    if (Double.doubleToRawLongBits(dW[r + rows * j]) != Double.doubleToRawLongBits(aloneG[m][k + K * j])) differG++;
                }
            }
            assertEquals(0, differS, "scores W·X: n = " + n + ", " + rows + " rows: values that differ from 10 rows alone");
            assertEquals(0, differG, "gradient G·Xᵀ: n = " + n + ", " + rows + " rows: values that differ from 10 rows alone");
        }
    }

    @Test
    void smallShapesAreNeverStacked() {
        for (int n = 1; n < LinearPack.STACKED_DGEMM_MIN_COLUMNS; n++) {
            assertFalse(LinearPack.stacksDgemm(16, n, K, D), n + " columns");
        }
        assertFalse(LinearPack.stacksDgemm(1, 100, K, D), "a pack of one is the single trial's call");
        assertFalse(LinearPack.stacksDgemm(8, 100, K, 48), "hand-made shapes on the small-matrix path");
    }

    /** Rows [r0, r0 + count) of a column-major matrix with {@code ld} rows and {@code cols} columns. */
    private static double[] rows(double[] a, int ld, int r0, int count, int cols) {
        double[] out = new double[count * cols];
        for (int j = 0; j < cols; j++) System.arraycopy(a, r0 + ld * j, out, count * j, count);
        return out;
    }

    private static double[] gaussian(Random rng, int size, double std) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) values[i] = std * rng.nextGaussian();
        return values;
    }
}
