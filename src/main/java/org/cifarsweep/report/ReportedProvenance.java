package org.cifarsweep.report;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * provenance.json as the report reads it back (a sweep writes it with {@link org.cifarsweep.results.Provenance}):
 * the whole tree for the page, and the two facts the report itself needs — the sweep's
 * name (to recognise the assignment's experiments) and the data folder (for the class names). Train runs have no
 * provenance file; a damaged one is noted and ignored.
 */
public record ReportedProvenance(Map<String, Object> tree) {
    public static ReportedProvenance none() {
        return new ReportedProvenance(Map.of());
    }

    public static ReportedProvenance read(Path file, List<String> notes) {
        if (!Files.isRegularFile(file)) return none();
        try {
            Map<String, Object> tree = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON).setAllowMissing(false)).root().unwrapped();
            return new ReportedProvenance(tree);
        } catch (ConfigException e) {
            notes.add(file.getFileName() + ": not readable (" + e.getMessage() + "); provenance not shown");
            return none();
        }
    }

    public boolean present() {
        return !tree.isEmpty();
    }

    /** conf.name: the sweep's name, or null. */
    public String sweepName() {
        return string(section("conf").get("name"));
    }

    /**
     * conf.report.top_trials: how many of the best trials the sweep pictured, or null when not recorded (or not an
     * integer >= 0, which a sweep never writes).
     */
    public Integer topTrials() {
        Object top = section("conf").get("report") instanceof Map<?, ?> report ? report.get("top_trials") : null;
        double n = top instanceof Number x ? x.doubleValue() : Double.NaN;
        if (top instanceof String s) {   // a conf may give it as a string that reads as a number, e.g. ${?TOP}
            try {
                n = Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return n >= 0 && n <= Integer.MAX_VALUE && n == Math.rint(n) ? (int) n : null;
    }

    /** data.dir: the CIFAR-10 folder the sweep read, or null. */
    public Path dataDir() {
        String dir = string(section("data").get("dir"));
        if (dir == null) dir = string(section("conf").get("data") instanceof Map<?, ?> d ? d.get("dir") : null);
        return dir == null ? null : Path.of(dir);
    }

    /**
     * The parameters the conf's {@code random} block samples log-uniformly ({@code "loguniform(a, b)"}): their plots
     * get log axes.
     */
    public Set<String> logUniform() {
        Set<String> keys = new TreeSet<>();
        if (section("conf").get("random") instanceof Map<?, ?> random) {
            random.forEach((k, v) -> {
                if (v instanceof String s && s.strip().toLowerCase(Locale.ROOT).startsWith("loguniform(")) {
                    keys.add(String.valueOf(k));
                }
            });
        }
        return keys;
    }

    /** A sweep that wrote "started" but not "finished" is still running, or was stopped. */
    public boolean finished() {
        return tree.containsKey("finished");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> section(String key) {
        return tree.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String string(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }
}
