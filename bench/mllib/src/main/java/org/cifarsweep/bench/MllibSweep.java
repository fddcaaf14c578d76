package org.cifarsweep.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;

/**
 * MLlib's side of bench/mllib-vs-sweep.sh: multinomial LogisticRegression swept over regParam with MLlib's tuning
 * API (CrossValidator, parallelism 2) on local[2], on the product's split (train data_batch_1, validate
 * data_batch_2) and the product's preprocessing (its own classes do both).
 *
 * <p>Why CrossValidator with a fold column: TrainValidationSplit only splits at random, and the validation set
 * must be data_batch_2 exactly. With fold = 0 for batch 1 and 1 for batch 2 and numFolds = 2, fold 1 trains on
 * batch 1 and validates on batch 2, which is the product's split. CrossValidator also fits the mirrored fold and,
 * at the end, refits the best regParam on both batches; all of that is inside the timed fit, and is counted as
 * fits (see the "mllib" line).
 *
 * <p>Usage: {@code MllibSweep --data DIR [--reg 0.001,0.01,...] [--preprocess standardize|scale] [--master local[2]]}.
 * Prints a per-regParam table, then one machine-readable line starting with {@code mllib }.
 */
public final class MllibSweep {
    private MllibSweep() {
    }

    public static void main(String[] args) {
        Path data = null;
        double[] regs = logSpaced(1e-3, 1, 8); // covers the product's best λ (regParam = 2λ, see bench/README.md)
        Preprocess preprocess = Preprocess.STANDARDIZE;
        String master = "local[2]";
        for (int i = 0; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : usage("missing value for " + args[i]);
            switch (args[i]) {
                case "--data" -> data = Path.of(value);
                case "--reg" -> regs = Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--preprocess" -> preprocess = Preprocess.parse(value);
                case "--master" -> master = value;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (data == null) {
            usage("--data DIR is required");
        }

        // Data loading and preprocessing (not timed, as on the product's side: its job time starts after both).
        org.cifarsweep.data.Dataset cifar = CifarLoader.load(data, Split.parse("default"));
        Normalization norm = Normalization.fit(preprocess, cifar.train());
        List<Row> rows = new ArrayList<>();
        addRows(rows, cifar.train(), norm, 0);       // fold 0: data_batch_1
        addRows(rows, cifar.validation(), norm, 1);  // fold 1: data_batch_2, held out by the fits on batch 1

        SparkSession spark = SparkSession.builder().master(master).appName("mllib-vs-sweep")
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
        StructType schema = new StructType()
                .add("label", DataTypes.DoubleType, false)
                .add("features", SQLDataTypes.VectorType(), false)
                .add("fold", DataTypes.IntegerType, false);
        // A local checkpoint cuts the lineage back to the driver's list: otherwise every task of every L-BFGS
        // iteration ships its partition's rows (250 MB) again, even with the DataFrame cached.
        Dataset<Row> all = spark.createDataFrame(rows, schema).localCheckpoint(true);
        long count = all.count();
        rows = null;
        Dataset<Row> validation = all.filter("fold = 1").cache();
        validation.count();

        // MLlib's defaults otherwise: maxIter 100, tol 1e-6, standardization true, fitIntercept true.
        LogisticRegression lr = new LogisticRegression().setFamily("multinomial").setElasticNetParam(0.0);
        ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), regs).build();
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        CrossValidator cv = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid).setEvaluator(accuracy)
                .setNumFolds(2).setFoldCol("fold").setParallelism(2).setCollectSubModels(true);

        long start = System.nanoTime();
        CrossValidatorModel model = cv.fit(all);
        double wall = (System.nanoTime() - start) / 1e9;

        // subModels()[k][j]: fold k held out, grid point j. Fold 1 held out = trained on batch 1, the product's split.
        Model<?>[] onBatch1 = model.subModels()[1];
        double bestAcc = -1;
        double bestReg = Double.NaN;
        System.out.printf(Locale.ROOT, "%-10s %10s %12s %12s%n", "regParam", "iterations", "val_acc", "cv_avg_acc");
        for (int j = 0; j < grid.length; j++) {
            LogisticRegressionModel m = (LogisticRegressionModel) onBatch1[j];
            double acc = accuracy.evaluate(m.transform(validation));
            System.out.printf(Locale.ROOT, "%-10.3g %10d %12.4f %12.4f%n", m.getRegParam(),
                    m.summary().totalIterations(), acc, model.avgMetrics()[j]);
            if (acc > bestAcc) {
                bestAcc = acc;
                bestReg = m.getRegParam();
            }
        }
        double chosen = ((LogisticRegressionModel) model.bestModel()).getRegParam();
        // Fits inside the timed cv.fit: numFolds x grid fits on 10,000 images (each then evaluated on 10,000), plus
        // the refit of the chosen regParam on all 20,000, counted as 2 (twice the data per iteration).
        int fits = 2 * grid.length + 2;
        System.out.printf(Locale.ROOT, "mllib images=%d configs=%d fits=%d wall_seconds=%.3f best_val_acc=%.4f "
                        + "best_reg=%.3g cv_chosen_reg=%.3g preprocess=%s%n",
                count, grid.length, fits, wall, bestAcc, bestReg, chosen, preprocess);
        spark.stop();
    }

    /** One row per image: (label, the preprocessed 3,072 features, fold). */
    private static void addRows(List<Row> rows, Images images, Normalization norm, int fold) {
        double[] x = norm.toDoubleMatrix(images); // image i's features at [i*3072, (i+1)*3072)
        for (int i = 0; i < images.count(); i++) {
            rows.add(RowFactory.create((double) images.label(i),
                    Vectors.dense(Arrays.copyOfRange(x, i * Images.PIXELS, (i + 1) * Images.PIXELS)), fold));
        }
    }

    static double[] logSpaced(double from, double to, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = from * Math.pow(to / from, i / (double) (n - 1));
        }
        return out;
    }

    private static String usage(String message) {
        System.err.println("MllibSweep: error: " + message
                + " (usage: --data DIR [--reg R1,R2,...] [--preprocess standardize|scale] [--master URL])");
        System.exit(2);
        return null;
    }
}
