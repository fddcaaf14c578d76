package org.cifarsweep.model;

import java.lang.reflect.Field;

/**
 * Where a float array's data meets a 64-byte boundary, so that a kernel can lay its own buffers out for aligned
 * 512-bit loads: Java arrays are only 8-byte aligned, and a 64-byte load across two cache lines costs two. A hint
 * for speed only: the garbage collector may move an array at any time, and a wrong or unknown answer (0 where
 * sun.misc.Unsafe is missing) changes how fast a kernel runs, never what it computes.
 */
final class Alignment {
    private static final sun.misc.Unsafe UNSAFE = unsafe();
    private static final long OBJECTS = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(Object[].class);
    private static final boolean NARROW = UNSAFE != null && UNSAFE.arrayIndexScale(Object[].class) == 4;
    private static final long FLOATS = UNSAFE == null ? 16 : UNSAFE.arrayBaseOffset(float[].class);

    private Alignment() { }

    /** The index i in [0, 16) from which {@code a[i]} lies on a 64-byte boundary, as far as can be told now. */
    static int floatOffset(float[] a) {
        if (UNSAFE == null) return 0;
        Object[] holder = {a};
        // A compressed reference is the address >> 3 (the heap base, if any, is aligned far above 64 bytes).
        long address = NARROW ? (UNSAFE.getInt(holder, OBJECTS) & 0xFFFF_FFFFL) << 3 : UNSAFE.getLong(holder, OBJECTS);
        long data = address + FLOATS;
        return (int) (((64 - (data & 63)) & 63) >> 2);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            return (sun.misc.Unsafe) f.get(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
