package org.cifarsweep.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * Runs that train together in one Spark task, reading each mini-batch once for all of them ({@link Packer}); a pack
 * of one is a run trained alone. Every member gets the bits it gets alone.
 *
 * @param number     names the pack in results.csv's {@code pack} column and provenance.json: 1, 2, … within one
 *                   run of the command (0 for a run alone, which has no pack)
 * @param members    the runs, longest first; they share a data stream (checked when the pack trains)
 * @param streamSeed the seed of the members' shuffle and flip streams (unused when they neither shuffle nor flip)
 */
public record TrialPack(int number, List<TrialSpec> members, long streamSeed) implements Serializable {

    public TrialPack {
        members = List.copyOf(members);
        if (members.isEmpty()) throw new IllegalArgumentException("a pack needs at least one run");
        if (number < 0) throw new IllegalArgumentException("pack number " + number + " must be >= 0");
        if (members.size() == 1 && number != 0) throw new IllegalArgumentException("a run alone has no pack number");
        if (members.size() > 1 && number == 0) throw new IllegalArgumentException("a pack of runs needs a number");
    }

    /** {@code run} trained alone, on the stream of {@code streamSeed}. */
    public static TrialPack alone(TrialSpec run, long streamSeed) {
        return new TrialPack(0, List.of(run), streamSeed);
    }

    /** Whether more than one run trains in it. */
    public boolean packed() {
        return members.size() > 1;
    }

    /** The sum of its runs' {@link TrialSpec#estimatedCost}: what the pack weighs when packs are balanced. */
    public double estimatedCost() {
        return members.stream().mapToDouble(TrialSpec::estimatedCost).sum();
    }

    /** The label of results.csv's {@code pack} column: the number, or empty for a run alone. */
    public String label() {
        return packed() ? String.valueOf(number) : "";
    }
}
