package org.cifarsweep.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The BLAS description and its warning: which library was loaded, and whether it is the OpenBLAS we pin. */
class BlasBackendTest {
    private static final String PINNED = "/p/target/native/org/bytedeco/openblas/linux-x86_64/libopenblas.so.0";
    private static final String JNI = "/tmp/jniloader1234/libnetlibblasjni.so";
    private static final String REFERENCE = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0";
    private static final String DEBIAN_OPENBLAS = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3";

    /** Every warning is one line that says what was found and how to get the pinned OpenBLAS. */
    private static String warns(String description, String... parts) {
        String warning = BlasBackend.warning(description);
        assertTrue(warning != null, "no warning for " + description);
        assertFalse(warning.contains("\n"), warning);
        assertTrue(warning.contains("submit.sh") && warning.contains("-D" + BlasBackend.NATIVE_PATH_PROPERTY), warning);
        for (String part : parts) assertTrue(warning.contains(part), "'" + part + "' missing in: " + warning);
        return warning;
    }

    @Test
    void thePinnedOpenBlasIsDescribedByItsPathAndNotWarnedAbout() {
        String d = BlasBackend.describe("JNIBLAS", PINNED, List.of(JNI, REFERENCE));
        assertEquals("JNIBLAS (native " + PINNED + ")", d);
        assertNull(BlasBackend.warning(d));
    }

    @Test
    void withoutThePropertyTheSystemLibblasIsIdentifiedFromTheMemoryMap() {
        // netlib's own JNI library is mapped too; it is not the BLAS.
        String reference = BlasBackend.describe("JNIBLAS", null, List.of("/usr/lib/jvm/lib/server/libjvm.so", JNI, REFERENCE));
        assertEquals("JNIBLAS (native system libblas.so.3 = " + REFERENCE + ")", reference);
        warns(reference, "reference netlib BLAS", REFERENCE, "15× slower");

        // Debian's alternatives can make libblas.so.3 OpenBLAS: then there is nothing to warn about.
        String openblas = BlasBackend.describe("JNIBLAS", null, List.of(JNI, DEBIAN_OPENBLAS));
        assertEquals("JNIBLAS (native system libblas.so.3 = " + DEBIAN_OPENBLAS + ")", openblas);
        assertNull(BlasBackend.warning(openblas));
    }

    @Test
    void anUnidentifiedSystemLibblasIsWarnedAbout() {
        String d = BlasBackend.describe("JNIBLAS", null, List.of());
        assertEquals("JNIBLAS (native system libblas.so.3)", d);
        warns(d, "system libblas.so.3", "could not be identified", "reference netlib BLAS");
    }

    @Test
    void aPinnedPathThatIsNotOpenBlasIsWarnedAbout() {
        warns(BlasBackend.describe("JNIBLAS", "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", List.of()),
                "native BLAS is /usr/lib/x86_64-linux-gnu/blas/libblas.so.3", "not OpenBLAS", "reference netlib BLAS");
        String mkl = warns(BlasBackend.describe("JNIBLAS", "/opt/intel/lib/libmkl_rt.so", List.of()),
                "/opt/intel/lib/libmkl_rt.so", "not the OpenBLAS this project pins");
        assertFalse(mkl.contains("reference"), mkl);
    }

    @Test
    void javaFallbacksAreWarnedAbout() {
        String vector = BlasBackend.describe("VectorBLAS", PINNED, List.of());
        assertEquals("VectorBLAS (Java, jdk.incubator.vector)", vector);
        warns(vector, "no native BLAS was loaded", "VectorBLAS (Java, jdk.incubator.vector)", "slower than OpenBLAS");
        String scalar = BlasBackend.describe("Java11BLAS", null, List.of(REFERENCE));
        assertEquals("Java11BLAS (Java, scalar)", scalar);
        warns(scalar, "no native BLAS was loaded", "Java11BLAS (Java, scalar)");
    }

    @Test
    void theTestJvmRunsThePinnedOpenBlas() {
        // pom.xml pins the project's OpenBLAS for the tests, as submit.sh does for the driver and the executors.
        String d = BlasBackend.describe();
        assertEquals("JNIBLAS (native " + System.getProperty(BlasBackend.NATIVE_PATH_PROPERTY) + ")", d);
        assertTrue(d.contains("libopenblas"), d);
        assertTrue(BlasBackend.isNative());
        assertNull(BlasBackend.warning(), d);
    }
}
