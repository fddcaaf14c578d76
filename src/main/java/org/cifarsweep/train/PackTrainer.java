package org.cifarsweep.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.cifarsweep.model.Evaluation;
import org.cifarsweep.model.FeatureMatrix;
import org.cifarsweep.model.LinearModel;
import org.cifarsweep.model.LinearPack;
import org.cifarsweep.model.Loss;

/**
 * Trains a pack: several trials that see the same mini-batches in the same order, in one pass over the data. Each
 * mini-batch is gathered (and flipped) once, and the members' products run as one {@link LinearPack} call, which
 * reads each pixel once for all of them; the per-epoch evaluations of train and validation, and the final test
 * accuracy, are packed too. Each member gets exactly the {@link TrainingOutcome} that
 * {@link Trainer#train(TrainConfig, TrainingData, EpochListener, TrainingState, long)} gives it alone, with the same
 * stream seed: the same curves, status, test accuracy and final W and b, bit for bit.
 *
 * <p><b>What members share</b> (checked): the data, the batch size, the precision, whether to shuffle, the flip
 * probability, and the stream seed of the shuffle and flip streams; and, when they shuffle or flip, the epochs
 * already done (a continued member replays the stream to there). <b>What may differ</b>: η, λ, the loss, the
 * seed of the initial W and b, the decay, the number of epochs, and the state each member continues from.
 *
 * <p>A member leaves the pack after its last epoch, or after the epoch whose training cost was not finite
 * (diverged); the others go on with its rows compacted away.
 */
public final class PackTrainer {

    /**
     * One member: its configuration, and the state it continues from (null: from its seeded initialisation).
     * Its {@code config.seed()} seeds the initial W and b only; the data stream is the pack's.
     */
    public record Member(TrainConfig config, TrainingState from) {
        public Member {
            if (config == null) throw new IllegalArgumentException("a member needs a config");
            if (from != null && from.epochs() >= config.nEpochs()) {
                throw new IllegalArgumentException("cannot continue from epoch " + from.epochs() + " to n_epochs "
                        + config.nEpochs() + ": nothing left to train");
            }
        }

        public Member(TrainConfig config) {
            this(config, null);
        }

        int epochsDone() {
            return from == null ? 0 : from.epochs();
        }
    }

    /** Told as the pack goes: every member's epochs, and each member's outcome as soon as it leaves the pack. */
    public interface Listener {
        Listener NONE = new Listener() { };

        /** Member {@code member} (its index in the list given) finished an epoch. */
        default void epochDone(int member, EpochMetrics metrics) { }

        /** Member {@code member} left the pack: its outcome is final. */
        default void memberDone(int member, TrainingOutcome outcome) { }

        /** The pack is done: what its products did. Called once, after the last {@link #memberDone}. */
        default void packDone(Stats stats) { }
    }

    /**
     * What a pack's products did: the floating-point operations of its members' W·X and G·Xᵀ (training batches and
     * the packed evaluations), 2·K·d per member and column, and the time spent in those calls.
     *
     * @param members        the pack's size
     * @param productFlops   the products' floating-point operations
     * @param productSeconds the time in the products (the packed kernel, or dgemm), evaluation's losses included
     * @param seconds        the pack's whole time
     */
    public record Stats(int members, double productFlops, double productSeconds, double seconds)
            implements java.io.Serializable {
        /** The products' rate: what the packed kernel delivered. */
        public double productGflops() {
            return productSeconds > 0 ? productFlops / productSeconds / 1e9 : 0;
        }
    }

    /**
     * Trains every member to its {@code nEpochs} (or until it diverges) and returns their outcomes in the order
     * given. {@code streamSeed} seeds the shuffle and flip streams of all members; it is not used when they neither
     * shuffle nor flip. A member's {@link TrainingOutcome#seconds()} is the pack's time until that member left.
     */
    public List<TrainingOutcome> train(List<Member> members, TrainingData data, long streamSeed, Listener listener) {
        if (members.isEmpty()) throw new IllegalArgumentException("a pack needs at least one member");
        TrainConfig lead = members.get(0).config();
        checkSharedStream(members);
        FeatureMatrix train = data.train();
        lead.checkAgainst(train.count());
        long start = System.nanoTime();
        int p = members.size();
        int classes = data.classes();
        int n = train.count();

        // Each member's model: its seeded initialisation, or the state it continues from.
        LinearModel[] models = new LinearModel[p];
        List<List<EpochMetrics>> curves = new ArrayList<>(p);
        for (int m = 0; m < p; m++) {
            Member member = members.get(m);
            models[m] = LinearModel.create(member.config().precision(), classes, train.dim());
            List<EpochMetrics> curve = new ArrayList<>(member.config().nEpochs());
            if (member.from() == null) {
                Random initRng = Trainer.initialStream(member.config().seed());
                models[m].initGaussian(initRng, TrainConfig.INIT_STD);
            } else {
                models[m].setParameters(member.from().w(), member.from().b());
                curve.addAll(member.from().curves());
            }
            curves.add(curve);
        }

        // The shared stream, replayed to the epochs done (equal for all members when it is drawn at all).
        int nBatch = lead.nBatch();
        BatchStream stream = new BatchStream(data, nBatch, lead.shuffle(), lead.options().flip(), streamSeed);
        stream.skipEpochs(members.get(0).epochsDone());
        int evalSize = Math.max(Evaluation.bufferSize(models[0], train),
                Math.max(Evaluation.bufferSize(models[0], data.validation()), Evaluation.bufferSize(models[0], data.test())));

        // The active members, compacted: index i of these arrays is the i-th active member.
        int[] active = new int[p];
        for (int m = 0; m < p; m++) active[m] = m;
        int count = p;
        Loss[] losses = new Loss[p];
        double[] lambdas = new double[p];
        double[][] scores = new double[p][classes * nBatch];
        double[][] evalBuffers = new double[p][evalSize];
        List<LinearModel> activeModels = new ArrayList<>(p);
        TrainingOutcome[] outcomes = new TrainingOutcome[p];
        LinearPack pack = new LinearPack(Arrays.asList(models));
        double flopsPerColumn = 2.0 * classes * train.dim();   // one member's W·x or G·xᵀ for one column
        double flops = 0;
        long productNanos = 0;

        for (int pass = 1; count > 0; pass++) {
            activeModels.clear();
            for (int i = 0; i < count; i++) {
                int m = active[i];
                activeModels.add(models[m]);
                losses[i] = members.get(m).config().options().loss().loss();
                lambdas[i] = members.get(m).config().lambda();
            }
            pack.setActive(activeModels);
            double[] eta = new double[count];
            int[] epochOf = new int[count];
            for (int i = 0; i < count; i++) {
                Member member = members.get(active[i]);
                epochOf[i] = member.epochsDone() + pass;
                eta[i] = member.config().options().decay().eta(member.config().eta(), epochOf[i]);
            }

            stream.startEpoch();
            for (int first = 0; first < n; first += nBatch) {
                int size = Math.min(nBatch, n - first);
                stream.load(first, size);
                FeatureMatrix x = stream.x();
                int offset = stream.offset();
                long t0 = System.nanoTime();
                pack.scores(x, offset, size, scores);
                long t1 = System.nanoTime();
                for (int i = 0; i < count; i++) losses[i].evaluate(scores[i], x.labels(), offset, size, classes, scores[i]);
                long t2 = System.nanoTime();
                pack.gradient(x, offset, size, scores, lambdas);
                productNanos += (t1 - t0) + (System.nanoTime() - t2);
                flops += 2 * flopsPerColumn * count * size;
                for (int i = 0; i < count; i++) models[active[i]].step(eta[i]);
            }
            long t0 = System.nanoTime();
            Evaluation[] onTrain = Evaluation.ofPack(pack, train, losses, lambdas, evalBuffers);
            Evaluation[] onVal = Evaluation.ofPack(pack, data.validation(), losses, lambdas, evalBuffers);
            productNanos += System.nanoTime() - t0;
            flops += flopsPerColumn * count * ((double) n + data.validation().count());

            // Who leaves after this epoch: diverged members now, finished ones after a packed test evaluation.
            List<Integer> finishing = new ArrayList<>();
            boolean[] leaves = new boolean[count];
            for (int i = 0; i < count; i++) {
                int m = active[i];
                EpochMetrics metrics = new EpochMetrics(epochOf[i], onTrain[i].loss(), onTrain[i].cost(),
                        onTrain[i].accuracy(), onVal[i].loss(), onVal[i].cost(), onVal[i].accuracy(), eta[i]);
                curves.get(m).add(metrics);
                listener.epochDone(m, metrics);
                if (!Double.isFinite(onTrain[i].cost())) {
                    String reason = "train cost became " + onTrain[i].cost() + " at epoch " + epochOf[i];
                    outcomes[m] = new TrainingOutcome(TrainingStatus.DIVERGED, reason, curves.get(m), Double.NaN,
                            models[m], seconds(start));
                    leaves[i] = true;
                    listener.memberDone(m, outcomes[m]);
                } else if (epochOf[i] == members.get(m).config().nEpochs()) {
                    finishing.add(i);
                    leaves[i] = true;
                }
            }
            if (!finishing.isEmpty()) {
                List<LinearModel> done = new ArrayList<>(finishing.size());
                Loss[] doneLosses = new Loss[finishing.size()];
                double[] doneLambdas = new double[finishing.size()];
                double[][] doneBuffers = new double[finishing.size()][];
                for (int j = 0; j < finishing.size(); j++) {
                    int i = finishing.get(j);
                    done.add(models[active[i]]);
                    doneLosses[j] = losses[i];
                    doneLambdas[j] = lambdas[i];
                    doneBuffers[j] = evalBuffers[i];
                }
                pack.setActive(done);
                long t1 = System.nanoTime();
                Evaluation[] onTest = Evaluation.ofPack(pack, data.test(), doneLosses, doneLambdas, doneBuffers);
                productNanos += System.nanoTime() - t1;
                flops += flopsPerColumn * done.size() * data.test().count();
                for (int j = 0; j < finishing.size(); j++) {
                    int m = active[finishing.get(j)];
                    outcomes[m] = new TrainingOutcome(TrainingStatus.OK, "", curves.get(m), onTest[j].accuracy(),
                            models[m], seconds(start));
                    listener.memberDone(m, outcomes[m]);
                }
            }
            int kept = 0;
            for (int i = 0; i < count; i++) {
                if (!leaves[i]) active[kept++] = active[i];
            }
            count = kept;
        }
        listener.packDone(new Stats(p, flops, productNanos / 1e9, seconds(start)));
        return Arrays.asList(outcomes);
    }

    /**
     * Refuses members that would not see the same mini-batches: another batch size, precision, shuffle or flip
     * probability, or, when the stream is drawn (shuffle or flips), another number of epochs already done.
     */
    static void checkSharedStream(List<Member> members) {
        TrainConfig lead = members.get(0).config();
        int epochsDone = members.get(0).epochsDone();
        boolean drawn = lead.shuffle() || lead.options().flip() > 0;
        for (int m = 1; m < members.size(); m++) {
            TrainConfig c = members.get(m).config();
            String differs = c.nBatch() != lead.nBatch() ? "n_batch " + c.nBatch() + " vs " + lead.nBatch()
                    : c.precision() != lead.precision() ? "precision " + c.precision() + " vs " + lead.precision()
                    : c.shuffle() != lead.shuffle() ? "shuffle " + c.shuffle() + " vs " + lead.shuffle()
                    : Double.compare(c.options().flip(), lead.options().flip()) != 0
                            ? "flip " + c.options().flip() + " vs " + lead.options().flip()
                    : drawn && members.get(m).epochsDone() != epochsDone
                            ? "epochs done " + members.get(m).epochsDone() + " vs " + epochsDone + " (the stream is drawn)"
                    : null;
            if (differs != null) {
                throw new IllegalArgumentException("member " + m + " does not share the pack's data stream: " + differs);
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
