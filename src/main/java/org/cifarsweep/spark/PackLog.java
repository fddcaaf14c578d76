package org.cifarsweep.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cifarsweep.sweep.SweepSpec;
import org.cifarsweep.sweep.TrialPack;
import org.cifarsweep.sweep.TrialSpec;
import org.cifarsweep.train.PackTrainer;

/**
 * The packs a sweep trained, for provenance.json's {@code "packing"}: each pack's members, time and product rate,
 * the fraction of runs that trained packed, and the packed kernel's rate over all packs (their products' operations
 * over the time spent in them). A pack whose members had to train alone after an error counts as runs alone.
 */
final class PackLog {
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private final List<Map<String, Object>> packs = new ArrayList<>();
    private int runs;
    private int runsPacked;
    private double flops;
    private double productSeconds;

    PackLog(SweepSpec spec, int maxMembers) {
        settings.put("mode", spec.packing().toString());
        settings.put("data_stream", spec.dataStream().toString());
        settings.put("max_members", maxMembers);
    }

    /** {@code pack} delivered {@code result}. */
    synchronized void delivered(TrialPack pack, PackResult result) {
        runs += result.results().size();
        PackTrainer.Stats stats = result.stats();
        if (stats == null) return;
        runsPacked += pack.members().size();
        flops += stats.productFlops();
        productSeconds += stats.productSeconds();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("pack", pack.number());
        entry.put("members", pack.members().stream().map(TrialSpec::id).toList());
        entry.put("seconds", stats.seconds());
        entry.put("product_gflops", stats.productGflops());
        packs.add(entry);
    }

    /** The provenance section. */
    synchronized Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>(settings);
        s.put("runs", runs);
        s.put("runs_packed", runsPacked);
        s.put("fraction_packed", runs == 0 ? 0.0 : (double) runsPacked / runs);
        s.put("packed_product_gflops", productSeconds > 0 ? flops / productSeconds / 1e9 : 0.0);
        s.put("packs", List.copyOf(packs));
        return s;
    }
}
