package org.cifarsweep.model;

/**
 * The multi-class SVM (hinge) loss of the assignment's bonus part: loss_i = Σ_{k≠y} max(0, s_k − s_y + 1), with
 * the subgradient G[k] = 1 where the margin is violated (k ≠ y) and G[y] = −(number of violations). At a kink
 * (s_k − s_y + 1 = 0 exactly) the subgradient 0 is taken: the left derivative of max(0, ·).
 */
public final class MultiClassHinge implements Loss {
    public static final MultiClassHinge INSTANCE = new MultiClassHinge();
    /** Δ, the margin the true class must win by: 1, as in the course's notes (its scale is absorbed by λ). */
    public static final double MARGIN = 1.0;

    private MultiClassHinge() { }

    @Override
    public BatchLoss evaluate(double[] scores, int[] labels, int labelOffset, int n, int classes, double[] gradient) {
        double lossSum = 0;
        int correct = 0;
        for (int c = 0; c < n; c++) {
            int base = c * classes;
            int y = labels[labelOffset + c];
            if (Loss.argmax(scores, base, classes) == y) correct++;
            double trueScore = scores[base + y];
            int violations = 0;
            // gradient may alias scores: each entry is read before it is written, and y's entry is written last.
            for (int k = 0; k < classes; k++) {
                if (k == y) continue;
                double margin = scores[base + k] - trueScore + MARGIN;
                boolean violated = margin > 0;
                if (violated) {
                    lossSum += margin;
                    violations++;
                }
                if (gradient != null) gradient[base + k] = violated ? 1.0 : 0.0;
            }
            if (gradient != null) gradient[base + y] = -violations;
        }
        return new BatchLoss(lossSum, correct);
    }

    @Override
    public String name() {
        return "svm";
    }
}
