package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SkippedFileTest {

    @Test
    void aReasonQuotingABrokenLineIsStoredOnOneLineWithItsControlCharactersEscaped() {
        SkippedFile s = new SkippedFile(Path.of("a.lab"), "a.lab line 2: start '30\u000000\u001b[2J' is not a number");
        assertEquals("a.lab line 2: start '30\\u000000\\u001b[2J' is not a number", s.reason());
        assertEquals("a.lab: a.lab line 2: start '30\\u000000\\u001b[2J' is not a number", s.toString());
        assertEquals("x\\ny.wav: no alignment", new SkippedFile(Path.of("x\ny.wav"), "no alignment").toString());
        assertEquals(s, new SkippedFile(Path.of("a.lab"), s.reason()));
    }

    @Test
    void aBlankReasonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SkippedFile(Path.of("a.wav"), " \t"));
        assertThrows(NullPointerException.class, () -> new SkippedFile(Path.of("a.wav"), null));
    }
}
