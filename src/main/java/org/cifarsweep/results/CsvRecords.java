package org.cifarsweep.results;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of a CSV file written by {@link CsvAppender} (RFC 4180, records ended by {@code \n}) into its
 * complete records and an incomplete tail. A record is complete when its {@code \n} is outside quotes, so a quoted
 * field holding a line break stays one record. Whatever follows the last complete record is what a crash in the
 * middle of an append left behind: a half-written line, or a torn quoted field.
 *
 * <p>Each record keeps its exact text, so that a repaired file holds the kept records byte for byte.
 */
final class CsvRecords {

    /**
     * One complete record.
     *
     * @param line    the 1-based line of the file where it starts
     * @param text    its exact text, ending with {@code \n}
     * @param fields  its fields, unquoted
     * @param problem why it is not well-formed CSV, or null
     */
    record Record(int line, String text, List<String> fields, String problem) { }

    /**
     * @param records the complete records, in file order
     * @param tail    the text after the last complete record: empty unless a write was cut short
     */
    record Parsed(List<Record> records, String tail) { }

    /**
     * The problem of a record ended by {@code \r\n}: the file was saved again by a program that writes Windows line
     * endings (a spreadsheet, an editor). Every field then looks right on screen, but the last one ends in a
     * carriage return.
     */
    static final String CRLF = "the file has Windows (CRLF) line endings";

    private CsvRecords() { }

    /** The whole of {@code s}: its complete records and its tail. For small texts; files are read with {@link Reader}. */
    static Parsed parse(String s) {
        List<Record> records = new ArrayList<>();
        try (Reader reader = new Reader(new java.io.StringReader(s))) {
            for (Record r = reader.next(); r != null; r = reader.next()) records.add(r);
            return new Parsed(List.copyOf(records), reader.tail());
        }
    }

    /**
     * The records of a file, one at a time, so that a file of any size is read in the memory of one record. After
     * {@link #next} returns null, {@link #tail} is what followed the last complete record.
     */
    static final class Reader implements AutoCloseable {
        private final java.io.Reader in;
        private final char[] buffer = new char[1 << 16];
        private int pos;
        private int len;
        private final StringBuilder text = new StringBuilder();
        private final StringBuilder field = new StringBuilder();
        private final List<String> fields = new ArrayList<>();
        private int line = 1;
        private String tail;

        Reader(java.io.Reader in) {
            this.in = in;
        }

        /** {@code file} as UTF-8 (a torn multi-byte character can only be in the tail, which is dropped). */
        static Reader open(java.nio.file.Path file) throws java.io.IOException {
            java.nio.charset.CharsetDecoder decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
            return new Reader(new java.io.InputStreamReader(java.nio.file.Files.newInputStream(file), decoder));
        }

        private int read() {
            if (pos == len && !fill()) return -1;
            return buffer[pos++];
        }

        private int peek() {
            if (pos == len && !fill()) return -1;
            return buffer[pos];
        }

        private boolean fill() {
            try {
                int n;
                do {
                    n = in.read(buffer, 0, buffer.length);
                } while (n == 0);
                if (n < 0) return false;
                pos = 0;
                len = n;
                return true;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** The next complete record, or null when none is left (see {@link #tail}). */
        Record next() {
            if (tail != null) return null;
            int recordLine = line;
            boolean inQuotes = false;
            boolean closedQuote = false;   // the current field was quoted and its quotes are closed
            boolean fieldStart = true;
            String problem = null;
            int prev = -1;
            for (int c = read(); c >= 0; prev = c, c = read()) {
                text.append((char) c);
                if (inQuotes) {
                    if (c == '"') {
                        if (peek() == '"') {
                            field.append('"');
                            text.append((char) read());
                            c = '"';
                        } else {
                            inQuotes = false;
                            closedQuote = true;
                        }
                    } else {
                        if (c == '\n') line++;
                        field.append((char) c);
                    }
                    continue;
                }
                if (c == ',' || c == '\n') {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStart = true;
                    closedQuote = false;
                    if (c == '\n') {
                        // A \r before an unquoted \n is outside quotes too (inside, the closing quote would come between).
                        if (prev == '\r') problem = CRLF;
                        Record record = new Record(recordLine, text.toString(), List.copyOf(fields), problem);
                        fields.clear();
                        text.setLength(0);
                        line++;
                        return record;
                    }
                    continue;
                }
                if (c == '"' && fieldStart) {
                    inQuotes = true;
                    fieldStart = false;
                    continue;
                }
                if (problem == null) {
                    if (closedQuote) problem = "unexpected text after a closing quote";
                    else if (c == '"') problem = "a quote inside an unquoted field";
                    else if (c == 0) problem = "a NUL byte";
                }
                fieldStart = false;
                field.append((char) c);
            }
            tail = text.toString();
            text.setLength(0);
            return null;
        }

        /** What followed the last complete record: empty unless a write was cut short. Valid once next() gave null. */
        String tail() {
            if (tail == null) throw new IllegalStateException("the file has records left");
            return tail;
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
