package org.cifarsweep.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How pixels become features: {@code scale} divides by 255 (the assignment), {@code standardize} also
 * centres and scales each feature by the training set's mean and standard deviation.
 */
public enum Preprocess {
    SCALE,
    STANDARDIZE;

    /** Case-insensitive: {@code scale} or {@code standardize}. */
    public static Preprocess parse(String text) {
        if (text != null) {
            for (Preprocess p : values()) {
                if (p.toString().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("preprocess '" + text + "' is not valid: expected one of "
                + Arrays.stream(values()).map(Preprocess::toString).collect(Collectors.joining(", ")));
    }

    /** The lower-case name, as written in configs and results. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
