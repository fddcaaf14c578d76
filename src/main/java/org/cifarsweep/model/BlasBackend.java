package org.cifarsweep.model;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Which dense BLAS dev.ludovic.netlib loaded. Left alone it silently picks the image's reference libblas, about
 * 15× slower than OpenBLAS, so we report the library and warn when it is not a pinned native one.
 */
public final class BlasBackend {
    public static final String NATIVE_PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";

    private BlasBackend() { }

    /** e.g. {@code JNIBLAS (native /…/libopenblas.so.0)} or {@code VectorBLAS (Java, jdk.incubator.vector)}. */
    public static String describe() {
        String name = BLAS.getInstance().getClass().getSimpleName();
        if (isNative()) {
            String path = System.getProperty(NATIVE_PATH_PROPERTY);
            return name + " (native " + (path == null ? "system libblas.so.3" : path) + ")";
        }
        return name + (name.equals("VectorBLAS") ? " (Java, jdk.incubator.vector)" : " (Java, scalar)");
    }

    public static boolean isNative() {
        return BLAS.getInstance().getClass().getSimpleName().equals("JNIBLAS");
    }

    /** A warning to print, or null when a pinned native OpenBLAS is in use. */
    public static String warning() {
        String path = System.getProperty(NATIVE_PATH_PROPERTY);
        if (!isNative()) {
            return "no native BLAS found; using " + describe() + ", several times slower than OpenBLAS";
        }
        if (path == null || !path.contains("openblas")) {
            return "native BLAS is not a pinned OpenBLAS (" + describe() + "); it may be the slow reference libblas."
                    + " Run through submit.sh, which sets -D" + NATIVE_PATH_PROPERTY;
        }
        return null;
    }
}
