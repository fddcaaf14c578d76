package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The warm-up runs once per JVM. A class of its own: in {@link PixelKernelTest} it would also run in
 * {@link Vector256PixelKernelTest}'s JVM and put a second vector shape there.
 */
class PixelKernelWarmUpTest {

    @Test
    void aSecondWarmUpDoesNothingAndReportsTheFirst() {
        double first = PixelKernel.warmUp();
        // A second run would measure its own time, a different double; doing nothing returns the first one.
        assertEquals(first, PixelKernel.warmUp(), "a second warm-up does nothing");
        assertEquals(first, PixelKernel.warmUpSeconds());
    }
}
