package org.cepstra.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    @Test
    void readsUtf16WithItsByteOrderMarkAndUtf8Otherwise() throws IOException {
        String text = "ə\r\nline two\n";
        Path be = Files.write(dir.resolve("be.txt"), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE));
        Path le = Files.write(dir.resolve("le.txt"), ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
        Path utf8 = Files.writeString(dir.resolve("u.txt"), "\uFEFF" + text);
        for (Path p : new Path[] {be, le, utf8}) {
            assertEquals(text, TextFiles.readUtf8OrUtf16(p, TextFiles.ANY_SIZE, 8, true), p.toString());
        }
        // UTF-16 without its byte-order mark is not UTF-16 here: its NUL bytes make it binary
        Path bare = Files.write(dir.resolve("bare.txt"), text.getBytes(StandardCharsets.UTF_16BE));
        assertEquals(TextFiles.Problem.NUL_BYTE, assertThrows(TextFiles.NotTextException.class,
                () -> TextFiles.readUtf8OrUtf16(bare, TextFiles.ANY_SIZE, 100, true)).problem());
        // the limits hold in UTF-16 too: 2 bytes of byte-order mark and 2 for each of the 12 characters
        TextFiles.NotTextException e = assertThrows(TextFiles.NotTextException.class,
                () -> TextFiles.readUtf8OrUtf16(be, 2 + 2 * 12 - 1, 100, true));
        assertEquals(TextFiles.Problem.TOO_LARGE, e.problem());
        assertEquals(text, TextFiles.readUtf8OrUtf16(be, 2 + 2 * 12, 8, true));
        e = assertThrows(TextFiles.NotTextException.class, () -> TextFiles.readUtf8OrUtf16(le, 100, 7, true));
        assertEquals("line 2 is longer than 7 characters (not a text file of lines?)", e.getMessage());
        Path lone = Files.write(dir.resolve("lone.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xDC});
        e = assertThrows(TextFiles.NotTextException.class, () -> TextFiles.readUtf8OrUtf16(lone, 100, 100, true));
        assertEquals(TextFiles.Problem.NOT_UTF8, e.problem());
        assertEquals("not valid UTF-16LE text", e.getMessage());
        // readUtf8 does not look for UTF-16
        assertEquals(TextFiles.Problem.NUL_BYTE, assertThrows(TextFiles.NotTextException.class,
                () -> TextFiles.readUtf8(le, 100, 100, true)).problem());
    }
    @Test
    void streamsFilesAboveOneMegabyteWithTheSameChecks() throws IOException {
        String line = "0123456789".repeat(9) + "\n"; // 91 characters
        String text = line.repeat(20_000); // 1,820,000 bytes: streamed, not read whole
        Path big = Files.writeString(dir.resolve("big.txt"), text);
        assertEquals(text, TextFiles.readUtf8(big, TextFiles.ANY_SIZE, 90, true));
        TextFiles.NotTextException e = assertThrows(TextFiles.NotTextException.class,
                () -> TextFiles.readUtf8(big, TextFiles.ANY_SIZE, 89, true));
        assertEquals("line 1 is longer than 89 characters (not a text file of lines?)", e.getMessage());

        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        bytes[1_500_001] = 0;
        Path nul = Files.write(dir.resolve("nul.txt"), bytes);
        e = assertThrows(TextFiles.NotTextException.class, () -> TextFiles.readUtf8(nul, TextFiles.ANY_SIZE, 90, true));
        assertEquals(TextFiles.Problem.NUL_BYTE, e.problem());
        assertEquals(1_500_001, e.position());

        // the line a long line is found on is counted the same way both sides of the limit
        String longLast = line.repeat(3) + "x".repeat(91);
        Path small = Files.writeString(dir.resolve("small.txt"), longLast);
        Path large = Files.writeString(dir.resolve("large.txt"), line.repeat(20_000) + "x".repeat(91));
        assertEquals("line 4 is longer than 90 characters (not a text file of lines?)", assertThrows(
                TextFiles.NotTextException.class, () -> TextFiles.readUtf8(small, TextFiles.ANY_SIZE, 90, true))
                .getMessage());
        assertEquals("line 20001 is longer than 90 characters (not a text file of lines?)", assertThrows(
                TextFiles.NotTextException.class, () -> TextFiles.readUtf8(large, TextFiles.ANY_SIZE, 90, true))
                .getMessage());
        // a device is streamed: /dev/null is empty text
        Path devNull = Path.of("/dev/null");
        if (Files.exists(devNull)) {
            assertEquals("", TextFiles.readUtf8(devNull, 10, 10, true));
        }
    }

    @Test
    void linesSplitAtEveryKindOfLineBreakAndKeepTheLastEmptyLine() {
        assertArrayEquals(new String[] {"a", "b", "c", "", "d", ""}, TextFiles.lines("a\r\nb\rc\n\nd\n"));
        assertArrayEquals(new String[] {""}, TextFiles.lines(""));
        assertArrayEquals(new String[] {"", ""}, TextFiles.lines("\r\n"));
        assertArrayEquals(new String[] {"x", "", "y"}, TextFiles.lines("x\n\ry"));
    }
}
