package org.cifarsweep.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Parsing and printing of the numbers in results.csv and curves.csv, tolerant of the gaps a failed trial leaves. */
final class Numbers {

    private Numbers() { }

    /** The value, or NaN for an empty or unreadable field ("NaN" and "Infinity" parse as themselves). */
    static double parse(String text) {
        if (text == null || text.isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The integer, or -1 for an empty or unreadable field. */
    static int parseInt(String text) {
        double v = parse(text);
        return Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) <= Integer.MAX_VALUE ? (int) v : -1;
    }

    /** 0.001 rather than 1.0E-3, 0 rather than 0.0: how people write η and λ. */
    static String plain(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** A fraction as a percentage with two decimals, "34.73%", or "—" when there is no number. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : "—";
    }

    static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : Double.isNaN(v) ? "—" : String.valueOf(v);
    }

    /** Two numbers are the same setting (η, λ) when they agree to 12 significant digits. */
    static boolean same(double a, double b) {
        return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
