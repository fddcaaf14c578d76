package org.cifarsweep.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;
import org.cifarsweep.model.LinearPack;
import org.cifarsweep.train.TrainConfig;

/**
 * Groups the runs of a job into {@link TrialPack}s, one Spark task each.
 *
 * <ul>
 *   <li><b>Who may share a pack:</b> runs that read the same mini-batches in the same order: the same batch size,
 *   shuffle and flip probability, and, when they shuffle or flip, the same stream seed and epochs already done (the
 *   data, split, preprocessing and precision are the sweep's). η, λ, the loss, the seed of W and b, the decay and
 *   the epochs may differ.</li>
 *   <li><b>Size:</b> at most {@link LinearPack#maxMembers} (the kernel's cache budget), in packs of near-equal size.
 *   Then, so that no core waits on one large pack: while the costliest pack would take more than
 *   {@value #SPLIT_ABOVE} × its fair share of the job's work (the total over the task slots), it is halved. The
 *   margin is what a halved pack loses by packing fewer members (per member, a pack of 8 is up to about a quarter
 *   slower than one of 16): below it, halving costs more than the idle core it saves.</li>
 *   <li><b>Order:</b> longest first (Spark starts tasks in partition order), as runs alone are ordered.</li>
 * </ul>
 * The result depends only on the runs, their order and the arguments: the same sweep packs the same way.
 */
public final class Packer {
    static final double SPLIT_ABOVE = 1.25;
    /** Packs (their runs longest first) by the sum of their runs' costs, ties by their first run's id. */
    private static final Comparator<List<TrialSpec>> COSTLIEST_FIRST =
            Comparator.comparingDouble(Packer::cost).reversed().thenComparing(p -> p.get(0).id());

    private final Packing mode;
    private final ToLongFunction<TrainConfig> streamSeed;
    private final int maxMembers;

    /**
     * @param streamSeed a run's stream seed ({@link SweepSpec#streamSeed})
     * @param maxMembers the most runs in one pack (1: no packing)
     */
    public Packer(Packing mode, ToLongFunction<TrainConfig> streamSeed, int maxMembers) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.streamSeed = Objects.requireNonNull(streamSeed, "streamSeed");
        if (maxMembers < 1) throw new IllegalArgumentException("maxMembers " + maxMembers + " must be >= 1");
        this.maxMembers = maxMembers;
    }

    /** The packer of {@code spec}: its packing mode, data streams, and the most members its precision takes. */
    public static Packer of(SweepSpec spec, int classes) {
        return new Packer(spec.packing(), spec::streamSeed, maxMembers(spec, classes));
    }

    /** The most runs a pack of {@code spec} takes: 1 with packing off. */
    public static int maxMembers(SweepSpec spec, int classes) {
        return spec.packing() == Packing.OFF ? 1 : LinearPack.maxMembers(spec.precision(), classes);
    }

    /**
     * The packs of {@code runs} for {@code slots} tasks at a time, longest first, numbered from {@code firstNumber}
     * (runs alone have number 0).
     */
    public List<TrialPack> pack(List<TrialSpec> runs, int slots, int firstNumber) {
        List<TrialSpec> ordered = runs.stream().sorted(TrialSpec.LONGEST_FIRST).toList();
        List<List<TrialSpec>> packs = new ArrayList<>();
        if (mode == Packing.OFF || maxMembers == 1) {
            for (TrialSpec run : ordered) packs.add(List.of(run));
        } else {
            Map<StreamKey, List<TrialSpec>> groups = new LinkedHashMap<>();
            for (TrialSpec run : ordered) groups.computeIfAbsent(key(run), k -> new ArrayList<>()).add(run);
            for (List<TrialSpec> group : groups.values()) packs.addAll(split(group, ceilDiv(group.size(), maxMembers)));
            packs = balanced(packs, Math.max(1, slots));
        }
        packs.sort(COSTLIEST_FIRST);
        List<TrialPack> numbered = new ArrayList<>(packs.size());
        int number = firstNumber;
        for (List<TrialSpec> members : packs) {
            long seed = streamSeed.applyAsLong(members.get(0).config());
            numbered.add(members.size() == 1 ? TrialPack.alone(members.get(0), seed)
                    : new TrialPack(number++, members, seed));
        }
        return numbered;
    }

    /** Halves the costliest pack while it weighs more than {@link #SPLIT_ABOVE} × the fair share of a slot. */
    private static List<List<TrialSpec>> balanced(List<List<TrialSpec>> packs, int slots) {
        double fairShare = packs.stream().mapToDouble(Packer::cost).sum() / slots;
        PriorityQueue<List<TrialSpec>> byCost = new PriorityQueue<>(COSTLIEST_FIRST);
        byCost.addAll(packs);
        while (byCost.peek().size() > 1 && cost(byCost.peek()) > SPLIT_ABOVE * fairShare) {
            byCost.addAll(split(byCost.poll(), 2));
        }
        return new ArrayList<>(byCost);
    }

    /** {@code group} (longest first) cut into {@code parts} consecutive packs whose sizes differ by at most one. */
    static List<List<TrialSpec>> split(List<TrialSpec> group, int parts) {
        List<List<TrialSpec>> packs = new ArrayList<>(parts);
        int from = 0;
        for (int i = 0; i < parts; i++) {
            int size = group.size() / parts + (i < group.size() % parts ? 1 : 0);
            packs.add(List.copyOf(group.subList(from, from + size)));
            from += size;
        }
        return packs;
    }

    /** What decides the mini-batches a run reads. */
    private record StreamKey(int nBatch, boolean shuffle, double flip, long streamSeed, int epochsDone) { }

    private StreamKey key(TrialSpec run) {
        TrainConfig c = run.config();
        boolean drawn = c.shuffle() || c.options().flip() > 0;
        // In data order without flips the stream seed and the epochs done change no batch: such runs all share.
        return new StreamKey(c.nBatch(), c.shuffle(), c.options().flip(), drawn ? streamSeed.applyAsLong(c) : 0,
                drawn ? run.startEpochs() : 0);
    }

    private static double cost(List<TrialSpec> pack) {
        return pack.stream().mapToDouble(TrialSpec::estimatedCost).sum();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
