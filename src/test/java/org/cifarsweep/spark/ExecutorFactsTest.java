package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.cifarsweep.model.PixelKernel;
import org.cifarsweep.model.Precision;
import org.junit.jupiter.api.Test;

class ExecutorFactsTest {

    @Test
    void theFloatKernelIsNamedWithItsCompileTimeOnceWarmedUp() {
        double seconds = PixelKernel.warmUp();
        ExecutorFacts facts = ExecutorFacts.here("no-such-sweep", Precision.FLOAT);
        assertTrue(facts.floatKernel().startsWith("Vector API pixel kernel"), facts.floatKernel());
        assertTrue(facts.floatKernel().endsWith(String.format(", compiled in %.2f s", seconds)), facts.floatKernel());
        assertEquals("not used", ExecutorFacts.here("no-such-sweep", Precision.DOUBLE).floatKernel());
        assertEquals(0, facts.decodesInJvm());
    }

    @Test
    void executorsOnTheScalarKernelAreNamedInOneLine() {
        Map<String, String> kernels = new TreeMap<>();
        kernels.put("0", "Vector API pixel kernel (512-bit, jdk.incubator.vector), compiled in 1.02 s");
        assertNull(SweepRunner.slowKernelWarning(kernels));
        kernels.put("1", "scalar pixel kernel (Java); warning: float32 runs on the scalar pixel kernel (module"
                + " jdk.incubator.vector is not loaded), many times slower");
        kernels.put("2", "not used");
        assertEquals("executor(s) 1 trained float32 on the scalar pixel kernel (float32 runs on the scalar pixel"
                + " kernel (module jdk.incubator.vector is not loaded), many times slower)",
                SweepRunner.slowKernelWarning(kernels));
    }

    @Test
    void theLaterReportOfAJvmWins() {
        ExecutorFacts first = new ExecutorFacts("blas", 0, 0, "k");
        ExecutorFacts second = new ExecutorFacts("blas", 1, 100, "k");
        assertEquals(second, first.latest(second));
        assertEquals(second, second.latest(first));
    }
}
