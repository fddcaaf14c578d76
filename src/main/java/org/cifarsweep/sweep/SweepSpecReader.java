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
                    "spark", "weights", "report", "data_stream", "packing", "hyperband", "search", "repeats");
    static final List<String> HALVING_KEYS = List.of("rungs", "reduction", "mode");
    static final List<String> HYPERBAND_KEYS = List.of("rungs", "reduction", "mode", "brackets");
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

        if (root.get("halving") != null && root.get("hyperband") != null) {
            throw r.error("hyperband", "a sweep has halving {} or hyperband {}, not both (Hyperband is brackets of "
                    + "halving)");
        }
        Halving halving = root.get("halving") != null ? halving(r, r.object(root.get("halving"), "halving"), "halving")
                : root.get("hyperband") != null ? halving(r, r.object(root.get("hyperband"), "hyperband"), "hyperband")
                : null;
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
        SweepSpec.Search search = root.get("search") == null ? SweepSpec.Search.FIXED
                : r.parsed(root.get("search"), "search", SweepSpec.Search::parse);
        if (search == SweepSpec.Search.TPE) checkTpe(r, root, halving, epochsFree);
        if (search == SweepSpec.Search.TPE && repeats > 1) {
            throw r.error(SweepSpec.REPEATS, repeats + ": search = tpe proposes one trial per configuration; repeats "
                    + "apply to the grid, random samples and trials of search = fixed");
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

    /**
     * {@code search = tpe} proposes over a random block's distributions, asynchronously: no grid or trials beside
     * it, a single value or a distribution for each parameter, and halving, if any, in mode async.
     */
    private static void checkTpe(ConfReader r, ConfigObject root, Halving halving, boolean epochsFree) {
        if (root.get("random") == null) {
            throw r.error("search", "'tpe' needs a random {} block: the distributions to search and samples = N trials");
        }
        for (String other : List.of("grid", "trials")) {
            if (root.get(other) != null) {
                throw r.error(other, "search = tpe proposes its own trials from the random {} block; remove " + other);
            }
        }
        if (halving != null && halving.mode() != Halving.Mode.ASYNC) {
            throw r.error((halving.hyperband() ? "hyperband" : "halving") + ".mode",
                    "'sync': search = tpe proposes as results arrive; use mode = async");
        }
        ConfigObject block = r.object(root.get("random"), "random");
        Map<SearchParam, Dimension> dims = SearchSpace.dimensions(r, block, "random", true, epochsFree);
        for (Map.Entry<SearchParam, Dimension> d : dims.entrySet()) {
            List<Object> values = d.getValue().values();
            if (values != null && values.size() > 1) {
                throw r.error("random." + d.getKey().key, "a list of " + values.size() + " values: with search = tpe "
                        + "give one value or a distribution (\"choice(...)\" for a list)");
            }
            if (values == null && d.getKey() == SearchParam.N_EPOCHS) {
                throw r.error("random.n_epochs", "with search = tpe the epochs are one value (or halving's rungs)");
            }
        }
    }

    /** {@code halving {}} or {@code hyperband {}} (at {@code path}): the same rungs, one bracket or several. */
    private static Halving halving(ConfReader r, ConfigObject h, String path) {
        boolean hyperband = path.equals("hyperband");
        r.checkKeys(h, path, hyperband ? HYPERBAND_KEYS : HALVING_KEYS);
        ConfigList list = r.list(r.required(h, path, "rungs", "e.g. rungs = [5, 10, 20, 40]"), path + ".rungs");
        List<Integer> rungs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            int e = ConfTrialValues.count(r, list.get(i), path + ".rungs[" + i + "]");
            if (i > 0 && e <= rungs.get(i - 1)) {
                throw r.error(path + ".rungs[" + i + "]", e + " must be > " + rungs.get(i - 1)
                        + " (the epochs reached at the end of each rung, increasing)");
            }
            rungs.add(e);
        }
        if (rungs.isEmpty()) throw r.error(path + ".rungs", "empty list");
        if (hyperband && rungs.size() < 2) {
            throw r.error(path + ".rungs", "Hyperband needs at least 2 rungs, got " + rungs.size());
        }
        int reduction = h.get("reduction") == null ? Halving.DEFAULT_REDUCTION
                : (int) r.integer(h.get("reduction"), path + ".reduction", 2, Integer.MAX_VALUE);
        Halving.Mode mode = h.get("mode") == null ? (hyperband ? Halving.Mode.ASYNC : Halving.Mode.SYNC)
                : r.parsed(h.get("mode"), path + ".mode", Halving.Mode::parse);
        int brackets = 1;
        if (hyperband) {
            brackets = h.get("brackets") == null ? rungs.size()
                    : (int) r.integer(h.get("brackets"), path + ".brackets", 2, rungs.size());
        }
        return new Halving(rungs, reduction, mode, brackets);
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
