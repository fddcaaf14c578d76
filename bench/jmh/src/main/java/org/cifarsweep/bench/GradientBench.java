package org.cifarsweep.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
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
 * The gradient of one mini-batch: {@code LinearModel.gradient} on {@code batch} (default 100) training images,
 * dW = G Xᵀ / n + 2λW and db = G 1 / n (λ = 0, as in the default trial): 2·K·d·n = 6.14 MFLOP for n = 100.
 *
 * <p>Each call takes the next batch of data_batch_1 in data order, as an epoch does, so X comes from memory as in
 * training rather than from a cache warmed by the previous call. G is a fixed K×n block of values of the size of a
 * softmax gradient.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GradientBench {
    @Param({"float", "double"})
    public String precision;

    @Param({"100"})
    public int batch;

    private FeatureMatrix x;
    private LinearModel model;
    private double[] g;
    private int batches;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.requireNativeOpenBlas();
        Precision p = Precision.parse(precision);
        x = FeatureMatrix.of(p, BenchData.normalization(), BenchData.dataset().train());
        if (batch < 1 || batch > x.count()) throw new IllegalArgumentException("batch " + batch + " not in 1.." + x.count());
        model = LinearModel.create(p, BenchData.CLASSES, x.dim());
        model.initGaussian(new Random(1), 0.01);
        Random rng = new Random(2);
        g = new double[BenchData.CLASSES * batch];
        for (int i = 0; i < g.length; i++) g[i] = 0.2 * rng.nextDouble() - 0.1;
        batches = x.count() / batch;
        next = 0;
    }

    @Benchmark
    public LinearModel gradient() {
        model.gradient(x, next * batch, batch, g, 0.0);
        next = next + 1 == batches ? 0 : next + 1;
        return model;
    }
}
