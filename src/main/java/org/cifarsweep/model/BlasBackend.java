package org.cifarsweep.model;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which dense BLAS dev.ludovic.netlib loaded. Left alone it silently picks the image's reference libblas, about
 * 15× slower than OpenBLAS, or a Java fallback, so we report the library and warn when it is not a native OpenBLAS.
 */
public final class BlasBackend {
    public static final String NATIVE_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
    /** What netlib dlopen()s when {@link #NATIVE_PATH_PROPERTY} is not set. */
    static final String SYSTEM_LIBRARY = "system libblas.so.3";
    private static final String NATIVE_PREFIX = "JNIBLAS (native ";
    private static final String PIN = "; run through submit.sh, which pins the project's OpenBLAS with -D"
            + NATIVE_PATH_PROPERTY;

    /** The BLAS of this JVM never changes once loaded; computed on first use (it may read /proc/self/maps). */
    private static volatile String description;

    private BlasBackend() { }

    /**
     * e.g. {@code JNIBLAS (native /…/libopenblas.so.0)}, {@code JNIBLAS (native system libblas.so.3 =
     * /usr/lib/x86_64-linux-gnu/blas/libblas.so.3)} or {@code VectorBLAS (Java, jdk.incubator.vector)}.
     */
    public static String describe() {
        String d = description;
        if (d == null) {
            String implementation = BLAS.getInstance().getClass().getSimpleName(); // loads the library first
            d = describe(implementation, System.getProperty(NATIVE_PATH_PROPERTY), mappedFiles());
            description = d;
        }
        return d;
    }

    /**
     * The description of {@code implementation} (netlib's class name), loaded with {@code pathProperty} (null when
     * unset), in a process that has {@code mapped} files in memory.
     */
    static String describe(String implementation, String pathProperty, List<String> mapped) {
        if (!implementation.equals("JNIBLAS")) {
            return implementation + (implementation.equals("VectorBLAS") ? " (Java, jdk.incubator.vector)" : " (Java, scalar)");
        }
        // With the property, netlib's JNI library dlopen()s exactly that file (or JNIBLAS fails to load and netlib
        // falls back to Java). Without it, it dlopen()s "libblas.so.3", which the dynamic linker resolves, on Debian
        // through the alternatives system to the reference BLAS or to OpenBLAS: the memory map names the real file.
        if (pathProperty != null) return NATIVE_PREFIX + pathProperty + ")";
        return mapped.stream()
                .filter(f -> {
                    String name = Path.of(f).getFileName().toString();
                    return name.startsWith("libblas.so") || name.startsWith("libopenblas");
                })
                .findFirst()
                .map(f -> NATIVE_PREFIX + SYSTEM_LIBRARY + " = " + f + ")")
                .orElse(NATIVE_PREFIX + SYSTEM_LIBRARY + ")");
    }

    public static boolean isNative() {
        return describe().startsWith(NATIVE_PREFIX);
    }

    /** A one-line warning for this JVM's BLAS, or null when it is a native OpenBLAS. */
    public static String warning() {
        return warning(describe());
    }

    /** A one-line warning for a {@link #describe()} string (of any JVM), or null when it is a native OpenBLAS. */
    public static String warning(String description) {
        if (!description.startsWith(NATIVE_PREFIX) || !description.endsWith(")")) {
            return "no native BLAS was loaded; using " + description + ", several times slower than OpenBLAS" + PIN;
        }
        String library = description.substring(NATIVE_PREFIX.length(), description.length() - 1);
        if (library.toLowerCase(Locale.ROOT).contains("openblas")) return null;
        if (library.equals(SYSTEM_LIBRARY)) {
            return "native BLAS is the " + SYSTEM_LIBRARY + ", which could not be identified; if it is the reference"
                    + " netlib BLAS it is about 15× slower than OpenBLAS" + PIN;
        }
        String file = Path.of(library.substring(library.lastIndexOf(' ') + 1)).getFileName().toString();
        if (file.startsWith("libblas.so")) {
            return "native BLAS is " + library + ", not OpenBLAS: probably the reference netlib BLAS, about 15× slower"
                    + PIN;
        }
        return "native BLAS is " + library + ", not the OpenBLAS this project pins" + PIN;
    }

    /** The files mapped into this process (Linux), or none where /proc/self/maps cannot be read. */
    private static List<String> mappedFiles() {
        try {
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
                    .filter(f -> !f.isEmpty())
                    .distinct()
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
