package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecayTest {

    @Test
    void stepMultipliesByTheFactorEveryKEpochs() {
        Decay d = Decay.step(0.5, 3);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int e = 1; e <= expected.length; e++) assertEquals(expected[e - 1], d.eta(0.1, e), 1e-18, "epoch " + e);
    }

    @Test
    void exponentialIsEtaTimesGammaToTheEpochsDone() {
        Decay d = Decay.exp(0.9);
        assertEquals(0.1, d.eta(0.1, 1), 0.0);
        assertEquals(0.09, d.eta(0.1, 2), 1e-16);
        assertEquals(0.081, d.eta(0.1, 3), 1e-16);
        assertEquals(0.1 * Math.pow(0.9, 39), d.eta(0.1, 40), 0.0);
    }

    @Test
    void noneAndARateOfOneAreTheSameSchedule() {
        assertEquals(Decay.NONE, Decay.step(1, 5));
        assertEquals(Decay.NONE, new Decay(Decay.Kind.NONE, 0.5, 7));
        assertEquals(0.3, Decay.NONE.eta(0.3, 99), 0.0);
        assertEquals("step0.5x10", Decay.step(0.5, 10).toString());
        assertEquals("exp0.95", Decay.exp(0.95).toString());
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Decay.step(1.5, 2)).getMessage().contains("1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Decay.step(0.5, 0)).getMessage().contains("every 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Decay.Kind.parse("cosine")).getMessage().contains("cosine"));
    }
}
