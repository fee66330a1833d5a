package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class FileLineExceptionTest {

    private static final class Problem extends FileLineException {
        Problem(Path file, long line, String problem) {
            super(file, line, problem, null);
        }
    }

    @Test
    void messageNamesFileLineAndProblem() {
        Problem atLine = new Problem(Path.of("data", "trials"), 7, "third field must be 'target' or 'nontarget'");
        assertEquals(Path.of("data", "trials") + " line 7: third field must be 'target' or 'nontarget'",
                atLine.getMessage());
        assertEquals(OptionalLong.of(7), atLine.line());
        Problem whole = new Problem(Path.of("m.csv"), 0, "empty file");
        assertEquals("m.csv: empty file", whole.getMessage());
        assertEquals(OptionalLong.empty(), whole.line());
        assertEquals(Path.of("m.csv"), whole.file());
        assertThrows(IllegalArgumentException.class, () -> new Problem(Path.of("m.csv"), -1, "x"));
    }

    @Test
    void describesInputOutputErrorsInWords() {
        assertEquals("file not found", FileLineException.describe(new NoSuchFileException("/x/y")));
        assertEquals("permission denied", FileLineException.describe(new AccessDeniedException("/x/y")));
        assertEquals("disk on fire", FileLineException.describe(new IOException("disk on fire")));
        assertEquals("IOException", FileLineException.describe(new IOException()));
        assertEquals("IOException", FileLineException.describe(new IOException(" ")));
    }
}
