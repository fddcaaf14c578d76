package org.cifarsweep.model;

import java.util.List;

/** Mean loss, cost (loss + λ‖W‖²) and accuracy (a fraction) of a model on one split. */
public record Evaluation(double loss, double cost, double accuracy) {

    /** Columns scored per BLAS call: large enough to stream X efficiently, small enough for a modest buffer. */
    private static final int CHUNK = 2000;

    public static Evaluation of(LinearModel model, FeatureMatrix x, Loss loss, double lambda) {
        return of(model, x, loss, lambda, new double[model.classes() * Math.min(CHUNK, x.count())]);
    }

    /** As {@link #of(LinearModel, FeatureMatrix, Loss, double)}, reusing {@code buffer} (at least K·min(2000, n)). */
    public static Evaluation of(LinearModel model, FeatureMatrix x, Loss loss, double lambda, double[] buffer) {
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < x.count(); from += CHUNK) {
            int n = Math.min(CHUNK, x.count() - from);
            model.scores(x, from, n, buffer);
            Loss.BatchLoss batch = loss.evaluate(buffer, x.labels(), from, n, model.classes(), null);
            lossSum += batch.lossSum();
            correct += batch.correct();
        }
        double meanLoss = lossSum / x.count();
        return new Evaluation(meanLoss, meanLoss + lambda * model.weightNormSquared(), (double) correct / x.count());
    }

    /**
     * {@link #of(LinearModel, FeatureMatrix, Loss, double, double[])} for every active member i of {@code pack}, with
     * its loss and λ, reading each chunk of {@code x} once for all of them: each member's chunk scores, loss sums and
     * counts are its own, in the same order, so each result has the bits of the member evaluated alone.
     * {@code buffers[i]} holds at least {@link #bufferSize} values.
     */
    public static Evaluation[] ofPack(LinearPack pack, FeatureMatrix x, Loss[] losses, double[] lambdas,
                                      double[][] buffers) {
        int p = pack.size();
        double[] lossSum = new double[p];
        long[] correct = new long[p];
        for (int from = 0; from < x.count(); from += CHUNK) {
            int n = Math.min(CHUNK, x.count() - from);
            pack.scores(x, from, n, buffers);
            for (int i = 0; i < p; i++) {
                Loss.BatchLoss batch = losses[i].evaluate(buffers[i], x.labels(), from, n, pack.classes(), null);
                lossSum[i] += batch.lossSum();
                correct[i] += batch.correct();
            }
        }
        List<LinearModel> models = pack.active();
        Evaluation[] result = new Evaluation[p];
        for (int i = 0; i < p; i++) {
            double meanLoss = lossSum[i] / x.count();
            result[i] = new Evaluation(meanLoss, meanLoss + lambdas[i] * models.get(i).weightNormSquared(),
                    (double) correct[i] / x.count());
        }
        return result;
    }

    public static int bufferSize(LinearModel model, FeatureMatrix x) {
        return model.classes() * Math.min(CHUNK, x.count());
    }
}
