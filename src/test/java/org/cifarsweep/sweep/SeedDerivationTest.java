package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeedDerivationTest {
    /** The documented recipe, written out independently: first 8 bytes of SHA-256, big-endian. */
    private static long expected(String canonical) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(Arrays.copyOf(digest, 8)).longValue();
    }

    @Test
    void isTheFirstEightBytesOfSha256OfTheCanonicalString() throws Exception {
        assertEquals(expected("1|0.01|0.0|100|40|false"), SeedDerivation.trialSeed(1, 0.01, 0, 100, 40, false));
        assertEquals(expected("-7|1.0E-4|1.0|20|3|true"), SeedDerivation.trialSeed(-7, 1e-4, 1, 20, 3, true));
    }

    @Test
    void eachValueChangesTheSeed() {
        long base = SeedDerivation.trialSeed(1, 0.01, 0.1, 100, 40, false);
        assertEquals(base, SeedDerivation.trialSeed(1, 0.01, 0.1, 100, 40, false));
        assertNotEquals(base, SeedDerivation.trialSeed(2, 0.01, 0.1, 100, 40, false));
        assertNotEquals(base, SeedDerivation.trialSeed(1, 0.001, 0.1, 100, 40, false));
        assertNotEquals(base, SeedDerivation.trialSeed(1, 0.01, 1, 100, 40, false));
        assertNotEquals(base, SeedDerivation.trialSeed(1, 0.01, 0.1, 20, 40, false));
        assertNotEquals(base, SeedDerivation.trialSeed(1, 0.01, 0.1, 100, 41, false));
        assertNotEquals(base, SeedDerivation.trialSeed(1, 0.01, 0.1, 100, 40, true));
    }

    @Test
    void negativeZeroIsZero() {
        assertEquals(SeedDerivation.trialSeed(1, 0.01, 0.0, 100, 40, false),
                SeedDerivation.trialSeed(1, 0.01, -0.0, 100, 40, false));
    }
}
