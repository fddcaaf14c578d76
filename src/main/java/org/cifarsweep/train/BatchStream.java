package org.cifarsweep.train;

import java.util.SplittableRandom;
import org.cifarsweep.model.FeatureMatrix;

/**
 * The mini-batches of one data stream, in the order a run reads them: the training split in data order or
 * reshuffled each epoch, each image mirrored with the flip probability, both drawn from the streams of one stream
 * seed ({@link Trainer#dataStreams}). A single trial and a pack read their batches from it alike, which is what
 * lets a pack's members see exactly the batches each would see alone.
 *
 * <p>A batch is gathered into a buffer when shuffled or flipped, and for float64 raw pixels always: they are
 * normalised into it once per batch (in data order the order is the identity), and both products read it.
 */
final class BatchStream {
    private final FeatureMatrix train;
    private final HorizontalFlip mirror;
    private final boolean shuffle;
    private final double flip;
    private final SplittableRandom shuffleRng;
    private final SplittableRandom flipRng;
    private final int[] order;
    private final FeatureMatrix batch;
    private FeatureMatrix x;
    private int offset;

    BatchStream(TrainingData data, int nBatch, boolean shuffle, double flip, long streamSeed) {
        this.train = data.train();
        this.mirror = data.flip();
        this.shuffle = shuffle;
        this.flip = flip;
        SplittableRandom[] streams = Trainer.dataStreams(streamSeed);
        this.shuffleRng = streams[0];
        this.flipRng = streams[1];
        this.order = Trainer.identity(train.count());
        boolean gather = shuffle || flip > 0 || train.isRawPixels();
        this.batch = gather ? train.emptyLike(nBatch) : null;
    }

    /** Replays the draws of {@code epochs} epochs done: the order and both streams then stand where they would. */
    void skipEpochs(int epochs) {
        int n = train.count();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (shuffle) Trainer.shuffle(order, shuffleRng);
            if (flip > 0) for (int i = 0; i < n; i++) flipRng.nextDouble();
        }
    }

    /** Starts an epoch: reshuffles the order when asked. */
    void startEpoch() {
        if (shuffle) Trainer.shuffle(order, shuffleRng);
    }

    /** Makes the batch of positions [first, first + size) of this epoch's order {@link #x()} from {@link #offset()}. */
    void load(int first, int size) {
        if (batch == null) {
            x = train;
            offset = first;
            return;
        }
        train.gatherColumns(order, first, size, batch);
        // One draw per image and epoch, whatever p is, so the stream's position depends on n alone.
        if (flip > 0) {
            for (int c = 0; c < size; c++) {
                if (flipRng.nextDouble() < flip) mirror.apply(batch, c);
            }
        }
        x = batch;
        offset = 0;
    }

    /** The features holding the loaded batch. */
    FeatureMatrix x() {
        return x;
    }

    /** The batch's first column in {@link #x()}. */
    int offset() {
        return offset;
    }
}
