package org.cepstra.io.kaldi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cepstra.base.FeatureFileException;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

class KaldiTextArchiveTest {

    private static String write(Map<String, FeatureMatrix> entries) throws IOException {
        StringWriter sw = new StringWriter();
        try (KaldiTextArchiveWriter w = new KaldiTextArchiveWriter(sw)) {
            for (Map.Entry<String, FeatureMatrix> e : entries.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
        }
        return sw.toString();
    }

    private static LinkedHashMap<String, FeatureMatrix> read(String text) throws IOException {
        try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new StringReader(text), "test.ark")) {
            return r.readAll();
        }
    }

    private static FeatureFileException readFails(String text) {
        return assertThrows(FeatureFileException.class, () -> read(text));
    }

    @Test
    void writesKaldiCopyFeatsTextLayout() throws IOException {
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        m.put("utt", FeatureMatrix.of(new float[][] {{1.2f, 3.4f}, {5.6f, 7.8f}}));
        m.put("empty", FeatureMatrix.empty(13));
        assertEquals("utt  [\n  1.2 3.4 \n  5.6 7.8 ]\nempty  [ ]\n", write(m));
    }

    @Test
    void formatsFloatsCompactly() {
        assertEquals("1", KaldiTextArchiveWriter.formatFloat(1f));
        assertEquals("-0.25", KaldiTextArchiveWriter.formatFloat(-0.25f));
        assertEquals("0", KaldiTextArchiveWriter.formatFloat(0f));
        assertEquals("-0", KaldiTextArchiveWriter.formatFloat(-0f));
        assertEquals("1.5e-5", KaldiTextArchiveWriter.formatFloat(1.5e-5f));
        assertEquals("3.4028235e38", KaldiTextArchiveWriter.formatFloat(Float.MAX_VALUE));
        assertEquals("1.4e-45", KaldiTextArchiveWriter.formatFloat(Float.MIN_VALUE));
        assertEquals("1234567", KaldiTextArchiveWriter.formatFloat(1234567f));
        assertEquals("0.1", KaldiTextArchiveWriter.formatFloat(0.1f));
    }

    @Test
    void roundTripsRandomFloatBitsExactly() throws IOException {
        Random rng = new Random(42);
        Map<String, FeatureMatrix> m = new LinkedHashMap<>();
        for (int u = 0; u < 20; u++) {
            int rows = 1 + rng.nextInt(30);
            int cols = 1 + rng.nextInt(40);
            float[] data = new float[rows * cols];
            for (int i = 0; i < data.length; i++) {
                float v;
                do {
                    v = Float.intBitsToFloat(rng.nextInt()); // every exponent, subnormals included
                } while (!Float.isFinite(v));
                data[i] = v;
            }
            m.put("utt-" + u, FeatureMatrix.wrap(rows, cols, data));
        }
        m.put("extremes", FeatureMatrix.of(new float[][] {
            {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL},
            {0f, -0f, 1f, -1f, Math.nextDown(Float.MIN_NORMAL)}}));
        LinkedHashMap<String, FeatureMatrix> back = read(write(m));
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
        for (String k : m.keySet()) {
            float[] a = m.get(k).toArray();
            float[] b = back.get(k).toArray();
            assertEquals(m.get(k).rows(), back.get(k).rows());
            assertEquals(m.get(k).cols(), back.get(k).cols());
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), k + " value " + i);
            }
        }
    }

    @Test
    void roundTripsManyRandomFloats() {
        Random rng = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            float v = Float.intBitsToFloat(rng.nextInt());
            if (!Float.isFinite(v)) {
                continue;
            }
            String s = KaldiTextArchiveWriter.formatFloat(v);
            assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(Float.parseFloat(s)), s);
        }
    }

    @Test
    void readsHandTypedArchive() throws IOException {
        String text = "spk1-utt1  [\n  1 2.5 -3 \n  4e1 5.25E-1 +6 ]\n"
                + "spk1-utt2 [ 7 8 9 ]\n"
                + "spk2-utt1 [ 1 2 ; 3 4 ; 5 6 ]\n"
                + "empty1 [ ]\n"
                + "empty2 []\n"
                + "crlf  [\r\n  1.5 2.5 \r\n  3.5 4.5 ]\r\n";
        LinkedHashMap<String, FeatureMatrix> all = read(text);
        assertEquals(List.of("spk1-utt1", "spk1-utt2", "spk2-utt1", "empty1", "empty2", "crlf"), List.copyOf(all.keySet()));
        assertEquals(FeatureMatrix.of(new float[][] {{1f, 2.5f, -3f}, {40f, 0.525f, 6f}}), all.get("spk1-utt1"));
        assertEquals(FeatureMatrix.of(new float[][] {{7f, 8f, 9f}}), all.get("spk1-utt2"));
        assertEquals(FeatureMatrix.of(new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}), all.get("spk2-utt1"));
        assertEquals(0, all.get("empty1").rows());
        assertEquals(0, all.get("empty2").rows());
        assertEquals(FeatureMatrix.of(new float[][] {{1.5f, 2.5f}, {3.5f, 4.5f}}), all.get("crlf"));
    }

    @Test
    void readsKaldiDefaultPrecisionOutput() throws IOException {
        // what Kaldi prints with the default stream precision
        FeatureMatrix m = read("a  [\n  1.23457e+06 -2.5e-07 0 \n  -0.000123 12 3 ]\n").get("a");
        assertArrayEquals(new float[] {1.23457e6f, -2.5e-7f, 0f, -0.000123f, 12f, 3f}, m.toArray());
    }

    @Test
    void streamsEntriesOneAtATime() throws IOException {
        try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new StringReader("a [ 1 ]\nb [ 2 ]\n"), "x")) {
            assertEquals("a", r.next().name());
            NamedFeatures b = r.next();
            assertEquals("b", b.name());
            assertEquals(2f, b.features().get(0, 0));
            assertNull(r.next());
            assertNull(r.next());
        }
    }

    @Test
    void stacksAllEntriesSkippingEmpty() throws IOException {
        String text = "a [ 1 2 \n 3 4 ]\nnone [ ]\nb [ 5 6 ]\n";
        try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new StringReader(text), "x")) {
            assertEquals(FeatureMatrix.of(new float[][] {{1f, 2f}, {3f, 4f}, {5f, 6f}}), r.stackAll());
        }
    }

    @Test
    void stackRejectsDifferentColumnCounts() {
        String text = "a [ 1 2 ]\nb [ 5 6 7 ]\n";
        FeatureFileException e = assertThrows(FeatureFileException.class, () -> {
            try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new StringReader(text), "cols.ark")) {
                r.stackAll();
            }
        });
        assertTrue(e.getMessage().startsWith("cols.ark: line 2: "), e.getMessage());
        assertTrue(e.getMessage().contains("'b' has 3 columns"), e.getMessage());
    }

    @Test
    void stackRejectsArchiveWithoutFrames() {
        assertThrows(FeatureFileException.class, () -> {
            try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new StringReader("a [ ]\n"), "x")) {
                r.stackAll();
            }
        });
    }

    @Test
    void unterminatedMatrixIsAnError() {
        FeatureFileException e = readFails("good [ 1 2 ]\nbad  [\n  1 2 \n  3 4 \n");
        assertEquals("test.ark: line 2: matrix of utterance 'bad' is not closed with ']' before the end of the file",
                e.getMessage());
    }

    @Test
    void missingBracketBeforeNextEntryNamesTheLine() {
        FeatureFileException e = readFails("a  [\n  1 2 \nb  [\n  3 4 ]\n");
        assertEquals("line 3, column 1", e.location());
        assertTrue(e.problem().contains("found 'b'"), e.getMessage());
    }

    @Test
    void nonNumericTokenNamesLineAndColumn() {
        FeatureFileException e = readFails("a  [\n  1 2 \n  3 x4 ]\n");
        assertEquals("test.ark: line 3, column 5: expected a number or ']' in the matrix of utterance 'a', found 'x4'",
                e.getMessage());
    }

    @Test
    void nonFiniteValuesAreErrors() {
        assertTrue(readFails("a [ 1 nan ]\n").problem().contains("non-finite value 'nan'"));
        assertTrue(readFails("a [ 1 -inf ]\n").problem().contains("non-finite"));
        assertTrue(readFails("a [ 1 1e39 ]\n").problem().contains("outside the float range"));
        assertTrue(readFails("a [ 0x1p3 ]\n").problem().contains("found '0x1p3'"));
        assertTrue(readFails("a [ 1f ]\n").problem().contains("found '1f'"));
    }

    @Test
    void raggedRowsAreErrors() {
        FeatureFileException e = readFails("a  [\n  1 2 3 \n  4 5 ]\n");
        assertEquals("test.ark: line 3: row 2 of utterance 'a' has 2 values, earlier rows have 3", e.getMessage());
    }

    @Test
    void malformedEntriesAreErrors() {
        assertTrue(readFails("a 1 2 3\n").problem().contains("expected '[' after utterance id 'a'"));
        assertTrue(readFails("a\n").problem().contains("no matrix"));
        assertTrue(readFails("[ 1 2 ]\n").problem().contains("expected an utterance id"));
        assertTrue(readFails("a [ 1 [ 2 ]\n").problem().contains("'[' inside the matrix"));
        assertTrue(readFails("a [ 1 ]\na [ 2 ]\n").problem().contains("appears more than once"));
        assertTrue(readFails("a \0BFM \4\2\0\0\0").problem().contains("binary Kaldi archive"));
    }

    @Test
    void writerRejectsBadKeysAndValues() {
        KaldiTextArchiveWriter w = new KaldiTextArchiveWriter(new StringWriter());
        FeatureMatrix ok = FeatureMatrix.of(new float[][] {{1f}});
        assertThrows(IllegalArgumentException.class, () -> w.write("has space", ok));
        assertThrows(IllegalArgumentException.class, () -> w.write("", ok));
        assertThrows(IllegalArgumentException.class, () -> w.write("tab\tkey", ok));
        assertThrows(IllegalArgumentException.class,
                () -> w.write("nan", FeatureMatrix.of(new float[][] {{1f, Float.NaN}})));
    }
}
