package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cifarsweep.model.Precision;
import org.junit.jupiter.api.Test;

/** The cut of a sweep's runs into Spark jobs whose results stay under half of spark.driver.maxResultSize. */
class ResultBudgetTest {

    @Test
    void oneResultIsWAndBPlusCurvesPlusAFixedPart() {
        // float64: 10 × 3073 values × 8 bytes = 245,840; + 1,024 array headers; 40 epochs × 128 = 5,120; + 16,384.
        assertEquals(245_840 + 1_024 + 5_120 + 16_384, ResultBudget.resultBytes(10, 3072, Precision.DOUBLE, true, 40));
        // float32: half the values' bytes, 122,920.
        assertEquals(122_920 + 1_024 + 5_120 + 16_384, ResultBudget.resultBytes(10, 3072, Precision.FLOAT, true, 40));
        // No weights sent: curves and the rest only.
        assertEquals(2 * 128 + 16_384, ResultBudget.resultBytes(10, 3072, Precision.DOUBLE, false, 2));
    }

    @Test
    void runsPerJobFillHalfOfMaxResultSize() {
        // Spark's default 1g: half is 536,870,912; float64 results of 2 epochs, 263,504 bytes: 2,037 a job.
        long float64 = ResultBudget.resultBytes(10, 3072, Precision.DOUBLE, true, 2);
        assertEquals(263_504, float64);
        assertEquals(2_037, ResultBudget.runsPerJob(1L << 30, float64));
        // 1m: half is 524,288, room for 1 (not 2: 527,008).
        assertEquals(1, ResultBudget.runsPerJob(1L << 20, float64));
        // Smaller than one result: still 1 a job.
        assertEquals(1, ResultBudget.runsPerJob(1_000, float64));
        // 0 is Spark's "unlimited".
        assertEquals(Integer.MAX_VALUE, ResultBudget.runsPerJob(0, float64));
        // Without weights, 16,640 bytes: 32,263 a job in 1g.
        assertEquals(32_263, ResultBudget.runsPerJob(1L << 30, ResultBudget.resultBytes(10, 3072, Precision.DOUBLE, false, 2)));
    }

    @Test
    void splitKeepsTheOrderInConsecutiveJobs() {
        List<Integer> runs = List.of(1, 2, 3, 4, 5, 6, 7);
        assertEquals(List.of(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7)), ResultBudget.split(runs, 3));
        assertEquals(List.of(runs), ResultBudget.split(runs, Integer.MAX_VALUE));
        assertEquals(List.of(List.of(1), List.of(2), List.of(3), List.of(4), List.of(5), List.of(6), List.of(7)),
                ResultBudget.split(runs, 1));
        assertEquals(List.of(), ResultBudget.split(List.of(), 5));
    }

    @Test
    void aJobOfContinuationsHoldsAtMost64MiBOfStates() {
        // A float64 CIFAR-10 state of 3 epochs: 10 × 3,073 doubles (245,840 bytes) + 10 row headers (160) + 1,024
        // + 3 epochs × 128 = 247,408 bytes.
        long state = ResultBudget.stateBytes(10, 3072, 3);
        assertEquals(247_408, state);
        // 64 MiB = 67,108,864 bytes: 271 states (271.2).
        assertEquals(271, ResultBudget.statesPerJob(ResultBudget.STATE_BUDGET, state));
        // A budget below one state still runs one a job.
        assertEquals(1, ResultBudget.statesPerJob(1024, state));
    }
}
