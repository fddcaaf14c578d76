package org.cifarsweep.sweep;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one parameter of a search does: take each of a list of values (a grid dimension; a single value is a list of
 * one), or draw from a distribution once per sample: {@code "uniform(a, b)"}, {@code "loguniform(a, b)"} or
 * {@code "choice(x, y, ...)"} (quoted in HOCON, which does not allow commas in unquoted strings).
 */
abstract class Dimension {
    private static final Pattern CALL = Pattern.compile("\\s*(uniform|loguniform|choice)\\s*\\((.*)\\)\\s*");
    /** Sampled reals keep 4 significant digits: readable names, and a conf can repeat a sample by hand. */
    private static final MathContext DIGITS = new MathContext(4);

    /** The values of a grid dimension, or null for a distribution. */
    abstract List<Object> values();

    /** One draw for a distribution; a grid dimension is never sampled. */
    abstract Object sample(SplittableRandom rng);

    static Dimension read(ConfReader r, SearchParam p, ConfigValue v, String key, boolean distributions) {
        if (v.valueType() == ConfigValueType.STRING) {
            Matcher m = CALL.matcher((String) v.unwrapped());
            if (m.matches()) {
                if (!distributions) {
                    throw r.error(key, ConfReader.show(v) + ": distributions need a random {} block with samples");
                }
                return distribution(r, p, m.group(1), m.group(2), key, v);
            }
        }
        boolean numeric = p.type == SearchParam.Type.REAL || p.type == SearchParam.Type.INT;
        if (numeric && v.valueType() != ConfigValueType.NUMBER && v.valueType() != ConfigValueType.LIST
                && !ConfReader.isNumeric(v)) {
            throw r.error(key, "expected a number or a list of numbers" + (distributions
                    ? ", or \"uniform(a, b)\", \"loguniform(a, b)\" or \"choice(...)\"" : "") + ", got "
                    + v.valueType() + " " + ConfReader.show(v));
        }
        List<Object> values = new ArrayList<>();
        if (v.valueType() == ConfigValueType.LIST) {
            List<? extends ConfigValue> list = r.list(v, key);
            if (list.isEmpty()) throw r.error(key, "empty list");
            for (int i = 0; i < list.size(); i++) values.add(p.read(r, list.get(i), key + "[" + i + "]"));
        } else {
            values.add(p.read(r, v, key));
        }
        return new Grid(values);
    }

    private static Dimension distribution(ConfReader r, SearchParam p, String kind, String args, String key,
                                          ConfigValue whole) {
        List<Object> xs = new ArrayList<>();
        String[] parts = args.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            xs.add(p.read(r, parse(r, parts[i], key, whole), key + " (" + kind + " argument " + (i + 1) + ")"));
        }
        if (kind.equals("choice")) return new Choice(xs);
        if (p.type != SearchParam.Type.REAL && p.type != SearchParam.Type.INT) {
            throw r.error(key, ConfReader.show(whole) + ": " + kind + " needs a numeric parameter; use choice(...)");
        }
        if (xs.size() != 2) throw r.error(key, ConfReader.show(whole) + ": " + kind + " takes 2 arguments, got " + xs.size());
        double a = ((Number) xs.get(0)).doubleValue();
        double b = ((Number) xs.get(1)).doubleValue();
        if (!(a < b)) throw r.error(key, ConfReader.show(whole) + ": needs a < b");
        boolean log = kind.equals("loguniform");
        if (log && !(a > 0)) throw r.error(key, ConfReader.show(whole) + ": loguniform needs a > 0");
        return new Range(a, b, log, p.type == SearchParam.Type.INT);
    }

    private static ConfigValue parse(ConfReader r, String text, String key, ConfigValue whole) {
        try {
            return ConfigFactory.parseString("v = " + text.strip()).getValue("v");
        } catch (ConfigException e) {
            throw r.error(key, ConfReader.show(whole) + ": cannot read argument '" + text.strip() + "'");
        }
    }

    static final class Grid extends Dimension {
        private final List<Object> values;

        Grid(List<Object> values) {
            this.values = List.copyOf(values);
        }

        @Override List<Object> values() { return values; }

        @Override Object sample(SplittableRandom rng) { throw new IllegalStateException("a grid dimension is not sampled"); }
    }

    static final class Choice extends Dimension {
        final List<Object> options;

        Choice(List<Object> options) {
            this.options = List.copyOf(options);
        }

        @Override List<Object> values() { return null; }

        @Override Object sample(SplittableRandom rng) { return options.get(rng.nextInt(options.size())); }
    }

    /** uniform or log-uniform on [a, b]; for an integer parameter, rounded to the nearest integer. */
    static final class Range extends Dimension {
        final double a;
        final double b;
        final boolean log;
        final boolean integer;

        Range(double a, double b, boolean log, boolean integer) {
            this.a = a;
            this.b = b;
            this.log = log;
            this.integer = integer;
        }

        @Override List<Object> values() { return null; }

        @Override
        Object sample(SplittableRandom rng) {
            double u = rng.nextDouble();
            if (integer && !log) return (int) Math.min(b, a + Math.floor(u * (b - a + 1))); // each integer equally likely
            double x = log ? Math.exp(Math.log(a) + u * (Math.log(b) - Math.log(a))) : a + u * (b - a);
            return snap(x);
        }

        /**
         * x as a sample is written: an integer parameter's nearest integer, a real's 4 significant digits; either
         * clamped to [a, b]. Also the form of every value {@link TreeParzenEstimator} proposes.
         */
        Object snap(double x) {
            if (integer) return (int) Math.max(a, Math.min(b, Math.round(x)));
            double rounded = new BigDecimal(x).round(DIGITS).doubleValue();
            return Math.max(a, Math.min(b, rounded)); // rounding must not step outside [a, b]
        }
    }
}
