package org.cifarsweep.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cifarsweep.model.LossKind;
import org.cifarsweep.model.Precision;
import org.cifarsweep.train.Decay;
import org.cifarsweep.train.EpochMetrics;
import org.cifarsweep.train.TrainConfig;
import org.cifarsweep.train.TrainOptions;
import org.cifarsweep.train.TrainingState;
import org.junit.jupiter.api.Test;

/** Who shares a pack, how large packs get, and their order, on hand-made runs whose packs are worked out here. */
class PackerTest {
    private static final long SWEEP_SEED = 7;

    private static TrialSpec run(double eta, int nBatch, int epochs, long seed, boolean shuffle, TrainOptions options) {
        TrainConfig c = new TrainConfig(eta, 0, nBatch, epochs, seed, shuffle, Precision.FLOAT, options);
        return new TrialSpec("eta" + eta + "_b" + nBatch + "_ep" + epochs + "_s" + seed, c);
    }

    private static TrialSpec run(double eta, int nBatch, int epochs) {
        return run(eta, nBatch, epochs, Math.round(eta * 1000), false, TrainOptions.DEFAULT);
    }

    private static Packer packer(Packing mode, DataStream stream, int maxMembers) {
        return new Packer(mode, c -> stream.streamSeed(c, SWEEP_SEED), maxMembers);
    }

    private static List<List<String>> ids(List<TrialPack> packs) {
        List<List<String>> ids = new ArrayList<>();
        for (TrialPack p : packs) ids.add(p.members().stream().map(TrialSpec::id).toList());
        return ids;
    }

    /** The seed-experiments shape: 7 runs of one batch size and 40 epochs. */
    private static List<TrialSpec> sevenRuns() {
        List<TrialSpec> runs = new ArrayList<>();
        for (int i = 1; i <= 7; i++) runs.add(run(0.001 * i, 100, 40));
        return runs;
    }

    @Test
    void oneSlotTakesEveryRunOfAStreamInOnePack() {
        List<TrialPack> packs = packer(Packing.AUTO, DataStream.TRIAL, 25).pack(sevenRuns(), 1, 1);
        assertEquals(1, packs.size());
        assertEquals(7, packs.get(0).members().size());
        assertEquals(1, packs.get(0).number());
        assertEquals("1", packs.get(0).label());
    }

    @Test
    void twoSlotsHalveAPackThatWouldKeepOneCoreAlone() {
        // One pack of 7 equal runs is 7 units against a fair share of 3.5 per slot: halved to 4 + 3 (4 <= 1.25 × 3.5).
        List<TrialPack> packs = packer(Packing.AUTO, DataStream.TRIAL, 25).pack(sevenRuns(), 2, 1);
        assertEquals(List.of(4, 3), packs.stream().map(p -> p.members().size()).toList());
        assertEquals(List.of(1, 2), packs.stream().map(TrialPack::number).toList());
        Set<String> all = new HashSet<>();
        packs.forEach(p -> p.members().forEach(r -> all.add(r.id())));
        assertEquals(7, all.size());
    }

    @Test
    void aGroupWithinTheMarginIsNotSplit() {
        // Batch 20, 100, 500: costs per run 40 × (1 + 30/b) = 100, 52, 42.4; 4 runs each. Total 777.6, 2 slots:
        // fair share 388.8; the batch-20 pack weighs 400 < 1.25 × 388.8, so three packs of 4.
        List<TrialSpec> runs = new ArrayList<>();
        for (int b : new int[] {500, 20, 100}) for (int i = 1; i <= 4; i++) runs.add(run(0.01 * i, b, 40));
        List<TrialPack> packs = packer(Packing.AUTO, DataStream.TRIAL, 25).pack(runs, 2, 5);
        assertEquals(3, packs.size());
        assertEquals(List.of(20, 100, 500), packs.stream().map(p -> p.members().get(0).config().nBatch()).toList(),
                "longest first");
        assertEquals(List.of(5, 6, 7), packs.stream().map(TrialPack::number).toList());
        for (TrialPack p : packs) {
            assertEquals(4, p.members().size());
            assertTrue(p.members().stream().allMatch(r -> r.config().nBatch() == p.members().get(0).config().nBatch()));
        }
    }

    @Test
    void theCacheBudgetCapsAPackAndSizesStayEven() {
        List<TrialSpec> runs = new ArrayList<>();
        for (int i = 1; i <= 10; i++) runs.add(run(0.001 * i, 100, 40));
        List<TrialPack> packs = packer(Packing.AUTO, DataStream.TRIAL, 4).pack(runs, 1, 1);
        assertEquals(List.of(4, 3, 3), packs.stream().map(p -> p.members().size()).toList());
    }

    @Test
    void packingOffLeavesEveryRunAloneLongestFirst() {
        List<TrialSpec> runs = List.of(run(0.01, 100, 10), run(0.02, 100, 40), run(0.03, 20, 10));
        List<TrialPack> packs = packer(Packing.OFF, DataStream.TRIAL, 25).pack(runs, 2, 1);
        assertEquals(List.of(List.of("eta0.02_b100_ep40_s20"), List.of("eta0.03_b20_ep10_s30"),
                List.of("eta0.01_b100_ep10_s10")), ids(packs));
        assertTrue(packs.stream().noneMatch(TrialPack::packed));
        assertTrue(packs.stream().allMatch(p -> p.number() == 0 && p.label().isEmpty()));
        // A run alone draws its own stream.
        assertEquals(20, packs.get(0).streamSeed());
    }

    @Test
    void whatMayDifferInsideAPack() {
        TrainOptions svmDecay = new TrainOptions(LossKind.SVM, 0, Decay.exp(0.9));
        List<TrialSpec> runs = List.of(run(0.01, 100, 40, 1, false, TrainOptions.DEFAULT),
                run(0.02, 100, 10, 2, false, svmDecay), run(0.03, 100, 20, 3, false, TrainOptions.DEFAULT));
        List<TrialPack> packs = packer(Packing.AUTO, DataStream.TRIAL, 25).pack(runs, 1, 1);
        assertEquals(1, packs.size(), "eta, loss, decay, seed and epochs may differ");
        assertEquals(List.of(40, 20, 10), packs.get(0).members().stream().map(r -> r.config().nEpochs()).toList());
    }

    @Test
    void drawnStreamsShareOnlyOneStreamSeed() {
        TrainOptions flips = new TrainOptions(LossKind.SOFTMAX, 0.5, Decay.NONE);
        List<TrialSpec> shuffled = List.of(run(0.01, 100, 40, 1, true, TrainOptions.DEFAULT),
                run(0.02, 100, 40, 2, true, TrainOptions.DEFAULT), run(0.03, 100, 40, 3, false, flips),
                run(0.04, 100, 40, 4, false, flips));
        List<TrialPack> own = packer(Packing.AUTO, DataStream.TRIAL, 25).pack(shuffled, 1, 1);
        assertEquals(4, own.size(), "each run draws its own stream: nothing shares");
        List<TrialPack> sweep = packer(Packing.AUTO, DataStream.SWEEP, 25).pack(shuffled, 1, 1);
        assertEquals(2, sweep.size(), "one sweep stream: the shuffled runs share, the flipped runs share");
        for (TrialPack p : sweep) {
            assertEquals(SWEEP_SEED, p.streamSeed());
            assertEquals(p.members().get(0).config().shuffle(), p.members().get(1).config().shuffle());
        }
    }

    @Test
    void aDrawnStreamSharesOnlyTheSameEpochsDone() {
        TrainConfig a = new TrainConfig(0.01, 0, 100, 40, 1, true, Precision.FLOAT);
        TrainConfig b = new TrainConfig(0.02, 0, 100, 40, 2, true, Precision.FLOAT);
        TrainConfig c = new TrainConfig(0.03, 0, 100, 40, 3, true, Precision.FLOAT);
        List<TrialSpec> runs = List.of(new TrialSpec("a", a, state(10), 1), new TrialSpec("b", b, state(10), 1),
                new TrialSpec("c", c, state(20), 2));
        List<List<String>> packs = ids(packer(Packing.AUTO, DataStream.SWEEP, 25).pack(runs, 1, 1));
        assertEquals(List.of(List.of("a", "b"), List.of("c")), packs);
    }

    private static TrainingState state(int epochs) {
        List<EpochMetrics> curves = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) curves.add(new EpochMetrics(e, 1, 1, 0.1, 1, 1, 0.1, 0.01));
        return new TrainingState(new double[10][3072], new double[10], curves);
    }

    @Test
    void theSameRunsPackTheSameWayWhateverTheirOrder() {
        List<TrialSpec> runs = sevenRuns();
        List<TrialSpec> reversed = new ArrayList<>(runs);
        java.util.Collections.reverse(reversed);
        Packer packer = packer(Packing.AUTO, DataStream.TRIAL, 25);
        assertEquals(ids(packer.pack(runs, 2, 1)), ids(packer.pack(reversed, 2, 1)));
    }

    @Test
    void manySlotsLeaveRunsAlone() {
        List<TrialPack> packs = packer(Packing.AUTO, DataStream.TRIAL, 25).pack(sevenRuns(), 16, 1);
        assertEquals(7, packs.size());
        assertFalse(packs.stream().anyMatch(TrialPack::packed));
    }
}
