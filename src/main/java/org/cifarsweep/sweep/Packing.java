package org.cifarsweep.sweep;

import java.util.Locale;

/**
 * Whether trials that share a data stream train together in packs ({@link Packer}), conf key {@code packing} and
 * option {@code --packing}. Packing changes no number of any trial, only how fast they come.
 */
public enum Packing {
    /** Every trial in a Spark task of its own, trained alone: for comparison. */
    OFF,
    /** Trials that share a data stream train in packs, sized from the kernel's cache budget and the cores. */
    AUTO;

    public static Packing parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "off" -> OFF;
            default -> throw new IllegalArgumentException("'" + text + "' is not one of auto, off");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
