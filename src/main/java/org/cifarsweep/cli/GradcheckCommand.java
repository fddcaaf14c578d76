package org.cifarsweep.cli;

import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Normalization;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.gradcheck.CheckCase;
import org.cifarsweep.gradcheck.CheckResult;
import org.cifarsweep.gradcheck.GradientChecker;
import org.cifarsweep.gradcheck.SoftmaxCost;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.Precision;
import org.cifarsweep.model.SoftmaxCrossEntropy;
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
    @Option(names = "--threshold", defaultValue = "1e-6", description = "largest accepted relative error (default ${DEFAULT-VALUE})")
    double threshold;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        Preprocess pre = Preprocess.parse(preprocess);
        Dataset dataset = CifarLoader.load(dataOptions.dataDir(), dataOptions.split());
        // Only the first 100 images are ever used; normalise with the statistics of the whole training split.
        Normalization normalization = Normalization.fit(pre, dataset.train());
        FeatureMatrix x = FeatureMatrix.of(Precision.DOUBLE, normalization, dataset.train().slice(0, 100));
        GradientChecker checker = new GradientChecker(SoftmaxCrossEntropy.INSTANCE, new SoftmaxCost());
        double maxW = 0;
        double maxB = 0;
        for (CheckCase checkCase : CheckCase.standard()) {
            CheckResult result = checker.check(checkCase, x, dataset.classNames().size(), seed);
            System.out.printf("%-28s W=%.3e b=%.3e%n", checkCase, result.maxRelativeErrorW(), result.maxRelativeErrorB());
            maxW = Math.max(maxW, result.maxRelativeErrorW());
            maxB = Math.max(maxB, result.maxRelativeErrorB());
        }
        System.out.printf("max relative error: W=%.3e b=%.3e%n", maxW, maxB);
        boolean pass = maxW < threshold && maxB < threshold;
        System.out.println(pass ? "PASS (below " + threshold + ")" : "FAIL (threshold " + threshold + ")");
        return pass ? 0 : 1;
    }
}
