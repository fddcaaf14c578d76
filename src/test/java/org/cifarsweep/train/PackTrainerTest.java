package org.cifarsweep.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.data.CifarLoader;
import org.cifarsweep.data.Dataset;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.testutil.RealData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pack against its members trained alone by {@link Trainer}, the independent truth: every member's curves,
 * status, reason, test accuracy and final W and b, bit for bit, on the real sample (1,000 / 500 / 500 images), in
 * both precisions; with members that differ in η, λ, loss, seed, decay and epochs, one that diverges, members that
 * leave at different epochs, shared shuffle and flip streams, and continued members.
 */
class PackTrainerTest {
    private static Dataset dataset;
    private static final Map<String, TrainingData> DATA = new HashMap<>();

    @BeforeAll
    static void load() {
        dataset = CifarLoader.load(RealData.sample(), new Split(Split.Kind.DEFAULT, 0));
    }

    private static TrainingData data(Precision precision, Preprocess preprocess) {
        return DATA.computeIfAbsent(precision + "/" + preprocess, k -> TrainingData.of(dataset, preprocess, precision));
    }

    private static TrainConfig config(double eta, double lambda, int epochs, long seed, boolean shuffle,
                                      Precision precision, LossKind loss, double flip, Decay decay) {
        return new TrainConfig(eta, lambda, 100, epochs, seed, shuffle, precision, new TrainOptions(loss, flip, decay));
    }

    /** Six members: different η, λ, loss, seed, decay and epochs; the fourth (η = 10⁶, λ = 1) diverges before its last epoch. */
    private static List<PackTrainer.Member> mixed(Precision precision, boolean shuffle, double flip) {
        List<PackTrainer.Member> members = new ArrayList<>();
        members.add(new PackTrainer.Member(config(0.01, 0, 4, 1, shuffle, precision, LossKind.SOFTMAX, flip, Decay.NONE)));
        members.add(new PackTrainer.Member(config(0.005, 0.1, 2, 2, shuffle, precision, LossKind.SVM, flip, Decay.step(0.5, 1))));
        members.add(new PackTrainer.Member(config(0.02, 0.01, 3, 3, shuffle, precision, LossKind.SOFTMAX, flip, Decay.exp(0.9))));
        members.add(new PackTrainer.Member(config(1e6, 1, 4, 4, shuffle, precision, LossKind.SOFTMAX, flip, Decay.NONE)));
        members.add(new PackTrainer.Member(config(0.001, 0.5, 4, 5, shuffle, precision, LossKind.SVM, flip, Decay.NONE)));
        members.add(new PackTrainer.Member(config(0.01, 0, 1, 1, shuffle, precision, LossKind.SOFTMAX, flip, Decay.NONE)));
        return members;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void membersGetTheirSingleTrialBitsInDataOrder(Precision precision) {
        TrainingData data = data(precision, Preprocess.STANDARDIZE);
        List<PackTrainer.Member> members = mixed(precision, false, 0);
        List<TrainingOutcome> packed = trainAndCheckListener(members, data, 99);
        assertEquals(TrainingStatus.DIVERGED, packed.get(3).status(), "the η = 10⁶ member diverges");
        assertTrue(packed.get(3).curves().size() < 4, "and leaves early");
        assertEquals(TrainingStatus.OK, packed.get(0).status());
        for (int m = 0; m < members.size(); m++) {
            // Without shuffle or flips the stream seed is not used: each alone with its own seed is the truth.
            TrainConfig config = members.get(m).config();
            assertSameBits(new Trainer().train(config, data, EpochListener.NONE), packed.get(m), "member " + m);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void membersShareOneShuffleAndFlipStream(Precision precision) {
        // scale: the plain mirror in float32 pixels; standardize flips by the affine map in float64.
        TrainingData data = data(precision, precision == Precision.FLOAT ? Preprocess.SCALE : Preprocess.STANDARDIZE);
        List<PackTrainer.Member> members = mixed(precision, true, 0.5);
        long streamSeed = 7;
        List<TrainingOutcome> packed = new PackTrainer().train(members, data, streamSeed, PackTrainer.Listener.NONE);
        for (int m = 0; m < members.size(); m++) {
            TrainConfig config = members.get(m).config();
            assertSameBits(new Trainer().train(config, data, EpochListener.NONE, null, streamSeed), packed.get(m), "member " + m);
        }
    }

    /**
     * Batches of 330 on 1,000 images leave a last batch of 10: float64 stacks the members' dgemm for the batches of
     * 330 and gives each member its own call for the 10 (below the shapes where OpenBLAS keeps a row's bits).
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void aShortLastBatchKeepsTheBitsToo(Precision precision) {
        TrainingData data = data(precision, Preprocess.STANDARDIZE);
        List<PackTrainer.Member> members = List.of(
                new PackTrainer.Member(new TrainConfig(0.01, 0.01, 330, 2, 41, false, precision, TrainOptions.DEFAULT)),
                new PackTrainer.Member(new TrainConfig(0.03, 0, 330, 2, 42, false, precision,
                        new TrainOptions(LossKind.SVM, 0, Decay.NONE))),
                new PackTrainer.Member(new TrainConfig(0.002, 0.2, 330, 1, 43, false, precision, TrainOptions.DEFAULT)));
        List<TrainingOutcome> packed = new PackTrainer().train(members, data, 0, PackTrainer.Listener.NONE);
        for (int m = 0; m < members.size(); m++) {
            assertSameBits(new Trainer().train(members.get(m).config(), data, EpochListener.NONE), packed.get(m), "member " + m);
        }
    }

    @Test
    void theStreamSeedIsTheTrialsOwnSeedByDefault() {
        TrainingData data = data(Precision.FLOAT, Preprocess.SCALE);
        TrainConfig config = config(0.01, 0.01, 2, 11, true, Precision.FLOAT, LossKind.SOFTMAX, 0.5, Decay.NONE);
        // A pack of one with its own seed as the stream seed is the trial as it always ran.
        List<TrainingOutcome> packed = new PackTrainer().train(List.of(new PackTrainer.Member(config)), data, 11,
                PackTrainer.Listener.NONE);
        assertSameBits(new Trainer().train(config, data, EpochListener.NONE), packed.get(0), "pack of one");
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void continuedMembersJoinAtTheirOwnEpochsInDataOrder(Precision precision) {
        TrainingData data = data(precision, Preprocess.STANDARDIZE);
        TrainConfig a = config(0.01, 0.01, 4, 21, false, precision, LossKind.SOFTMAX, 0, Decay.step(0.5, 2));
        TrainConfig b = config(0.005, 0, 3, 22, false, precision, LossKind.SVM, 0, Decay.NONE);
        TrainingState aAfter2 = state(new Trainer().train(a.withEpochs(2), data, EpochListener.NONE));
        TrainingState bAfter1 = state(new Trainer().train(b.withEpochs(1), data, EpochListener.NONE));
        List<PackTrainer.Member> members = List.of(new PackTrainer.Member(a, aAfter2), new PackTrainer.Member(b, bAfter1),
                new PackTrainer.Member(a.withEpochs(1)));
        List<TrainingOutcome> packed = new PackTrainer().train(members, data, 0, PackTrainer.Listener.NONE);
        assertSameBits(new Trainer().train(a, data, EpochListener.NONE), packed.get(0), "a continued from epoch 2");
        assertSameBits(new Trainer().train(b, data, EpochListener.NONE), packed.get(1), "b continued from epoch 1");
        assertSameBits(new Trainer().train(a.withEpochs(1), data, EpochListener.NONE), packed.get(2), "a fresh");
    }

    @Test
    void continuedMembersShareAShuffledStreamFromTheSameEpoch() {
        TrainingData data = data(Precision.FLOAT, Preprocess.STANDARDIZE);
        long streamSeed = 5;
        TrainConfig a = config(0.01, 0.01, 3, 31, true, Precision.FLOAT, LossKind.SOFTMAX, 0.25, Decay.NONE);
        TrainConfig b = config(0.002, 0.1, 4, 32, true, Precision.FLOAT, LossKind.SVM, 0.25, Decay.NONE);
        TrainingState aAfter1 = state(new Trainer().train(a.withEpochs(1), data, EpochListener.NONE, null, streamSeed));
        TrainingState bAfter1 = state(new Trainer().train(b.withEpochs(1), data, EpochListener.NONE, null, streamSeed));
        List<TrainingOutcome> packed = new PackTrainer().train(
                List.of(new PackTrainer.Member(a, aAfter1), new PackTrainer.Member(b, bAfter1)), data, streamSeed,
                PackTrainer.Listener.NONE);
        assertSameBits(new Trainer().train(a, data, EpochListener.NONE, null, streamSeed), packed.get(0), "a");
        assertSameBits(new Trainer().train(b, data, EpochListener.NONE, null, streamSeed), packed.get(1), "b");
    }

    @Test
    void membersThatWouldNotSeeTheSameBatchesAreRefused() {
        TrainingData data = data(Precision.FLOAT, Preprocess.SCALE);
        TrainConfig base = config(0.01, 0, 2, 1, false, Precision.FLOAT, LossKind.SOFTMAX, 0, Decay.NONE);
        List<TrainConfig> others = List.of(
                new TrainConfig(0.01, 0, 50, 2, 1, false, Precision.FLOAT, TrainOptions.DEFAULT),
                config(0.01, 0, 2, 1, true, Precision.FLOAT, LossKind.SOFTMAX, 0, Decay.NONE),
                config(0.01, 0, 2, 1, false, Precision.FLOAT, LossKind.SOFTMAX, 0.5, Decay.NONE),
                config(0.01, 0, 2, 1, false, Precision.DOUBLE, LossKind.SOFTMAX, 0, Decay.NONE));
        for (TrainConfig other : others) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PackTrainer().train(
                    List.of(new PackTrainer.Member(base), new PackTrainer.Member(other)), data, 1, PackTrainer.Listener.NONE));
            assertTrue(e.getMessage().contains("does not share the pack's data stream"), e.getMessage());
        }
        // A shuffled stream must stand at the same epoch for every member.
        TrainConfig shuffled = config(0.01, 0, 3, 1, true, Precision.FLOAT, LossKind.SOFTMAX, 0, Decay.NONE);
        TrainingState after1 = state(new Trainer().train(shuffled.withEpochs(1), data, EpochListener.NONE));
        assertThrows(IllegalArgumentException.class, () -> new PackTrainer().train(
                List.of(new PackTrainer.Member(shuffled, after1), new PackTrainer.Member(shuffled)), data, 1,
                PackTrainer.Listener.NONE));
    }

    /** Trains the pack and checks that the listener heard every epoch and every member's outcome once. */
    private static List<TrainingOutcome> trainAndCheckListener(List<PackTrainer.Member> members, TrainingData data,
                                                               long streamSeed) {
        int[] epochs = new int[members.size()];
        TrainingOutcome[] told = new TrainingOutcome[members.size()];
        List<TrainingOutcome> packed = new PackTrainer().train(members, data, streamSeed, new PackTrainer.Listener() {
            @Override public void epochDone(int member, EpochMetrics metrics) {
                assertEquals(++epochs[member], metrics.epoch());
            }
            @Override public void memberDone(int member, TrainingOutcome outcome) {
                assertEquals(null, told[member], "member " + member + " told twice");
                told[member] = outcome;
            }
        });
        for (int m = 0; m < members.size(); m++) {
            assertEquals(packed.get(m).curves().size(), epochs[m]);
            assertEquals(packed.get(m), told[m]);
        }
        return packed;
    }

    private static TrainingState state(TrainingOutcome outcome) {
        return new TrainingState(outcome.model().weightRows(), outcome.model().biases(), outcome.curves());
    }

    static void assertSameBits(TrainingOutcome alone, TrainingOutcome packed, String what) {
        assertEquals(alone.status(), packed.status(), what + ": status");
        assertEquals(alone.reason(), packed.reason(), what + ": reason");
        assertBits(alone.testAccuracy(), packed.testAccuracy(), what + ": test accuracy");
        assertEquals(alone.curves().size(), packed.curves().size(), what + ": epochs");
        for (int e = 0; e < alone.curves().size(); e++) {
            EpochMetrics x = alone.curves().get(e);
            EpochMetrics y = packed.curves().get(e);
            String at = what + ", epoch " + (e + 1) + ": ";
            assertEquals(x.epoch(), y.epoch(), at + "epoch");
            assertBits(x.trainLoss(), y.trainLoss(), at + "train loss");
            assertBits(x.trainCost(), y.trainCost(), at + "train cost");
            assertBits(x.trainAcc(), y.trainAcc(), at + "train accuracy");
            assertBits(x.valLoss(), y.valLoss(), at + "val loss");
            assertBits(x.valCost(), y.valCost(), at + "val cost");
            assertBits(x.valAcc(), y.valAcc(), at + "val accuracy");
            assertBits(x.eta(), y.eta(), at + "eta");
        }
        double[][] wa = alone.model().weightRows();
        double[][] wp = packed.model().weightRows();
        for (int k = 0; k < wa.length; k++) {
            for (int j = 0; j < wa[k].length; j++) assertBits(wa[k][j], wp[k][j], what + ": W(" + k + ", " + j + ")");
        }
        double[] ba = alone.model().biases();
        double[] bp = packed.model().biases();
        for (int k = 0; k < ba.length; k++) assertBits(ba[k], bp[k], what + ": b(" + k + ")");
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": " + actual + " vs " + expected + " alone");
    }
}
