package org.cifarsweep.sweep;

/**
 * Deals a stream of trials to Hyperband's brackets in its proportions ({@link Halving#bracketSizes}), interleaved:
 * smooth weighted round-robin, so that every {@code sum(sizes)} trials give each bracket exactly its share. One
 * bracket gets every trial. Deterministic: the k-th trial dealt always goes to the same bracket.
 */
final class BracketDealer {
    private final int[] sizes;
    private final int total;
    private final long[] credit;

    BracketDealer(Halving halving) {
        this.sizes = halving.bracketSizes();
        int sum = 0;
        for (int s : sizes) sum += s;
        this.total = sum;
        this.credit = new long[sizes.length];
    }

    /** The bracket of the next trial. */
    int next() {
        int best = 0;
        for (int b = 0; b < sizes.length; b++) {
            credit[b] += sizes[b];
            if (credit[b] > credit[best]) best = b;
        }
        credit[best] -= total;
        return best;
    }

    /** How many of the first {@code n} trials each bracket gets. */
    static int[] counts(Halving halving, int n) {
        BracketDealer dealer = new BracketDealer(halving);
        int[] counts = new int[halving.brackets()];
        for (int i = 0; i < n; i++) counts[dealer.next()]++;
        return counts;
    }
}
