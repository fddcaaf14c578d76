package org.cifarsweep.bench;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * The roofline reference: single-thread sgemm C = A B of square {@code size}×{@code size} matrices (default 2048:
 * 2·2048³ = 17.2 GFLOP) through netlib's {@code BLAS.getInstance()}, i.e. the same pinned native OpenBLAS the
 * product loads. Large square products are compute-bound, so this is what one core's sgemm can reach: the
 * reference the kernels' GFLOP/s are compared with, whatever code computes them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SgemmPeakBench {
    @Param({"2048"})
    public int size;

    private final BLAS blas = BLAS.getInstance();
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup(Level.Trial)
    public void setUp() {
        BenchData.requireNativeOpenBlas();
        Random rng = new Random(3);
        a = new float[size * size];
        b = new float[size * size];
        c = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextFloat() - 0.5f;
            b[i] = rng.nextFloat() - 0.5f;
        }
    }

    @Benchmark
    public float[] sgemm() {
        blas.sgemm("N", "N", size, size, size, 1f, a, size, b, size, 0f, c, size);
        return c;
    }
}
