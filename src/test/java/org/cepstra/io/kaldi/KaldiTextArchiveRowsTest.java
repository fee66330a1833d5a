package org.cepstra.io.kaldi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringWriter;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/** An entry written frame by frame is the same text as the whole matrix written at once. */
class KaldiTextArchiveRowsTest {

    @Test
    void framesWrittenOneByOneGiveTheTextOfTheWholeEntry() throws IOException {
        FeatureMatrix m = FeatureMatrix.of(new float[][] {{1f, -0.25f, 1.5e-5f}, {3.4028235e38f, 0f, -0f}});
        StringWriter text = new StringWriter();
        KaldiTextArchiveWriter writer = new KaldiTextArchiveWriter(text);
        KaldiTextArchiveWriter.EntryRows rows = writer.beginEntry("utt1");
        assertEquals("", text.toString());
        rows.writeFrame(m.row(0));
        rows.writeFrame(m.row(1));
        rows.end();
        assertEquals(2, rows.framesWritten());
        assertEquals(1, writer.entriesWritten());
        assertEquals(KaldiTextArchiveWriter.entry("utt1", m), text.toString());
    }

    @Test
    void refusesBadKeysAndNonFiniteFramesWritingNothing() throws IOException {
        StringWriter text = new StringWriter();
        KaldiTextArchiveWriter writer = new KaldiTextArchiveWriter(text);
        assertThrows(IllegalArgumentException.class, () -> writer.beginEntry("a b"));
        KaldiTextArchiveWriter.EntryRows rows = writer.beginEntry("u");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rows.writeFrame(new float[] {1f, Float.NaN}));
        assertEquals("utterance 'u' frame 0 column 1 is NaN; only finite values can be written", e.getMessage());
        assertEquals("", text.toString());
    }
}
