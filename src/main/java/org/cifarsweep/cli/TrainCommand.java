package org.cifarsweep.cli;

import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.model.BlasBackend;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;
import org.cifarsweep.report.ReportBuilder;
import org.cifarsweep.results.OutputFolder;
import org.cifarsweep.results.ResultsWriter;
import org.cifarsweep.results.ResultsRow;
import org.cifarsweep.sweep.TrialName;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: one configuration, a per-epoch table on the console, and the run's files in --out. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one linear classifier (softmax or SVM) with mini-batch gradient descent.")
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--eta", defaultValue = "0.001", description = "learning rate (default ${DEFAULT-VALUE})")
    double eta;
    @Option(names = "--lambda", defaultValue = "0", description = "L2 penalty on W (default ${DEFAULT-VALUE})")
    double lambda;
    @Option(names = "--batch", defaultValue = "100", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batch;
    @Option(names = "--epochs", defaultValue = "40", description = "epochs (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the initial W, b and shuffling (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--shuffle", description = "reshuffle the training set every epoch (default: data order)")
    boolean shuffle;
    @Option(names = "--loss", defaultValue = "softmax", description = "softmax (cross-entropy) or svm (multi-class hinge) (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--flip", defaultValue = "0", description = "probability of mirroring each training image, per epoch (default ${DEFAULT-VALUE})")
    double flip;
    @Option(names = "--decay", defaultValue = "none", description = "learning-rate decay: none, step (× --decay-rate every --decay-every epochs) or exp (× --decay-rate per epoch) (default ${DEFAULT-VALUE})")
    String decay;
    @Option(names = "--decay-rate", defaultValue = "1", description = "decay factor (step) or γ (exp), in (0, 1] (default ${DEFAULT-VALUE})")
    double decayRate;
    @Option(names = "--decay-every", defaultValue = "1", description = "epochs between step decays (default ${DEFAULT-VALUE})")
    int decayEvery;
    @Option(names = "--preprocess", defaultValue = "scale", description = "scale (÷255) or standardize (default ${DEFAULT-VALUE})")
    String preprocess;
    @Option(names = "--precision", defaultValue = "double", description = "double or float (default ${DEFAULT-VALUE})")
    String precision;
    @Option(names = "--out", defaultValue = "out/train", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--overwrite", description = "replace the results in a non-empty --out")
    boolean overwrite;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        // Validate everything the user typed before reading data or touching --out.
        Preprocess pre = Preprocess.parse(preprocess);
        TrainOptions options = new TrainOptions(LossKind.parse(loss), flip,
                new Decay(Decay.Kind.parse(decay), decayRate, decayEvery));
        TrainConfig config = new TrainConfig(eta, lambda, batch, epochs, seed, shuffle, Precision.parse(precision),
                options);
        Dataset dataset = CifarLoader.load(dataOptions.dataDir(), dataOptions.split());
        config.checkAgainst(dataset.train().count());
        OutputFolder.prepare(out, overwrite, ResultsWriter.RESULTS, ResultsWriter.CURVES, ResultsWriter.WEIGHTS,
                ReportBuilder.PAGE, ReportBuilder.PLOTS);

        console.println("BLAS: " + BlasBackend.describe());
        String warning = BlasBackend.warning();
        if (warning != null) System.err.println("cifar-sweep: warning: " + warning);
        if (config.precision() == Precision.FLOAT) {
            console.println("float32 kernel: " + PixelKernel.create().describe());
            String kernelWarning = PixelKernel.warning();
            if (kernelWarning != null) System.err.println("cifar-sweep: warning: " + kernelWarning);
        }
        console.printf("data: %s (%s split: %d train, %d val, %d test)%n", dataOptions.dataDir(),
                dataOptions.split(), dataset.train().count(), dataset.validation().count(), dataset.test().count());

        TrainingData data = TrainingData.of(dataset, pre, config.precision());
        if (config.precision() == Precision.FLOAT) {
            console.printf("float32 kernel compiled in %.2f s (once per JVM, before the trial's clock starts)%n",
                    PixelKernel.warmUp());
        }
        console.println(" epoch  train_loss  train_cost  train_acc    val_loss    val_cost    val_acc");
        TrainingOutcome outcome = new Trainer().train(config, data, m -> printEpoch(console, m));

        String trial = TrialName.of(config, true);
        ResultsRow row = ResultsRow.of(trial, config, pre.toString(), dataOptions.split().toString(), outcome,
                InetAddress.getLocalHost().getHostName(), "driver");
        try (ResultsWriter writer = new ResultsWriter(out)) {
            writer.record(row, outcome.curves(), outcome.model().weightRows(), outcome.model().biases());
        }
        ReportBuilder.buildOrWarn(out, System.err);
        console.printf("status: %s%s%n", outcome.status(), outcome.reason().isEmpty() ? "" : " (" + outcome.reason() + ")");
        console.printf("test accuracy: %.4f   (%.1f s training; results in %s)%n",
                outcome.testAccuracy(), outcome.seconds(), out);
        return 0;
    }

    private static void printEpoch(PrintStream console, EpochMetrics m) {
        console.printf("%6d  %10.4f  %10.4f  %9.4f  %10.4f  %10.4f  %9.4f%n", m.epoch(), m.trainLoss(), m.trainCost(),
                m.trainAcc(), m.valLoss(), m.valCost(), m.valAcc());
    }
}
