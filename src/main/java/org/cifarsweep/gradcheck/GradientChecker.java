package org.cifarsweep.gradcheck;

import java.util.Random;
import org.apache.commons.numbers.core.DD;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Loss;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;

/**
 * Compares the analytic gradients of the cost J = mean loss + λ‖W‖² with centred differences
 * (J(θ+h) − J(θ−h)) / 2h, entry by entry, as the assignment's ComputeGradsNumSlow does. The analytic side is the
 * model's own code (BLAS, float64); the numerical side perturbs plain copies of W and b and evaluates an
 * independent {@link CostFunction} in double-double, so that rounding does not mask real errors.
 */
public final class GradientChecker {
    /** The assignment's step. */
    public static final double STEP = 1e-6;

    private final Loss loss;
    private final CostFunction cost;
    private final double step;
    private final double eps;

    public GradientChecker(Loss loss, CostFunction cost) {
        this(loss, cost, STEP, RelativeError.DEFAULT_EPS);
    }

    public GradientChecker(Loss loss, CostFunction cost, double step, double eps) {
        this.loss = loss;
        this.cost = cost;
        this.step = step;
        this.eps = eps;
    }

    /**
     * Checks one case on the first {@code dims} rows and {@code samples} columns of {@code full}, float64 features
     * of images (values or raw pixels), from a model drawn with {@code seed}.
     */
    public CheckResult check(CheckCase checkCase, FeatureMatrix full, int classes, long seed) {
        FeatureMatrix x = topLeft(full, checkCase.dims(), checkCase.samples());
        LinearModel model = LinearModel.create(Precision.DOUBLE, classes, checkCase.dims());
        model.initGaussian(new Random(seed), TrainConfig.INIT_STD);
        double lambda = checkCase.lambda();

        double[] scores = new double[classes * x.count()];
        model.scores(x, 0, x.count(), scores);
        loss.evaluate(scores, x.labels(), 0, x.count(), classes, scores);
        model.gradient(x, 0, x.count(), scores, lambda);

        double[] w = new double[classes * checkCase.dims()];
        for (int j = 0; j < checkCase.dims(); j++) {
            for (int k = 0; k < classes; k++) w[k + classes * j] = model.weight(k, j);
        }
        double[] b = model.biases();

        double maxW = 0;
        for (int index = 0; index < w.length; index++) {
            double numerical = centredDifference(w, index, () -> cost.cost(w, b, x, lambda));
            maxW = Math.max(maxW, RelativeError.of(model.weightGradient(index % classes, index / classes), numerical, eps));
        }
        double maxB = 0;
        for (int k = 0; k < classes; k++) {
            double numerical = centredDifference(b, k, () -> cost.cost(w, b, x, lambda));
            maxB = Math.max(maxB, RelativeError.of(model.biasGradient(k), numerical, eps));
        }
        // A perturbation of W(k, j) by h moves score k of image i by h·x_ji; one of b(k) moves it by h.
        double largestFeature = 0;
        for (int i = 0; i < x.count() * x.dim(); i++) largestFeature = Math.max(largestFeature, Math.abs(x.doubles()[i]));
        double largestChange = step * Math.max(1.0, largestFeature);
        return new CheckResult(checkCase, maxW, maxB, cost.kinkDistance(w, b, x), largestChange);
    }

    /** (J(θ + h e_i) − J(θ − h e_i)) / 2h for entry i of {@code theta} (W or b), which {@code cost} reads. */
    private double centredDifference(double[] theta, int i, java.util.function.Supplier<DD> cost) {
        double original = theta[i];
        theta[i] = original + step;
        DD plus = cost.get();
        theta[i] = original - step;
        DD minus = cost.get();
        theta[i] = original;
        // The perturbation actually applied is (original + h) − (original − h), which float64 rounds.
        double applied = (original + step) - (original - step);
        return plus.subtract(minus).doubleValue() / applied;
    }

    /**
     * The first {@code dims} features of the first {@code samples} columns, as a new float64 matrix: the check's own
     * copy, from float64 values or from raw pixels (normalised with the same bits).
     */
    static FeatureMatrix topLeft(FeatureMatrix full, int dims, int samples) {
        if (full.precision() != Precision.DOUBLE) throw new IllegalArgumentException("the gradient check needs float64 features");
        if (dims > full.dim()) throw new IllegalArgumentException("dims " + dims + " exceeds the " + full.dim() + " features");
        if (samples > full.count()) throw new IllegalArgumentException("samples " + samples + " exceeds the " + full.count() + " images");
        double[] values = new double[dims * samples];
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            if (full.doubles() != null) {
                System.arraycopy(full.doubles(), i * full.dim(), values, i * dims, dims);
            } else {
                for (int j = 0; j < dims; j++) values[j + i * dims] = full.value(j, i); // raw pixels, normalised
            }
            labels[i] = full.labels()[i];
        }
        return FeatureMatrix.ofDoubles(values, labels, dims);
    }
}
