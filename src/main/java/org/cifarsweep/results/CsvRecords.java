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

    static Parsed parse(String s) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int recordStart = 0;
        int line = 1;
        int recordLine = 1;
        boolean inQuotes = false;
        boolean closedQuote = false;   // the current field was quoted and its quotes are closed
        boolean fieldStart = true;
        String problem = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                        closedQuote = true;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
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
                    if (i > 0 && s.charAt(i - 1) == '\r') problem = CRLF;
                    records.add(new Record(recordLine, s.substring(recordStart, i + 1), List.copyOf(fields), problem));
                    fields.clear();
                    problem = null;
                    recordStart = i + 1;
                    line++;
                    recordLine = line;
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
            field.append(c);
        }
        return new Parsed(List.copyOf(records), s.substring(recordStart));
    }
}
