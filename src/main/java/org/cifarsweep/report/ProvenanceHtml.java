package org.cifarsweep.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * provenance.json as nested tables. Known sections come first in the order a reader asks about them (versions,
 * where it ran, the data, the broadcast, the BLAS); anything newer versions add follows, so nothing is hidden.
 */
final class ProvenanceHtml {
    private static final List<String> ORDER = List.of("versions", "spark", "started", "finished", "data", "broadcast",
            "blas_driver", "blas_executors", "decodes_per_executor_jvm", "trials", "conf");

    private ProvenanceHtml() { }

    static String render(Map<String, Object> tree) {
        Set<String> keys = new LinkedHashSet<>();
        for (String k : ORDER) if (tree.containsKey(k)) keys.add(k);
        keys.addAll(new TreeMap<>(tree).keySet());
        StringBuilder html = new StringBuilder("<table class=\"kv provenance\">");
        for (String key : keys) {
            html.append("<tr><th>").append(Html.escape(key)).append("</th><td>")
                    .append(value(key, tree.get(key))).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }

    private static String value(String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder html = new StringBuilder("<table class=\"kv\">");
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                String k = String.valueOf(e.getKey());
                html.append("<tr><th>").append(Html.escape(k)).append("</th><td>").append(value(k, e.getValue()))
                        .append("</td></tr>");
            }
            return html.append("</table>").toString();
        }
        if (value instanceof List<?> list) {
            if (!list.isEmpty() && list.stream().allMatch(v -> v instanceof Map)) return records(list);
            List<String> items = new ArrayList<>();
            for (Object v : list) items.add(value(key, v));
            return String.join(", ", items);
        }
        return scalar(key, value);
    }

    /** A list of objects (the data files) as one table, one column per key. */
    private static String records(List<?> list) {
        Set<String> columns = new LinkedHashSet<>();
        for (Object item : list) for (Object k : ((Map<?, ?>) item).keySet()) columns.add(String.valueOf(k));
        List<String> ordered = new ArrayList<>(columns);
        ordered.sort(null);
        if (ordered.remove("file")) ordered.add(0, "file");
        StringBuilder html = new StringBuilder("<table class=\"records\"><tr>");
        for (String c : ordered) html.append("<th>").append(Html.escape(c)).append("</th>");
        html.append("</tr>");
        for (Object item : list) {
            html.append("<tr>");
            for (String c : ordered) html.append("<td>").append(value(c, ((Map<?, ?>) item).get(c))).append("</td>");
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String scalar(String key, Object value) {
        if (value == null) return "";
        if (value instanceof Number n && key.endsWith("bytes") && n.doubleValue() >= 1000) {
            return String.format(Locale.ROOT, "%,d <span class=\"unit\">(%s)</span>", n.longValue(), megabytes(n.doubleValue()));
        }
        String text = String.valueOf(value);
        if (key.equals("sha256") || key.equals("git_commit")) return "<code>" + Html.escape(text) + "</code>";
        return Html.escape(text);
    }

    private static String megabytes(double bytes) {
        return bytes >= 1e6 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6) : String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
    }
}
