package org.cifarsweep.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cifarsweep.data.Preprocess;
import org.cifarsweep.data.Split;
import org.cifarsweep.model.Precision;

/** Turns the effective conf into a {@link SweepSpec}, checking every key on the way (see docs/conf-format.md). */
final class SweepSpecReader {
    static final List<String> TOP_KEYS =
            List.of("name", "seed", "precision", "shuffle", "out", "data", "grid", "random", "halving", "trials",
                    "spark", "weights", "report", "data_stream", "packing", "repeats");
    static final List<String> HALVING_KEYS = List.of("rungs", "reduction");
    static final List<String> DATA_KEYS = List.of("dir", "format", "split", "preprocess");
    static final List<String> REPORT_KEYS = List.of(SweepSpec.TOP_TRIALS);
    private static final String SPARK_PREFIX = "spark.";

    private SweepSpecReader() { }

    static SweepSpec read(Path file, Map<String, Object> overrides) {
        ConfReader r = new ConfReader(file);
        Config conf = ConfSource.effective(file, overrides, r);
        ConfigObject root = conf.root();
        r.checkKeys(root, "", TOP_KEYS);

        String name = r.string(root.get("name"), "name");
        long seed = ConfTrialValues.seed(r, root.get("seed"), "seed");
        Precision precision = r.parsed(root.get("precision"), "precision", Precision::parse);
        boolean shuffle = r.bool(root.get("shuffle"), "shuffle");
        Path out = r.path(root.get("out"), "out");
        DataSpec data = data(r, r.object(root.get("data"), "data"));
        WeightsPolicy weights = r.parsed(root.get("weights"), "weights", WeightsPolicy::parse);
        DataStream dataStream = r.parsed(root.get("data_stream"), "data_stream", DataStream::parse);
        Packing packing = r.parsed(root.get("packing"), "packing", Packing::parse);
        report(r, r.object(root.get("report"), "report"));
        int repeats = (int) r.integer(root.get(SweepSpec.REPEATS), SweepSpec.REPEATS, 1, SweepSpec.MAX_TRIALS);

        Halving halving = root.get("halving") == null ? null : halving(r, r.object(root.get("halving"), "halving"));
        boolean epochsFree = halving != null;
        List<ConfTrialValues> points = new ArrayList<>();
        if (root.get("grid") != null) {
            points.addAll(SearchSpace.expand(r, r.object(root.get("grid"), "grid"), "grid", false, seed, epochsFree,
                    points.size()));
        }
        if (root.get("random") != null) {
            points.addAll(SearchSpace.expand(r, r.object(root.get("random"), "random"), "random", true, seed, epochsFree,
                    points.size()));
        }
        if (root.get("trials") != null) {
            ConfigList trials = r.list(root.get("trials"), "trials");
            if (points.size() + (long) trials.size() > SweepSpec.MAX_TRIALS) {
                throw r.error("trials", trials.size() + " trials" + (points.isEmpty() ? "" : ", after " + points.size()
                        + " from the grid and random blocks") + "; a sweep may have at most " + SweepSpec.MAX_TRIALS_SHOWN);
            }
            for (int i = 0; i < trials.size(); i++) {
                points.add(ConfTrialValues.readTrial(r, trials.get(i), "trials[" + i + "]", epochsFree));
            }
        }
        if (points.isEmpty()) {
            throw ConfException.of(file, "the search is empty: give a grid, a random block and/or trials");
        }
        int epochs = halving == null ? 0 : halving.maxEpochs();
        for (ConfTrialValues p : points) {
            if (halving != null && p.nEpochs() != 0 && p.nEpochs() != epochs) {
                throw r.error("halving", "n_epochs " + p.nEpochs() + " must be left out or equal the last rung, "
                        + epochs + " (halving sets each trial's epochs)");
            }
        }
        if ((long) points.size() * repeats > SweepSpec.MAX_TRIALS) {
            throw r.error(SweepSpec.REPEATS, String.format("%d repeats of %,d trials give %,d trials; a sweep may have at "
                    + "most %s", repeats, points.size(), (long) points.size() * repeats, SweepSpec.MAX_TRIALS_SHOWN));
        }
        Map<String, String> spark = root.get("spark") == null ? Map.of() : spark(r, root.get("spark"));

        // The same trial twice (e.g. in the grid and in trials) would run twice and write two rows under one id.
        // Each configuration's repeats follow it: repeat 1 is the trial itself, as without repeats.
        Map<String, TrialSpec> trials = new LinkedHashMap<>();
        for (ConfTrialValues p : points) {
            TrialSpec t = p.toTrial(seed, shuffle, precision, epochs);
            if (trials.putIfAbsent(t.id(), t) != null) continue;
            for (int k = 2; k <= repeats; k++) {
                TrialSpec rep = t.repeat(k);
                trials.put(rep.id(), rep);
            }
        }
        String resolved = root.render(ConfigRenderOptions.concise().setFormatted(true));
        return new SweepSpec(name, data, precision, seed, shuffle, out, List.copyOf(trials.values()), spark, resolved,
                halving, weights, dataStream, packing);
    }

    private static Halving halving(ConfReader r, ConfigObject h) {
        r.checkKeys(h, "halving", HALVING_KEYS);
        ConfigList list = r.list(r.required(h, "halving", "rungs", "e.g. rungs = [5, 10, 20, 40]"), "halving.rungs");
        List<Integer> rungs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            int e = ConfTrialValues.count(r, list.get(i), "halving.rungs[" + i + "]");
            if (i > 0 && e <= rungs.get(i - 1)) {
                throw r.error("halving.rungs[" + i + "]", e + " must be > " + rungs.get(i - 1)
                        + " (the epochs reached at the end of each rung, increasing)");
            }
            rungs.add(e);
        }
        if (rungs.isEmpty()) throw r.error("halving.rungs", "empty list");
        int reduction = h.get("reduction") == null ? Halving.DEFAULT_REDUCTION
                : (int) r.integer(h.get("reduction"), "halving.reduction", 2, Integer.MAX_VALUE);
        return new Halving(rungs, reduction);
    }

    private static DataSpec data(ConfReader r, ConfigObject data) {
        r.checkKeys(data, "data", DATA_KEYS);
        return new DataSpec(
                r.path(data.get("dir"), "data.dir"),
                r.parsed(data.get("format"), "data.format", DataSpec::parseFormat),
                r.parsed(data.get("split"), "data.split", Split::parse),
                r.parsed(data.get("preprocess"), "data.preprocess", Preprocess::parse));
    }

    /** Checks {@code report {}}; its value reaches the report through the resolved conf ({@link SweepSpec#topTrials}). */
    private static void report(ConfReader r, ConfigObject report) {
        r.checkKeys(report, "report", REPORT_KEYS);
        r.integer(report.get(SweepSpec.TOP_TRIALS), "report." + SweepSpec.TOP_TRIALS, 0, Integer.MAX_VALUE);
    }

    /**
     * The {@code spark {}} settings, flattened: {@code "spark.ui.enabled" = false} and the unquoted
     * {@code spark.ui.enabled = false} (which HOCON nests) both give {@code spark.ui.enabled -> "false"}.
     */
    private static Map<String, String> spark(ConfReader r, ConfigValue section) {
        Map<String, String> settings = new TreeMap<>();
        flatten(r, r.object(section, "spark"), "", settings);
        return settings;
    }

    private static void flatten(ConfReader r, ConfigObject object, String prefix, Map<String, String> into) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String key = prefix + e.getKey();
            ConfigValue v = e.getValue();
            if (v.valueType() == ConfigValueType.OBJECT) {
                flatten(r, (ConfigObject) v, key + ".", into);
                continue;
            }
            String path = "spark." + key;
            if (!key.startsWith(SPARK_PREFIX)) {
                throw r.error(path, "Spark settings must start with \"" + SPARK_PREFIX + "\"");
            }
            switch (v.valueType()) {
                case STRING: into.put(key, (String) v.unwrapped()); break;
                case NUMBER: case BOOLEAN: into.put(key, ConfReader.show(v)); break;
                default: throw r.error(path, "expected a string, number or boolean, got " + v.valueType() + " "
                        + ConfReader.show(v));
            }
        }
    }
}
