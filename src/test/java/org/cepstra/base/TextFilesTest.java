package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsUtf8DroppingTheByteOrderMark() throws IOException {
        Path p = Files.writeString(dir.resolve("a.txt"), "\uFEFFé\r\nline two\n");
        // 16 bytes: byte-order mark (3), é (2), CR LF (2), "line two" and LF (9)
        assertEquals("é\r\nline two\n", TextFiles.readUtf8(p, 16, 8, true));
    }

    @Test
    void refusesEachLimitNamingWhere() throws IOException {
        Path p = Files.writeString(dir.resolve("a.txt"), "12345678\r\n123456789\n");
        TextFiles.NotTextException e = assertThrows(TextFiles.NotTextException.class,
                () -> TextFiles.readUtf8(p, TextFiles.ANY_SIZE, 8, true));
        assertEquals(TextFiles.Problem.LINE_TOO_LONG, e.problem());
        assertEquals(2, e.position());
        assertEquals("line 2 is longer than 8 characters (not a text file of lines?)", e.getMessage());

        e = assertThrows(TextFiles.NotTextException.class, () -> TextFiles.readUtf8(p, 19, 100, true));
        assertEquals(TextFiles.Problem.TOO_LARGE, e.problem());
        assertEquals(19, e.limit());
        assertEquals("larger than 19 bytes", e.getMessage());
        assertEquals("12345678\r\n123456789\n", TextFiles.readUtf8(p, 20, 9, true));

        Path nul = Files.write(dir.resolve("b.bin"), new byte[] {'a', 'b', 0, 'c'});
        e = assertThrows(TextFiles.NotTextException.class, () -> TextFiles.readUtf8(nul, 100, 100, true));
        assertEquals(TextFiles.Problem.NUL_BYTE, e.problem());
        assertEquals(2, e.position());
        assertEquals("ab\0c", TextFiles.readUtf8(nul, 100, 100, false));

        Path latin1 = Files.write(dir.resolve("c.txt"), new byte[] {'a', (byte) 0xE9, '\n'});
        e = assertThrows(TextFiles.NotTextException.class, () -> TextFiles.readUtf8(latin1, 100, 100, false));
        assertEquals(TextFiles.Problem.NOT_UTF8, e.problem());
        assertEquals("not valid UTF-8 text", e.getMessage());
    }
}
