package org.cifarsweep.train;

import java.util.Locale;

/** How a training run ended: {@code ok}, {@code diverged} (NaN or infinite cost) or {@code failed} (an exception). */
public enum TrainingStatus {
    OK, DIVERGED, FAILED;

    public static TrainingStatus parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
