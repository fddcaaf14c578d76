package org.cifarsweep.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.run.RunService;
import org.cifarsweep.run.TrainRequest;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.sweep.WeightsPolicy;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
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
    @Option(names = "--decay-rate", paramLabel = "R", description = "decay factor (step) or γ (exp), in (0, 1]; required with --decay step or exp")
    Double decayRate;
    @Option(names = "--decay-every", defaultValue = "1", description = "epochs between step decays (default ${DEFAULT-VALUE})")
    int decayEvery;
    @Option(names = "--preprocess", defaultValue = "scale", description = "scale (÷255) or standardize (default ${DEFAULT-VALUE})")
    String preprocess;
    @Option(names = "--precision", defaultValue = "double", description = "double or float (default ${DEFAULT-VALUE})")
    String precision;
    @Option(names = "--weights", defaultValue = "all", description = "all (write weights/<trial>.mat) or none (default ${DEFAULT-VALUE})")
    String weights;
    @Option(names = "--out", defaultValue = "out/train", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--overwrite", description = "replace the results in a non-empty --out")
    boolean overwrite;
    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() {
        PrintStream console = System.out;
        // Validate everything the user typed before reading data or touching --out.
        Preprocess pre = Preprocess.parse(preprocess);
        Decay.Kind decayKind = Decay.Kind.parse(decay);
        if (decayKind != Decay.Kind.NONE && decayRate == null) {
            // As decay_rate in a conf: a silent rate of 1 (no decay at all) would hide the missing option.
            throw new CliException("--decay " + decayKind + ": needs --decay-rate R, the factor in (0, 1] (as decay_rate"
                    + " in a conf; 1 is no decay)", Main.EXIT_USAGE);
        }
        TrainOptions options = new TrainOptions(LossKind.parse(loss), flip,
                new Decay(decayKind, decayRate == null ? 1 : decayRate, decayEvery));
        TrainConfig config = new TrainConfig(eta, lambda, batch, epochs, seed, shuffle, Precision.parse(precision),
                options);
        WeightsPolicy keep = trainWeights(weights);
        Dataset dataset = CifarLoader.load(dataOptions.dataDir(), dataOptions.split());
        dataOptions.warnIfBothVersions();
        TrainRequest request = new TrainRequest(config, pre, dataOptions.dataDir(), dataOptions.split(), dataset, out,
                overwrite, keep);
        RunNotice.train(out);
        new RunService(console, System.err).train(request, new EpochTable(console));
        return 0;
    }

    /** {@code --weights}: train is one trial, so it keeps its weights or not. */
    static WeightsPolicy trainWeights(String value) {
        switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "all": return WeightsPolicy.ALL;
            case "none": return WeightsPolicy.NONE;
            default: throw new CliException("--weights '" + value + "': must be all or none (train runs one trial;"
                    + " a sweep's conf takes weights = \"best N\")", Main.EXIT_USAGE);
        }
    }

    /** The per-epoch table on the console. */
    private static final class EpochTable implements org.cifarsweep.train.EpochListener {
        private final PrintStream console;
        private boolean headed;

        EpochTable(PrintStream console) {
            this.console = console;
        }

        @Override
        public void epochDone(EpochMetrics m) {
            if (!headed) {
                console.println(" epoch  train_loss  train_cost  train_acc    val_loss    val_cost    val_acc");
                headed = true;
            }
            console.printf("%6d  %10.4f  %10.4f  %9.4f  %10.4f  %10.4f  %9.4f%n", m.epoch(), m.trainLoss(),
                    m.trainCost(), m.trainAcc(), m.valLoss(), m.valCost(), m.valAcc());
        }
    }
}
