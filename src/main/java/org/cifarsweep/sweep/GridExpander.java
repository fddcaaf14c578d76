package org.cifarsweep.sweep;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The {@code grid {}} section: each of eta, lambda, n_batch, n_epochs a number or a non-empty list, expanded to
 * their Cartesian product in a fixed order: eta outermost, then lambda, then n_batch, with n_epochs innermost
 * (so {@code eta=[a,b], lambda=[x,y]} gives (a,x), (a,y), (b,x), (b,y)). Values keep the order written.
 */
final class GridExpander {

    private GridExpander() { }

    static List<TrialParams> expand(ConfReader r, ConfigObject grid, String path) {
        r.checkKeys(grid, path, TrialParams.NAMES);
        String needs = "a grid needs " + String.join(", ", TrialParams.NAMES);
        List<Double> etas = new ArrayList<>();
        List<Double> lambdas = new ArrayList<>();
        List<Integer> batches = new ArrayList<>();
        List<Integer> epochs = new ArrayList<>();
        forEach(r, r.required(grid, path, "eta", needs), path + ".eta", (v, k) -> etas.add(TrialParams.eta(r, v, k)));
        forEach(r, r.required(grid, path, "lambda", needs), path + ".lambda",
                (v, k) -> lambdas.add(TrialParams.lambda(r, v, k)));
        forEach(r, r.required(grid, path, "n_batch", needs), path + ".n_batch",
                (v, k) -> batches.add(TrialParams.count(r, v, k)));
        forEach(r, r.required(grid, path, "n_epochs", needs), path + ".n_epochs",
                (v, k) -> epochs.add(TrialParams.count(r, v, k)));

        List<TrialParams> points = new ArrayList<>();
        for (double eta : etas) {
            for (double lambda : lambdas) {
                for (int nBatch : batches) {
                    for (int nEpochs : epochs) {
                        points.add(new TrialParams(eta, lambda, nBatch, nEpochs, null));
                    }
                }
            }
        }
        return points;
    }

    /** Reads a number or each element of a list; an element is named {@code key[i]} (from 0) in messages. */
    private static void forEach(ConfReader r, ConfigValue value, String key,
                                BiConsumer<ConfigValue, String> read) {
        List<ConfigValue> values = r.oneOrMore(value, key);
        boolean single = value.valueType() != ConfigValueType.LIST;
        for (int i = 0; i < values.size(); i++) {
            read.accept(values.get(i), single ? key : key + "[" + i + "]");
        }
    }
}
