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
 * The forward pass of the per-epoch evaluation: {@code LinearModel.scores} of the whole validation split
 * (data_batch_2, n = 10,000) in one call, S = W X + b 1ᵀ with K = 10, d = 3072: 2·K·d·n = 614.4 MFLOP. The features
 * are built with {@code FeatureMatrix.of}, as the trainer's, so each precision runs the product's own path for it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ForwardBench {
    @Param({"float", "double"})
    public String precision;

    private FeatureMatrix x;
    private LinearModel model;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.requireNativeOpenBlas();
        Precision p = Precision.parse(precision);
        x = FeatureMatrix.of(p, BenchData.normalization(), BenchData.dataset().validation());
        model = LinearModel.create(p, BenchData.CLASSES, x.dim());
        model.initGaussian(new Random(1), 0.01);
        out = new double[BenchData.CLASSES * x.count()];
    }

    @Benchmark
    public double[] forward() {
        model.scores(x, 0, x.count(), out);
        return out;
    }
}
