package org.cifarsweep.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    @Test
    void completeRecordsAndTheTornTail() {
        CsvRecords.Parsed p = CsvRecords.parse("a,b\n1,2\n3,4");
        assertEquals(2, p.records().size());
        assertEquals(List.of("1", "2"), p.records().get(1).fields());
        assertEquals("1,2\n", p.records().get(1).text());
        assertEquals(2, p.records().get(1).line());
        assertEquals("3,4", p.tail());
        assertEquals("", CsvRecords.parse("a,b\n").tail());
        assertEquals(0, CsvRecords.parse("").records().size());
    }

    @Test
    void aQuotedLineBreakStaysInsideItsRecord() {
        String text = "t,reason\nx,\"Boom: \"\"bad\"\", at\nline 2\"\ny,\n";
        CsvRecords.Parsed p = CsvRecords.parse(text);
        assertEquals(3, p.records().size());
        assertEquals(List.of("x", "Boom: \"bad\", at\nline 2"), p.records().get(1).fields());
        assertNull(p.records().get(1).problem());
        assertEquals(4, p.records().get(2).line());
        assertEquals("", p.tail());
        // Cut inside the quoted field: the newline in it does not end the record, so the whole record is the tail.
        String cut = text.substring(0, text.indexOf("line 2"));
        CsvRecords.Parsed q = CsvRecords.parse(cut);
        assertEquals(1, q.records().size());
        assertEquals("x,\"Boom: \"\"bad\"\", at\n", q.tail());
    }

    /** Issue 12: a file saved again with \r\n line endings looks the same on screen; its records say why it is not. */
    @Test
    void windowsLineEndingsAreNamed() {
        CsvRecords.Parsed p = CsvRecords.parse("a,b\r\n1,\"x\r\ny\"\r\n2,3\n");
        assertEquals(CsvRecords.CRLF, p.records().get(0).problem());
        assertEquals(CsvRecords.CRLF, p.records().get(1).problem());   // after a quoted field too
        assertEquals("x\r\ny\r", p.records().get(1).fields().get(1));  // data inside the quotes; the \r after them too
        assertNull(p.records().get(2).problem());
    }

    @Test
    void malformedRecordsAreFlagged() {
        assertEquals("a quote inside an unquoted field", CsvRecords.parse("a\"b,c\n").records().get(0).problem());
        assertEquals("unexpected text after a closing quote", CsvRecords.parse("\"a\"b,c\n").records().get(0).problem());
        assertEquals("a NUL byte", CsvRecords.parse("a\0,c\n").records().get(0).problem());
        // A power cut can leave zeros at the end of a file: no newline among them, so they are only a torn tail.
        assertEquals("\0\0\0\0", CsvRecords.parse("a,b\n\0\0\0\0").tail());
    }
}
