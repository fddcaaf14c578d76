package org.cifarsweep.gradcheck;

import java.util.List;

/**
 * One gradient-check setting: the first {@code dims} features of the first {@code samples} training images, with
 * penalty {@code lambda}.
 */
public record CheckCase(int dims, int samples, double lambda) {

    public CheckCase {
        if (dims < 1) throw new IllegalArgumentException("dims " + dims + " must be >= 1");
        if (samples < 1) throw new IllegalArgumentException("samples " + samples + " must be >= 1");
        if (!(lambda >= 0)) throw new IllegalArgumentException("lambda " + lambda + " must be >= 0");
    }

    /** The assignment's sizes: 20 dimensions with 1 and 100 samples, all 3,072 with a few; λ = 0 and λ > 0. */
    public static List<CheckCase> standard() {
        return List.of(
                new CheckCase(20, 1, 0), new CheckCase(20, 100, 0),
                new CheckCase(20, 1, 0.1), new CheckCase(20, 100, 0.1),
                new CheckCase(3072, 3, 0), new CheckCase(3072, 3, 0.1));
    }

    @Override
    public String toString() {
        return "d=" + dims + " n=" + samples + " lambda=" + lambda;
    }
}
