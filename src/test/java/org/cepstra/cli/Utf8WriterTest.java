package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {

    @Test
    void writesTheSameBytesAsAnOutputStreamWriter() throws IOException {
        String[] parts = {"utt-1  [\n  1.5 -0.25 ]\n", "caf\u00e9-\u4e2d\u6587-\ud83c\udfb5  [ ]\n", "", "x"};
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        ByteArrayOutputStream reference = new ByteArrayOutputStream();
        try (Writer a = new Utf8Writer(ours); Writer b = new OutputStreamWriter(reference, StandardCharsets.UTF_8)) {
            for (Writer w : new Writer[] {a, b}) {
                for (String p : parts) {
                    w.write(p);
                }
                w.write("--abc\u00e9--", 2, 4); // "abc\u00e9"
                w.write("\u4e2d\u6587!".toCharArray(), 1, 2);
                w.write('\u00e9');
                w.append(new StringBuilder("sb\u00fc"));
            }
        }
        assertArrayEquals(reference.toByteArray(), ours.toByteArray());
        assertEquals("caf\u00e9", new String(ours.toByteArray(), 23, 5, StandardCharsets.UTF_8));
    }

    @Test
    void flushAndCloseReachTheStream() throws IOException {
        int[] calls = new int[2];
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                calls[0]++;
            }

            @Override
            public void close() {
                calls[1]++;
            }
        };
        Writer w = new Utf8Writer(sink);
        w.write("a");
        w.flush();
        w.close();
        assertArrayEquals(new byte[] {'a'}, sink.toByteArray());
        assertEquals(1, calls[0]);
        assertEquals(1, calls[1]);
    }
}
