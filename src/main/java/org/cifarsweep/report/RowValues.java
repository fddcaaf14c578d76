package org.cifarsweep.report;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One row of results.csv as an unmodifiable map from column to value, in file order: the header is shared by every
 * row of the file, and a row holds only its array of values. A report holds every row of results.csv, so a
 * 10,000-row file costs 10,000 arrays rather than 10,000 hash maps.
 */
final class RowValues extends AbstractMap<String, String> {
    private final Header header;
    private final String[] values;

    /** The columns of one file, and where each is. */
    static final class Header {
        private final List<String> columns;
        private final Map<String, Integer> index;

        Header(List<String> columns) {
            this.columns = List.copyOf(columns);
            java.util.HashMap<String, Integer> at = new java.util.HashMap<>();
            for (int i = 0; i < this.columns.size(); i++) at.putIfAbsent(this.columns.get(i), i);
            this.index = at;
        }
    }

    RowValues(Header header, String[] values) {
        if (values.length != header.columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + header.columns.size() + " columns");
        }
        this.header = header;
        this.values = values;
    }

    @Override
    public String get(Object key) {
        Integer i = header.index.get(key);
        return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return header.index.containsKey(key);
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= values.length) throw new NoSuchElementException();
                        int i = next++;
                        return new SimpleImmutableEntry<>(header.columns.get(i), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    @Override
    public String toString() {
        return header.columns + "=" + Arrays.toString(values);
    }
}
