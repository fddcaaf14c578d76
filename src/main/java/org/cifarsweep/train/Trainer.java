package org.cifarsweep.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.Loss;

/**
 * Mini-batch gradient descent as in the assignment: batches in data order unless shuffling is asked for, one
 * gradient step per batch, and train and validation evaluated after every epoch. The bonus options: the loss
 * (softmax or SVM), random horizontal flips, and learning-rate decay. Every buffer is allocated once per run: the
 * mini-batch buffer before the first epoch, and the model's own buffers on first use.
 *
 * <p>A run can stop after any epoch and be continued from its {@link TrainingState}: the result is bit for bit the
 * one of an uninterrupted run, because every random draw comes from streams fixed by the seed alone and the
 * learning rate is a function of the epoch alone.
 */
public final class Trainer {

    public TrainingOutcome train(TrainConfig config, TrainingData data, EpochListener listener) {
        return train(config, data, listener, null);
    }

    /**
     * Trains epochs {@code from.epochs() + 1 .. config.nEpochs()} starting from {@code from}, or all of them from
     * the seeded initialisation if {@code from} is null. The outcome's curves include the epochs of {@code from}.
     */
    public TrainingOutcome train(TrainConfig config, TrainingData data, EpochListener listener, TrainingState from) {
        return train(config, data, listener, from, config.seed());
    }

    /**
     * As {@link #train(TrainConfig, TrainingData, EpochListener, TrainingState)}, with the shuffle and flip streams
     * drawn from {@code streamSeed} instead of the trial's own seed (the initial W, b still come from
     * {@code config.seed()}): trials given one stream seed see the same mini-batches, so they can share a pack
     * ({@link PackTrainer}). With {@code streamSeed == config.seed()} this is the trial's own stream, as always.
     */
    public TrainingOutcome train(TrainConfig config, TrainingData data, EpochListener listener, TrainingState from,
                                 long streamSeed) {
        FeatureMatrix train = data.train();
        config.checkAgainst(train.count());
        if (from != null && from.epochs() >= config.nEpochs()) {
            throw new IllegalArgumentException("cannot continue from epoch " + from.epochs() + " to n_epochs "
                    + config.nEpochs() + ": nothing left to train");
        }
        long start = System.nanoTime();
        TrainOptions options = config.options();
        Loss loss = options.loss().loss();
        // Independent streams for initialisation, shuffling and flips, all fixed by the seed alone (Tribuo-style
        // split). The flip stream is split last, so runs without flips draw exactly as before flips existed.
        Random initRng = initialStream(config.seed());
        BatchStream stream = new BatchStream(data, config.nBatch(), config.shuffle(), options.flip(), streamSeed);

        LinearModel model = LinearModel.create(config.precision(), data.classes(), train.dim());
        int n = train.count();
        List<EpochMetrics> curves = new ArrayList<>(config.nEpochs());
        if (from == null) {
            model.initGaussian(initRng, TrainConfig.INIT_STD);
        } else {
            model.setParameters(from.w(), from.b());
            curves.addAll(from.curves());
            stream.skipEpochs(from.epochs());
        }

        int nBatch = config.nBatch();
        double[] scores = new double[data.classes() * nBatch];
        double[] evalBuffer = new double[Math.max(Evaluation.bufferSize(model, train),
                Evaluation.bufferSize(model, data.validation()))];
        for (int epoch = curves.size() + 1; epoch <= config.nEpochs(); epoch++) {
            double eta = options.decay().eta(config.eta(), epoch);
            stream.startEpoch();
            for (int first = 0; first < n; first += nBatch) {
                int size = Math.min(nBatch, n - first);
                stream.load(first, size);
                FeatureMatrix x = stream.x();
                int offset = stream.offset();
                model.scores(x, offset, size, scores);
                loss.evaluate(scores, x.labels(), offset, size, data.classes(), scores);
                model.gradient(x, offset, size, scores, config.lambda());
                model.step(eta);
            }
            Evaluation onTrain = Evaluation.of(model, train, loss, config.lambda(), evalBuffer);
            Evaluation onVal = Evaluation.of(model, data.validation(), loss, config.lambda(), evalBuffer);
            EpochMetrics metrics = new EpochMetrics(epoch, onTrain.loss(), onTrain.cost(), onTrain.accuracy(),
                    onVal.loss(), onVal.cost(), onVal.accuracy(), eta);
            curves.add(metrics);
            listener.epochDone(metrics);
            if (!Double.isFinite(onTrain.cost())) {
                String reason = "train cost became " + onTrain.cost() + " at epoch " + epoch;
                return new TrainingOutcome(TrainingStatus.DIVERGED, reason, curves, Double.NaN, model, seconds(start));
            }
        }
        double testAccuracy = Evaluation.of(model, data.test(), loss, config.lambda(), evalBuffer).accuracy();
        return new TrainingOutcome(TrainingStatus.OK, "", curves, testAccuracy, model, seconds(start));
    }

    /** The stream of the initial W and b: the first draw of the seed's root stream. */
    static Random initialStream(long seed) {
        return new Random(new SplittableRandom(seed).nextLong());
    }

    /**
     * The shuffle and flip streams of a stream seed: the root's first two splits, after the draw that seeds the
     * initialisation, exactly as they were drawn from the trial's seed before stream seeds existed.
     */
    static SplittableRandom[] dataStreams(long streamSeed) {
        SplittableRandom root = new SplittableRandom(streamSeed);
        root.nextLong();
        SplittableRandom shuffleRng = root.split();
        SplittableRandom flipRng = root.split();
        return new SplittableRandom[] {shuffleRng, flipRng};
    }

    static int[] identity(int n) {
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
