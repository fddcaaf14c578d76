package org.cifarsweep.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.ensemble.AveragingCombiner;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * A random-forest regression of val_acc on the parameters' levels, for {@link Importance}: Tribuo's (Oracle Labs,
 * Apache-2.0) CART trees, each fitted to a bootstrap sample, each split choosing among a random 70% of the
 * parameters, averaged. The only class of the report that touches Tribuo, so that the rest loads without it.
 */
final class ForestSurrogate {
    static final int TREES = 50;
    static final int MAX_DEPTH = 10;
    /** The fraction of the parameters each split chooses among. */
    static final float FEATURES_PER_SPLIT = 0.7f;
    private static final String RESPONSE = "val_acc";
    /** Feature names; a parameter's feature is its level + 1, as Tribuo reads an absent feature as 0. */
    private static final String[] FEATURES = java.util.stream.IntStream.range(0, 64).mapToObj(j -> "p" + (100 + j))
            .toArray(String[]::new);
    /** Tribuo logs each tree it builds at INFO; the report has nothing to say about that. Held so it stays set. */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private final Model<Regressor> model;

    private ForestSurrogate(Model<Regressor> model) {
        this.model = model;
    }

    /** A forest fitted to {@code y} on the levels {@code level}, or to a seeded sample of {@code maxFit} of them. */
    static ForestSurrogate fit(int[][] level, double[] y, int maxFit, long seed) {
        int n = y.length;
        if (level.length > 0 && level[0].length > FEATURES.length) {
            throw new IllegalArgumentException(level[0].length + " parameters; at most " + FEATURES.length);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        if (n > maxFit) {
            Random random = new Random(seed);
            for (int i = 0; i < maxFit; i++) {
                int k = i + random.nextInt(n - i);
                int t = rows[i];
                rows[i] = rows[k];
                rows[k] = t;
            }
            rows = Arrays.copyOf(rows, maxFit);
        }
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("results.csv", factory), factory);
        for (int i : rows) data.add(example(new Regressor(RESPONSE, y[i]), level[i]));
        // Leaves down to one trial (a minimum child weight of 1), as small sweeps need.
        CARTRegressionTrainer tree = new CARTRegressionTrainer(MAX_DEPTH, 1f, 0f, FEATURES_PER_SPLIT, false,
                new MeanSquaredError(), seed);
        return new ForestSurrogate(new RandomForestTrainer<>(tree, new AveragingCombiner(), TREES, seed).train(data));
    }

    /** The forest's prediction at each point (a level per parameter). */
    double[] predict(List<int[]> points) {
        Regressor unknown = new RegressionFactory().getUnknownOutput();
        List<Example<Regressor>> examples = new ArrayList<>(points.size());
        for (int[] z : points) examples.add(example(unknown, z));
        List<Prediction<Regressor>> predictions = model.predict(examples);
        double[] f = new double[predictions.size()];
        for (int i = 0; i < f.length; i++) f[i] = predictions.get(i).getOutput().getValues()[0];
        return f;
    }

    private static Example<Regressor> example(Regressor output, int[] levels) {
        String[] names = new String[levels.length];
        double[] values = new double[levels.length];
        for (int j = 0; j < levels.length; j++) {
            names[j] = FEATURES[j];
            values[j] = levels[j] + 1;
        }
        return new ArrayExample<>(output, names, values);
    }
}
