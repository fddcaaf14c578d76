package org.cifarsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.PackTrainer;
import org.cifarsweep.train.TrainConfig;
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
 * One epoch of a pack of {@code members} (P) trials through the product's {@link PackTrainer}: {@link EpochBench}'s
 * trial (batch 100, data order, λ = 0, scale, 1 epoch, 100 test images) P times with η = 0.01·(1 + m/P) and seed
 * 1 + m, so the members differ as a sweep's do. 4·P products of 2·K·d·10,000: 2.458·P GFLOP. Read against P ×
 * {@code EpochBench.epoch} of the same run: the time a pack saves over P single trials.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PackEpochBench {
    @Param({"float"})
    public String precision;

    @Param({"1", "16"})
    public int members;

    @Param({"100"})
    public int testImages;

    private TrainingData data;
    private List<PackTrainer.Member> pack;
    private final PackTrainer trainer = new PackTrainer();

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.requireNativeOpenBlas();
        Precision p = Precision.parse(precision);
        data = BenchData.epochData(p, testImages);
        pack = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            pack.add(new PackTrainer.Member(new TrainConfig(0.01 * (1 + (double) m / members), 0.0, 100, 1, 1L + m,
                    false, p)));
        }
    }

    @Benchmark
    public List<TrainingOutcome> epoch() {
        return trainer.train(pack, data, 1L, PackTrainer.Listener.NONE);
    }
}
