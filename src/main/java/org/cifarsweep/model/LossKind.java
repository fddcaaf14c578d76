package org.cifarsweep.model;

import java.util.Locale;

/** Which loss a run trains with: softmax cross-entropy (the assignment's default) or the multi-class SVM hinge. */
public enum LossKind {
    SOFTMAX("cross-entropy"), SVM("hinge");

    private final String function;

    LossKind(String function) {
        this.function = function;
    }

    /** {@code softmax} or {@code svm}, as written; the loss function's name ({@link #function()}) is accepted too. */
    public static LossKind parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (LossKind kind : values()) {
            if (t.equals(kind.toString()) || t.equals(kind.function)) return kind;
        }
        throw new IllegalArgumentException("loss '" + text + "' is not one of softmax, svm");
    }

    public Loss loss() {
        return this == SOFTMAX ? SoftmaxCrossEntropy.INSTANCE : MultiClassHinge.INSTANCE;
    }

    /** The loss function by its own name, as the report's plots and captions say it: cross-entropy or hinge. */
    public String function() {
        return function;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
