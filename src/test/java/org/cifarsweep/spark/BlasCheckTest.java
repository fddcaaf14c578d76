package org.cifarsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's BLAS against the executors': one warning line naming both sides when they differ. */
class BlasCheckTest {
    private static final String DRIVER = "JNIBLAS (native /p/target/native/libopenblas.so.0)";
    private static final String OTHER_PATH = "JNIBLAS (native /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3)";
    private static final String JAVA = "VectorBLAS (Java, jdk.incubator.vector)";

    @Test
    void executorsWithTheDriversBlasAreFine() {
        assertNull(BlasCheck.mismatch(DRIVER, Map.of("driver", DRIVER)));
        assertNull(BlasCheck.mismatch(DRIVER, Map.of("0", DRIVER, "1", DRIVER)));
        assertNull(BlasCheck.mismatch(DRIVER, Map.of()));
        assertEquals(Map.of(), BlasCheck.executorWarnings(Map.of("0", DRIVER, "1", OTHER_PATH)));
    }

    @Test
    void anotherImplementationClassIsNamedWithItsExecutor() {
        String line = BlasCheck.mismatch(DRIVER, Map.of("0", DRIVER, "1", JAVA));
        assertEquals("BLAS differs between the driver and executors: driver " + DRIVER + "; executor 1 " + JAVA
                + "; pin the same OpenBLAS on every node (see README, Running on a cluster)", line);
    }

    @Test
    void anotherNativeLibraryPathIsAMismatchToo() {
        String line = BlasCheck.mismatch(DRIVER, Map.of("3", DRIVER, "1", OTHER_PATH, "2", OTHER_PATH, "4", JAVA));
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("driver " + DRIVER + ";"), line);
        assertTrue(line.contains("executors 1, 2 " + OTHER_PATH), line);
        assertTrue(line.contains("executor 4 " + JAVA), line);
        assertFalse(line.contains("executor 3") || line.contains(", 3"), line);
    }

    @Test
    void executorWarningsAreKeptPerExecutor() {
        Map<String, String> warnings = BlasCheck.executorWarnings(Map.of(
                "0", DRIVER, "1", JAVA, "2", "JNIBLAS (native system libblas.so.3 = /usr/lib/x86_64-linux-gnu/blas/libblas.so.3)"));
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get("1").startsWith("no native BLAS was loaded; using " + JAVA), warnings.get("1"));
        assertTrue(warnings.get("2").contains("reference netlib BLAS"), warnings.get("2"));
    }
}
