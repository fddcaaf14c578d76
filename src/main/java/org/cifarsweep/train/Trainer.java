package org.cifarsweep.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Loss;
import org.cifarsweep.model.SoftmaxCrossEntropy;

/**
 * Mini-batch gradient descent as in the assignment: batches in data order unless shuffling is asked for, one
 * gradient step per batch, and train and validation evaluated after every epoch. Every buffer is allocated once,
 * before the first epoch.
 */
public final class Trainer {
    private final Loss loss;

    public Trainer() {
        this(SoftmaxCrossEntropy.INSTANCE);
    }

    public Trainer(Loss loss) {
        this.loss = loss;
    }

    public TrainingOutcome train(TrainConfig config, TrainingData data, EpochListener listener) {
        FeatureMatrix train = data.train();
        config.checkAgainst(train.count());
        long start = System.nanoTime();
        // Independent streams for initialisation and shuffling, both fixed by the seed alone (Tribuo-style split).
        SplittableRandom root = new SplittableRandom(config.seed());
        Random initRng = new Random(root.nextLong());
        SplittableRandom shuffleRng = root.split();

        LinearModel model = LinearModel.create(config.precision(), data.classes(), train.dim());
        model.initGaussian(initRng, TrainConfig.INIT_STD);

        int n = train.count();
        int nBatch = config.nBatch();
        double[] scores = new double[data.classes() * nBatch];
        double[] evalBuffer = new double[Math.max(Evaluation.bufferSize(model, train),
                Evaluation.bufferSize(model, data.validation()))];
        int[] order = identity(n);
        FeatureMatrix batch = config.shuffle() ? FeatureMatrix.buffer(config.precision(), train.dim(), nBatch) : null;

        List<EpochMetrics> curves = new ArrayList<>(config.nEpochs());
        for (int epoch = 1; epoch <= config.nEpochs(); epoch++) {
            if (config.shuffle()) shuffle(order, shuffleRng);
            for (int from = 0; from < n; from += nBatch) {
                int size = Math.min(nBatch, n - from);
                FeatureMatrix x = train;
                int offset = from;
                if (batch != null) {
                    train.gatherColumns(order, from, size, batch);
                    x = batch;
                    offset = 0;
                }
                model.scores(x, offset, size, scores);
                loss.evaluate(scores, x.labels(), offset, size, data.classes(), scores);
                model.gradient(x, offset, size, scores, config.lambda());
                model.step(config.eta());
            }
            Evaluation onTrain = Evaluation.of(model, train, loss, config.lambda(), evalBuffer);
            Evaluation onVal = Evaluation.of(model, data.validation(), loss, config.lambda(), evalBuffer);
            EpochMetrics metrics = new EpochMetrics(epoch, onTrain.loss(), onTrain.cost(), onTrain.accuracy(),
                    onVal.loss(), onVal.cost(), onVal.accuracy());
            curves.add(metrics);
            listener.epochDone(metrics);
            if (!Double.isFinite(onTrain.cost())) {
                String reason = "train cost became " + onTrain.cost() + " at epoch " + epoch;
                return new TrainingOutcome(TrialStatus.DIVERGED, reason, curves, Double.NaN, model, seconds(start));
            }
        }
        double testAccuracy = Evaluation.of(model, data.test(), loss, config.lambda(), evalBuffer).accuracy();
        return new TrainingOutcome(TrialStatus.OK, "", curves, testAccuracy, model, seconds(start));
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }

    /** Fisher–Yates, driven only by the run's own seeded stream. */
    static void shuffle(int[] order, SplittableRandom rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
