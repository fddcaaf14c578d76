package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Idle core-seconds on a fake clock, worked by hand. */
class IdleCoresTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void theIntegralOfTheCoresWithoutATask() {
        AtomicLong now = new AtomicLong(100 * SECOND);
        IdleCores idle = new IdleCores(2, now::get);
        now.addAndGet(SECOND);          // 0–1 s: 2 idle cores            → 2
        idle.started();
        now.addAndGet(2 * SECOND);      // 1–3 s: 1 idle                  → 2
        idle.started();
        now.addAndGet(SECOND);          // 3–4 s: none idle               → 0
        idle.ended();
        now.addAndGet(2 * SECOND);      // 4–6 s: 1 idle                  → 2
        idle.ended();
        now.addAndGet(SECOND);          // 6–7 s: 2 idle                  → 2
        assertEquals(8.0, idle.idleCoreSeconds(), 1e-12);
        // A listener event that arrives late (an end without its start) never makes the count negative.
        idle.ended();
        now.addAndGet(SECOND);
        assertEquals(10.0, idle.idleCoreSeconds(), 1e-12);
    }
}
