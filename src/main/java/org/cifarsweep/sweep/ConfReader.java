package org.cifarsweep.sweep;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed reads of conf values whose errors name the file, the key path (e.g. {@code trials[2].eta}), the value and
 * the rule. Works on {@link ConfigValue}s rather than {@code Config.getX(path)} so that nulls, lists and the exact
 * key path stay visible.
 */
final class ConfReader {
    /** Long values are cut in messages: the line must stay readable. */
    private static final int MAX_SHOWN = 60;
    /** A number as HOCON (and JSON) writes one, e.g. in a string from {@code ${?ENV}}: 100, -3, 0.01, 1e-3. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final Path file;

    ConfReader(Path file) {
        this.file = file;
    }

    ConfException error(String key, String problem) {
        return ConfException.at(file, key, problem);
    }

    /** The key path of {@code key} inside {@code parent} ("" for the top level); odd keys are quoted. */
    static String child(String parent, String key) {
        String k = key.matches("[A-Za-z0-9_-]+") ? key : ConfigUtil.quoteString(key);
        return parent.isEmpty() ? k : parent + "." + k;
    }

    /** Rejects keys not in {@code known}, naming the first (in sorted order) and the known ones. */
    void checkKeys(ConfigObject object, String path, List<String> known) {
        Set<String> unknown = new TreeSet<>(object.keySet());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw ConfException.of(file, "unknown key '" + child(path, unknown.iterator().next()) + "' (known: "
                    + String.join(", ", known) + ")");
        }
    }

    /** The value of {@code name} in {@code object}, which must be there. */
    ConfigValue required(ConfigObject object, String path, String name, String needs) {
        ConfigValue v = object.get(name);
        if (v == null) {
            throw error(path, "missing key '" + name + "' (" + needs + ")");
        }
        return v;
    }

    ConfigObject object(ConfigValue v, String key) {
        return (ConfigObject) expect(v, key, ConfigValueType.OBJECT, "an object");
    }

    ConfigList list(ConfigValue v, String key) {
        return (ConfigList) expect(v, key, ConfigValueType.LIST, "a list");
    }

    String string(ConfigValue v, String key) {
        String s = (String) expect(v, key, ConfigValueType.STRING, "a string").unwrapped();
        if (s.isBlank()) {
            throw error(key, "must not be empty");
        }
        return s;
    }

    boolean bool(ConfigValue v, String key) {
        if (v != null && v.valueType() == ConfigValueType.STRING) {
            // As Typesafe's getBoolean: a substitution such as ${?SHUFFLE} always gives a string.
            switch (((String) v.unwrapped()).strip()) {
                case "true": case "yes": case "on": return true;
                case "false": case "no": case "off": return false;
                default: break;
            }
        }
        return (Boolean) expect(v, key, ConfigValueType.BOOLEAN, "true or false").unwrapped();
    }

    Path path(ConfigValue v, String key) {
        String s = string(v, key);
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            throw error(key, show(v) + " is not a valid path (" + e.getReason() + ")");
        }
    }

    /** A string parsed by one of the project's {@code parse} methods, whose message is kept behind the key. */
    <T> T parsed(ConfigValue v, String key, Function<String, T> parse) {
        String s = (String) expect(v, key, ConfigValueType.STRING, "a string").unwrapped();
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    /** A finite number. */
    double real(ConfigValue v, String key) {
        double x = number(v, key, "a number").doubleValue();
        if (!Double.isFinite(x)) {
            throw error(key, "must be a finite number, got " + show(v)); // e.g. 1e400, which HOCON reads as Infinity
        }
        return x;
    }

    /** A whole number in [min, max]: 2.5 is refused, 100.0 is 100. */
    long integer(ConfigValue v, String key, long min, long max) {
        Number n = number(v, key, "an integer");
        long x = n.longValue();
        if (n instanceof Double) { // HOCON gives a Double for a fraction, an exponent, or an integer beyond long
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                throw error(key, show(v) + " must be an integer");
            }
            if (d < -0x1p63 || d >= 0x1p63) {
                throw error(key, show(v) + " must be a 64-bit integer");
            }
        }
        if (x < min) {
            throw error(key, show(v) + " must be >= " + min);
        }
        if (x > max) {
            throw error(key, show(v) + " must be <= " + max);
        }
        return x;
    }

    /**
     * A NUMBER's value, or a STRING's that is written as a number. Substitutions from the environment
     * ({@code eta = ${?ETA}}) are always strings, and Typesafe's own getDouble converts them too.
     */
    private Number number(ConfigValue v, String key, String what) {
        if (isNumeric(v)) {
            String s = ((String) v.unwrapped()).strip();
            if (s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    // beyond a long: as HOCON, a double (which integer() then refuses by name)
                }
            }
            return Double.parseDouble(s);
        }
        return (Number) expect(v, key, ConfigValueType.NUMBER, what).unwrapped();
    }

    /** Whether {@code v} is a string that reads as a number (e.g. "0.01" from {@code ${?ETA}}). */
    static boolean isNumeric(ConfigValue v) {
        return v != null && v.valueType() == ConfigValueType.STRING && NUMBER.matcher(((String) v.unwrapped()).strip()).matches();
    }

    /** A number or a non-empty list of them; the elements are left to the caller to check, as {@code key[i]}. */
    List<ConfigValue> oneOrMore(ConfigValue v, String key) {
        if (v.valueType() == ConfigValueType.NUMBER || isNumeric(v)) {
            return List.of(v);
        }
        if (v.valueType() != ConfigValueType.LIST) {
            throw error(key, "expected a number or a list of numbers, got " + v.valueType() + " " + show(v));
        }
        List<ConfigValue> values = List.copyOf((ConfigList) v);
        if (values.isEmpty()) {
            throw error(key, "empty list");
        }
        return values;
    }

    /** The value as the conf would write it, on one line and cut if long. */
    static String show(ConfigValue v) {
        String s = v.render(ConfigRenderOptions.concise());
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN - 3) + "...";
    }

    private ConfigValue expect(ConfigValue v, String key, ConfigValueType type, String what) {
        if (v == null) {
            throw error(key, "missing, expected " + what);
        }
        if (v.valueType() != type) {
            throw error(key, "expected " + what + ", got " + v.valueType() + " " + show(v));
        }
        return v;
    }
}
