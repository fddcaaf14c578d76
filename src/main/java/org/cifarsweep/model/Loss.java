package org.cifarsweep.model;

/** A per-sample loss on the scores of a linear classifier: softmax cross-entropy, or later the multi-class hinge. */
public interface Loss {

    /**
     * Sums the loss over the n columns of {@code scores} (K×n, column-major) whose true classes are
     * {@code labels[labelOffset..labelOffset+n)}, and counts the columns whose highest score is the true class.
     * If {@code gradient} is non-null, writes there ∂loss_i/∂s_i for each column i (not divided by n).
     */
    BatchLoss evaluate(double[] scores, int[] labels, int labelOffset, int n, int classes, double[] gradient);

    String name();

    /** The summed loss and the number of correct predictions of one batch. */
    record BatchLoss(double lossSum, int correct) { }

    /** The predicted class of column c: the first index of the highest score. */
    static int argmax(double[] scores, int base, int classes) {
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (scores[base + k] > scores[base + best]) best = k;
        }
        return best;
    }
}
