package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link LinearPack}'s products against each member's own {@link LinearModel#scores} and
 * {@link LinearModel#gradient}, bit for bit, in every way a pack computes them: float32 pixels (one stacked kernel
 * call), float32 values (each member's sgemm), float64 raw pixels below and above the columns from which the dgemm is
 * stacked, and float64 values; also after members leave (compacted rows) and after a step (refolded rows).
 */
class LinearPackTest {
    private static final int K = 10;

    private static FeatureMatrix features(String kind) {
        Dataset dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
        Normalization normalization = Normalization.fit(Preprocess.STANDARDIZE, dataset.train());
        return switch (kind) {
            case "pixels" -> FeatureMatrix.of(Precision.FLOAT, normalization, dataset.train());
            case "raw" -> FeatureMatrix.of(Precision.DOUBLE, normalization, dataset.train());
            case "doubles" -> FeatureMatrix.ofDoubles(normalization.toDoubleMatrix(dataset.train()),
                    dataset.train().labels(), 3072);
            default -> {
                double[] d = normalization.toDoubleMatrix(dataset.train());
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
                yield FeatureMatrix.ofFloats(f, dataset.train().labels(), 3072);
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"pixels, 100", "pixels, 37", "floats, 100", "raw, 100", "raw, 37", "raw, 2000", "doubles, 100",
                "doubles, 1"})
    void everyMemberGetsItsOwnProductsBitForBit(String kind, int n) {
        FeatureMatrix x = features(kind);
        int columns = Math.min(n, x.count() - 3);
        List<LinearModel> members = new ArrayList<>();
        for (int m = 0; m < 5; m++) {
            LinearModel model = LinearModel.create(x.precision(), K, x.dim());
            model.initGaussian(new Random(m), 0.01);
            members.add(model);
        }
        LinearPack pack = new LinearPack(members);
        check(pack, members, x, 3, columns, 1);
        // Two members leave; the others are compacted, and a step changes their W (refold, restack).
        List<LinearModel> rest = List.of(members.get(4), members.get(1), members.get(2));
        pack.setActive(rest);
        for (LinearModel m : rest) m.step(0.5);
        check(pack, rest, x, 0, columns, 2);
    }

    private static void check(LinearPack pack, List<LinearModel> members, FeatureMatrix x, int from, int n, int seed) {
        int p = members.size();
        double[][] packed = new double[p][K * n];
        pack.scores(x, from, n, packed);
        double[] alone = new double[K * n];
        for (int i = 0; i < p; i++) {
            members.get(i).scores(x, from, n, alone);
            for (int j = 0; j < K * n; j++) {
                assertEquals(Double.doubleToRawLongBits(alone[j]), Double.doubleToRawLongBits(packed[i][j]), "member " + i + " score " + j);
            }
        }
        Random rng = new Random(seed);
        double[][] g = new double[p][K * n];
        double[] lambda = new double[p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < K * n; j++) g[i][j] = rng.nextGaussian();
            lambda[i] = 0.1 * i;
        }
        pack.gradient(x, from, n, g, lambda);
        double[][] dW = new double[p][K * x.dim()];
        double[][] db = new double[p][K];
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < K; k++) {
                db[i][k] = members.get(i).biasGradient(k);
                for (int j = 0; j < x.dim(); j++) dW[i][k * x.dim() + j] = members.get(i).weightGradient(k, j);
            }
        }
        for (int i = 0; i < p; i++) {
            LinearModel m = members.get(i);
            m.gradient(x, from, n, g[i], lambda[i]);
            for (int k = 0; k < K; k++) {
                assertEquals(Double.doubleToRawLongBits(m.biasGradient(k)), Double.doubleToRawLongBits(db[i][k]), "member " + i + " db " + k);
                for (int j = 0; j < x.dim(); j++) {
                    assertEquals(Double.doubleToRawLongBits(m.weightGradient(k, j)), Double.doubleToRawLongBits(dW[i][k * x.dim() + j]),
                            "member " + i + " dW(" + k + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void membersOfAnotherShapeOrPrecisionAreRefused() {
        LinearModel a = LinearModel.create(Precision.FLOAT, K, 48);
        assertThrows(IllegalArgumentException.class, () -> new LinearPack(List.of(a, LinearModel.create(Precision.DOUBLE, K, 48))));
        assertThrows(IllegalArgumentException.class, () -> new LinearPack(List.of(a, LinearModel.create(Precision.FLOAT, 3, 48))));
        assertThrows(IllegalArgumentException.class, () -> new LinearPack(List.of()));
    }
}
