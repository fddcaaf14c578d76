package org.cifarsweep.model;

import java.util.Locale;

/** Which loss a run trains with: softmax cross-entropy (the assignment's default) or the multi-class SVM hinge. */
public enum LossKind {
    SOFTMAX, SVM;

    public static LossKind parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "softmax": case "cross-entropy": return SOFTMAX;
            case "svm": case "hinge": return SVM;
            default: throw new IllegalArgumentException("loss '" + text + "' is not one of softmax, svm");
        }
    }

    public Loss loss() {
        return this == SOFTMAX ? SoftmaxCrossEntropy.INSTANCE : MultiClassHinge.INSTANCE;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
