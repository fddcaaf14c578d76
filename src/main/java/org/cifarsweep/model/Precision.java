package org.cifarsweep.model;

import java.util.Locale;

/** Floating-point precision of the features and weights. float64 is exact enough for the gradient check. */
public enum Precision {
    DOUBLE, FLOAT;

    public static Precision parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "double": case "float64": return DOUBLE;
            case "float": case "float32": return FLOAT;
            default: throw new IllegalArgumentException(
                    "precision '" + text + "' is not one of double, float");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
