package org.cifarsweep.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PreprocessTest {
    @Test
    void parsesCaseInsensitively() {
        assertEquals(Preprocess.SCALE, Preprocess.parse("scale"));
        assertEquals(Preprocess.SCALE, Preprocess.parse("Scale"));
        assertEquals(Preprocess.STANDARDIZE, Preprocess.parse(" STANDARDIZE "));
    }

    @Test
    void toStringIsLowerCaseAndParsesBack() {
        assertEquals("scale", Preprocess.SCALE.toString());
        assertEquals("standardize", Preprocess.STANDARDIZE.toString());
        for (Preprocess p : Preprocess.values()) {
            assertEquals(p, Preprocess.parse(p.toString()));
        }
    }

    @Test
    void rejectsUnknownNamingValueAndChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> Preprocess.parse("minmax"));
        assertEquals("preprocess 'minmax' is not valid: expected one of scale, standardize", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Preprocess.parse(null));
        assertTrue(e.getMessage().contains("'null'"), e.getMessage());
    }
}
