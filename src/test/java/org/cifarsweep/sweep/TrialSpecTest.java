package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cifarsweep.model.Precision;
import org.cifarsweep.train.TrainConfig;
import org.junit.jupiter.api.Test;

class TrialSpecTest {
    private static TrialSpec trial(int batch, int epochs) {
        return TrialSpec.of(new TrainConfig(0.01, 0, batch, epochs, 1, false, Precision.DOUBLE), false);
    }

    @Test
    void moreEpochsCostMore() {
        assertTrue(trial(100, 40).estimatedCost() > trial(100, 3).estimatedCost());
    }

    @Test
    void smallerBatchesCostMore() {
        assertTrue(trial(20, 40).estimatedCost() > trial(100, 40).estimatedCost());
        assertTrue(trial(100, 40).estimatedCost() > trial(500, 40).estimatedCost());
    }

    @Test
    void costIsEpochsTimesOnePlusThirtyOverBatch() {
        assertEquals(52.0, trial(100, 40).estimatedCost(), 1e-12);   // 40 × 1.3
        assertEquals(4 * 31.0, trial(1, 4).estimatedCost(), 1e-12);
    }

    @Test
    void ofNamesTheTrialWithTrialId() {
        TrainConfig c = new TrainConfig(0.001, 0.1, 100, 40, 7, false, Precision.FLOAT);
        assertEquals(TrialName.of(c, true), TrialSpec.of(c, true).id());
        assertEquals("eta0.001_lam0.1_b100_ep40_s7", TrialSpec.of(c, true).id());
        assertEquals("eta0.001_lam0.1_b100_ep40", TrialSpec.of(c, false).id());
        TrainConfig shuffled = new TrainConfig(1e-4, 0, 20, 5, -3, true, Precision.DOUBLE);
        assertEquals("eta0.0001_lam0_b20_ep5_shuf_s-3", TrialSpec.of(shuffled, true).id());
    }

    @Test
    void needsAnIdAndAConfig() {
        TrainConfig c = new TrainConfig(0.001, 0.1, 100, 40, 7, false, Precision.FLOAT);
        assertThrows(IllegalArgumentException.class, () -> new TrialSpec(" ", c));
        assertThrows(NullPointerException.class, () -> new TrialSpec("x", null));
    }
}
