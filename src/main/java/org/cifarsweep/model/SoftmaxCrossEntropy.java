package org.cifarsweep.model;

/**
 * P = softmax(s) and loss = −log P[y], with G = −(Y − P) = P − Y as the assignment defines it. The maximum score
 * is subtracted before exp so that large scores cannot overflow.
 */
public final class SoftmaxCrossEntropy implements Loss {
    public static final SoftmaxCrossEntropy INSTANCE = new SoftmaxCrossEntropy();

    private SoftmaxCrossEntropy() { }

    @Override
    public BatchLoss evaluate(double[] scores, int[] labels, int labelOffset, int n, int classes, double[] gradient) {
        double lossSum = 0;
        int correct = 0;
        for (int c = 0; c < n; c++) {
            int base = c * classes;
            int y = labels[labelOffset + c];
            int predicted = Loss.argmax(scores, base, classes);
            if (predicted == y) correct++;
            double max = scores[base + predicted];
            double shiftedTrue = scores[base + y] - max;
            double sum = 0;
            // Each exp is computed once; gradient may alias scores, and each entry is read before it is written.
            for (int k = 0; k < classes; k++) {
                double e = Math.exp(scores[base + k] - max);
                sum += e;
                if (gradient != null) gradient[base + k] = e;
            }
            lossSum += Math.log(sum) - shiftedTrue;
            if (gradient != null) {
                for (int k = 0; k < classes; k++) gradient[base + k] /= sum;
                gradient[base + y] -= 1.0;
            }
        }
        return new BatchLoss(lossSum, correct);
    }

    /** The probabilities of one score vector, for tests and reports. */
    public static double[] probabilities(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) max = Math.max(max, s);
        double sum = 0;
        double[] p = new double[scores.length];
        for (int k = 0; k < scores.length; k++) sum += p[k] = Math.exp(scores[k] - max);
        for (int k = 0; k < scores.length; k++) p[k] /= sum;
        return p;
    }

    @Override
    public String name() {
        return "softmax";
    }
}
