package org.cifarsweep.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.LinearPack;
import org.cifarsweep.model.Precision;
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
 * The packed products of {@code members} (P) models through {@code LinearPack}, as a pack's training runs them:
 * <ul>
 *   <li>{@code forward}: the scores of an evaluation chunk of {@code chunk} (2,000) validation images for all P
 *   members, one pass over the chunk: 2·10P·d·chunk flops (P = 16: 1.97 GFLOP);</li>
 *   <li>{@code gradient}: the gradient of one mini-batch of 100 for all P members, each call on the next batch of
 *   data_batch_1: 2·10P·d·100 flops.</li>
 * </ul>
 * float32 times the pixel kernel's many-row paths (P·10 stacked rows), float64 the stacked dgemm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PackKernelBench {
    @Param({"float"})
    public String precision;

    @Param({"1", "4", "8", "16"})
    public int members;

    @Param({"2000"})
    public int chunk;

    private FeatureMatrix validation;
    private FeatureMatrix train;
    private LinearPack pack;
    private double[][] out;
    private double[][] g;
    private double[] lambdas;
    private int batches;
    private int next;
    private int nextChunk;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.requireNativeOpenBlas();
        Precision p = Precision.parse(precision);
        validation = FeatureMatrix.of(p, BenchData.normalization(), BenchData.dataset().validation());
        train = FeatureMatrix.of(p, BenchData.normalization(), BenchData.dataset().train());
        List<LinearModel> models = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            LinearModel model = LinearModel.create(p, BenchData.CLASSES, BenchData.DIM);
            model.initGaussian(new Random(1 + m), 0.01);
            models.add(model);
        }
        pack = new LinearPack(models);
        out = new double[members][BenchData.CLASSES * chunk];
        Random rng = new Random(2);
        g = new double[members][BenchData.CLASSES * 100];
        for (double[] gm : g) for (int i = 0; i < gm.length; i++) gm[i] = 0.2 * rng.nextDouble() - 0.1;
        lambdas = new double[members];
        batches = train.count() / 100;
    }

    @Benchmark
    public double[][] forward() {
        pack.scores(validation, nextChunk * chunk, chunk, out);
        nextChunk = (nextChunk + 1) * chunk + chunk > validation.count() ? 0 : nextChunk + 1;
        return out;
    }

    @Benchmark
    public LinearPack gradient() {
        pack.gradient(train, next * 100, 100, g, lambdas);
        next = next + 1 == batches ? 0 : next + 1;
        return pack;
    }
}
