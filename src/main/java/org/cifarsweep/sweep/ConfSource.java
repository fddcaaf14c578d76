package org.cifarsweep.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cifarsweep.data.SampleData;

/**
 * The effective conf of a sweep: the command-line overrides, over the file, over the defaults. The defaults are a
 * Config of their own (not values filled in later) so that the rendered conf holds every value the sweep used.
 */
final class ConfSource {
    /** The origin of override values, as Typesafe reports it. */
    static final String OVERRIDES = "command line";

    private ConfSource() { }

    /** The file's name without {@code .conf}: the sweep's name unless it gives one. */
    static String defaultName(Path file) {
        Path fileName = file.getFileName();
        String n = fileName == null ? "sweep" : fileName.toString();
        return n.endsWith(".conf") && n.length() > ".conf".length() ? n.substring(0, n.length() - 5) : n;
    }

    /**
     * Reads {@code file} (resolving its substitutions against itself and the environment), then lays it over the
     * defaults and the overrides over both.
     */
    static Config effective(Path file, Map<String, Object> overrides, ConfReader reader) {
        Config parsed = parse(file);
        Config given = overrides(overrides).withFallback(parsed);
        // Checked in the file alone: a non-object `data = 5` would hide the defaults, or be hidden by --data
        // while still hiding them.
        ConfigValue data = parsed.root().get("data");
        if (data != null) {
            reader.object(data, "data");
        }
        ConfigValue name = given.root().get("name");
        String sweepName = name == null ? defaultName(file) : reader.string(name, "name");
        checkName(reader, sweepName, name == null);
        return given.withFallback(defaults(sweepName));
    }

    /**
     * The name is the default output folder's last segment, {@code out/<name>}: one folder name, so that a sweep
     * never writes outside {@code out/} because of its name ({@code name = "../../x"} did). {@code out} itself may
     * point anywhere: that is what it is for.
     */
    private static void checkName(ConfReader reader, String name, boolean fromFileName) {
        String problem = null;
        if (name.equals(".") || name.equals("..")) problem = "is not a folder name";
        else if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) problem = "holds a / or \\";
        else if (name.chars().anyMatch(Character::isISOControl)) problem = "holds a control character";
        if (problem != null) {
            throw reader.error("name", ConfigUtil.quoteString(name) + (fromFileName ? " (from the file name)" : "")
                    + " " + problem + ": the name must be a single folder name, as it names the default output folder"
                    + " out/<name>; use out = \"...\" (or --out) to write elsewhere");
        }
    }

    static Config defaults(String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("seed", 1);
        d.put("precision", "double");
        d.put("shuffle", false);
        d.put("out", "out/" + name);
        d.put("data.dir", SampleData.dir().toString());
        d.put("data.format", "auto");
        d.put("data.split", "default");
        d.put("data.preprocess", "scale");
        d.put("weights", WeightsPolicy.DEFAULT.toString());
        d.put("data_stream", DataStream.TRIAL.toString());
        d.put("packing", Packing.AUTO.toString());
        d.put(SweepSpec.REPEATS, 1);
        d.put("report." + SweepSpec.TOP_TRIALS, SweepSpec.DEFAULT_TOP_TRIALS);
        return ConfigFactory.parseMap(d, "defaults");
    }

    /** Keys are paths ("data.dir"); null values are skipped (an option not given); Paths become strings. */
    static Config overrides(Map<String, Object> overrides) {
        Map<String, Object> m = new LinkedHashMap<>();
        overrides.forEach((k, v) -> {
            if (v != null) m.put(k, v instanceof Path ? v.toString() : v);
        });
        try {
            return ConfigFactory.parseMap(m, OVERRIDES);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bad override " + m + ": " + e.getMessage(), e);
        }
    }

    private static Config parse(Path file) {
        // Our own checks first: Typesafe's IO messages are long and platform-worded.
        if (Files.isDirectory(file)) {
            throw ConfException.of(file, "cannot read (is a directory, expected a .conf file)");
        }
        if (!Files.exists(file)) {
            throw ConfException.of(file, "cannot read (no such file)");
        }
        if (!Files.isReadable(file)) {
            throw ConfException.of(file, "cannot read (permission denied)");
        }
        ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false)
                .setSyntax(ConfigSyntax.CONF).setIncluder(new ConfIncluder(file));
        try {
            // Absolute, so that `include "base.conf"` is found next to the file even for a bare "x.conf".
            return ConfigFactory.parseFile(file.toAbsolutePath().toFile(), options).resolve();
        } catch (ConfigException.IO e) {
            throw ConfException.of(file, "cannot read (" + e.getMessage() + ")");
        } catch (ConfigException e) {
            throw ConfException.of(file, located(e, file));
        }
    }

    /**
     * {@code line 3: <Typesafe's message>}, without the origin Typesafe puts in front; an error in an included
     * file keeps that file's name: {@code other.conf: 3: <message>}.
     */
    private static String located(ConfigException e, Path file) {
        String message = e.getMessage();
        ConfigOrigin origin = e.origin();
        if (origin == null) {
            return message;
        }
        String prefix = origin.description() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        boolean ours = origin.filename() == null || origin.filename().equals(file.toAbsolutePath().toFile().getPath());
        if (!ours) {
            return origin.description() + ": " + message;
        }
        return origin.lineNumber() > 0 ? "line " + origin.lineNumber() + ": " + message : message;
    }
}
