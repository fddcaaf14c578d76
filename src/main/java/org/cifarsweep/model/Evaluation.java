package org.cifarsweep.model;

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

    public static int bufferSize(LinearModel model, FeatureMatrix x) {
        return model.classes() * Math.min(CHUNK, x.count());
    }
}
