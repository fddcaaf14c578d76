package org.cifarsweep.cli;

import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Images;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.gradcheck.CheckCase;
import org.cifarsweep.gradcheck.CheckResult;
import org.cifarsweep.gradcheck.CostFunction;
import org.cifarsweep.gradcheck.GradientChecker;
import org.cifarsweep.gradcheck.SoftmaxCost;
import org.cifarsweep.gradcheck.SvmCost;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LossKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gradcheck}: analytic against centred-difference gradients on real images, in float64. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Compare analytic and numerical gradients; exit 1 if either relative error reaches the threshold.")
public final class GradcheckCommand implements Callable<Integer> {
    @Option(names = "--preprocess", defaultValue = "standardize", description = "scale or standardize (default ${DEFAULT-VALUE})")
    String preprocess;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the random W, b (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--loss", defaultValue = "softmax", description = "softmax or svm (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--threshold", defaultValue = "1e-6", description = "largest accepted relative error (default ${DEFAULT-VALUE})")
    double threshold;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            // A threshold of 0 or less fails every check, NaN or infinity passes every one: neither checks anything.
            throw new CliException("--threshold " + threshold + ": must be a finite number > 0, the largest relative"
                    + " error accepted (e.g. 1e-6)", Main.EXIT_USAGE);
        }
        Preprocess pre = Preprocess.parse(preprocess);
        LossKind lossKind = LossKind.parse(loss);
        Dataset dataset = CifarLoader.load(dataOptions.dataDir(), dataOptions.split());
        dataOptions.warnIfBothVersions();
        // Only the first 100 images are ever used; normalise with the statistics of the whole training split.
        Normalization normalization = Normalization.fit(pre, dataset.train());
        // The check's own float64 copy of its 100 images (2.4 MB), as Normalization.toDoubleMatrix makes it.
        Images images = dataset.train().slice(0, 100);
        FeatureMatrix x = FeatureMatrix.ofDoubles(normalization.toDoubleMatrix(images), images.labels(), Images.PIXELS);
        CostFunction cost = lossKind == LossKind.SVM ? new SvmCost() : new SoftmaxCost();
        GradientChecker checker = new GradientChecker(lossKind.loss(), cost);
        double maxW = 0;
        double maxB = 0;
        boolean clear = true;
        System.out.println("loss: " + lossKind);
        for (CheckCase checkCase : CheckCase.standard()) {
            CheckResult result = checker.check(checkCase, x, dataset.classNames().size(), seed);
            String kinks = Double.isInfinite(result.kinkDistance()) ? ""
                    : String.format("  nearest kink %.2e (a perturbation moves a score <= %.2e)%s",
                            result.kinkDistance(), result.largestScoreChange(), result.clearOfKinks() ? "" : " NEAR A KINK");
            System.out.printf("%-28s W=%.3e b=%.3e%s%n", checkCase, result.maxRelativeErrorW(), result.maxRelativeErrorB(), kinks);
            maxW = Math.max(maxW, result.maxRelativeErrorW());
            maxB = Math.max(maxB, result.maxRelativeErrorB());
            clear &= result.clearOfKinks();
        }
        System.out.printf("max relative error: W=%.3e b=%.3e%n", maxW, maxB);
        boolean pass = maxW < threshold && maxB < threshold && clear;
        // Near a kink the numerical gradient mixes two slopes: such a check proves nothing, so it does not pass.
        System.out.println(pass ? "PASS (below " + threshold + ")" : clear ? "FAIL (threshold " + threshold + ")"
                : "FAIL (a perturbation could cross a kink of the hinge; try another --seed)");
        return pass ? 0 : 1;
    }
}
