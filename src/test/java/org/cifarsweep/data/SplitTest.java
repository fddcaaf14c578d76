package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitTest {
    @Test
    void parsesTheThreeForms() {
        assertEquals(new Split(Split.Kind.DEFAULT, 0), Split.parse("default"));
        assertEquals(new Split(Split.Kind.ALL, 1000), Split.parse("all"));
        assertEquals(new Split(Split.Kind.ALL, 2000), Split.parse("all:2000"));
        assertEquals(new Split(Split.Kind.ALL, 1), Split.parse(" ALL:1 "));
        assertEquals(new Split(Split.Kind.ALL, 49999), Split.parse("all:49999"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "all", "all:2000", "all:1", "all:49999"})
    void toStringRoundTrips(String text) {
        Split split = Split.parse(text);
        assertEquals(split, Split.parse(split.toString()));
    }

    @Test
    void toStringIsTheParseableForm() {
        assertEquals("default", Split.parse("default").toString());
        assertEquals("all:1000", Split.parse("all").toString());
        assertEquals("all:2000", Split.parse("all:2000").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo", "all:", "all:x", "all:0", "all:-5", "all:50000", "all:1e3", "default:5", "alll"})
    void rejectsBadInputNamingIt(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> Split.parse(text));
        assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("all:<holdout>"), e.getMessage());
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Split.parse(null));
    }

    @Test
    void constructorValidatesHoldoutForAllOnly() {
        assertEquals(0, new Split(Split.Kind.DEFAULT, 123).holdout(), "ignored for default");
        assertEquals(new Split(Split.Kind.DEFAULT, 0), new Split(Split.Kind.DEFAULT, 7));
        var e = assertThrows(IllegalArgumentException.class, () -> new Split(Split.Kind.ALL, 0));
        assertTrue(e.getMessage().contains("holdout 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Split(Split.Kind.ALL, 50000));
        assertTrue(e.getMessage().contains("holdout 50000"), e.getMessage());
        assertThrows(NullPointerException.class, () -> new Split(null, 5));
    }

    @Test
    void batchesNeeded() {
        assertEquals(List.of("data_batch_1", "data_batch_2", "test_batch"), Split.parse("default").batches());
        assertEquals(List.of("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"),
                Split.parse("all").batches());
    }
}
