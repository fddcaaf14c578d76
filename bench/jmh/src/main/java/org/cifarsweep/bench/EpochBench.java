package org.cifarsweep.bench;

import java.util.concurrent.TimeUnit;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.Trainer;
import org.cifarsweep.train.TrainingData;
import org.cifarsweep.train.TrainingOutcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One epoch of the default trial through the product's {@link Trainer}: a {@link TrainConfig} with n_epochs = 1
 * (η = 0.01, λ = 0, batch 100, data order, seed 1, scale): the seeded initialisation of W and b, 100 steps of
 * batch 100 on data_batch_1 (forward, softmax, gradient, step), then the evaluation of the whole training and
 * validation splits. That is 4 products of 2·K·d·n with n = 10,000: 2.458 GFLOP.
 *
 * <p>The trainer also evaluates the test set once at the end of a run. So that the epoch is not billed a fifth
 * product that an epoch of a long run does not have, the test set here is only the first {@code testImages} (100)
 * images of test_batch: 6 MFLOP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EpochBench {
    @Param({"float"})
    public String precision;

    @Param({"100"})
    public int testImages;

    private TrainingData data;
    private TrainConfig config;
    private final Trainer trainer = new Trainer();

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.requireNativeOpenBlas();
        Precision p = Precision.parse(precision);
        data = BenchData.epochData(p, testImages);
        config = new TrainConfig(0.01, 0.0, 100, 1, 1L, false, p);
    }

    @Benchmark
    public TrainingOutcome epoch() {
        return trainer.train(config, data, metrics -> { });
    }
}
