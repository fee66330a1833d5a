package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentTest {

    @Test
    void validIntervalsAndDurations() {
        Segment s = new Segment(0.25, 1.0);
        assertEquals(0.75, s.durationSeconds(), 0.0);
        assertFalse(s.isOpenEnded());
        Segment open = Segment.toEndOfFile(2.0);
        assertTrue(open.isOpenEnded());
        assertEquals(Double.POSITIVE_INFINITY, open.durationSeconds());
        assertEquals("[2.0, end) s", open.toString());
        assertEquals("[0.25, 1.0) s", s.toString());
    }

    @Test
    void rejectsBadIntervals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Segment(1.0, 1.0));
        assertEquals("segment end 1.0 s must be after its start 1.0 s", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Segment(1.0, 0.5));
        e = assertThrows(IllegalArgumentException.class, () -> new Segment(-0.1, 1.0));
        assertEquals("segment start must be a finite number of seconds >= 0, got -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Segment(Double.NaN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0.0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Segment(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Segment(0.0, Double.NEGATIVE_INFINITY));
    }

    @Test
    void overlapIsHalfOpen() {
        Segment a = new Segment(0.0, 0.5);
        assertFalse(a.overlaps(new Segment(0.5, 1.0)));
        assertTrue(a.overlaps(new Segment(0.4999, 1.0)));
        assertTrue(a.overlaps(Segment.toEndOfFile(0.1)));
    }

    @Test
    void sampleIndicesTruncateLikeKaldiExtractSegments() {
        Segment s = new Segment(0.1, 0.30019);
        // 0.1 * 8000 = 800; 0.30019 * 8000 = 2401.52 -> 2401
        assertEquals(800, s.firstSample(8000));
        assertEquals(2401, s.endSample(8000, 10_000));
        // 2401.52 samples end within 0.01 s (80 samples) of a 2330-sample recording: cut at its end
        assertEquals(2330, s.endSample(8000, 2330), "cut to the recording length within the overshoot");
        // ... but 401.52 samples (0.050 s) beyond a 2000-sample recording is refused, not clipped
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> s.endSample(8000, 2000));
        assertEquals("segment [0.1, 0.30019) s ends 0.050 s beyond the end of the recording (0.250 s); not clipped",
                beyond.getMessage());
        assertEquals(5000, Segment.toEndOfFile(0.5).endSample(16000, 5000));
        assertEquals(8000, Segment.toEndOfFile(0.5).firstSample(16000));
        assertThrows(IllegalArgumentException.class, () -> s.firstSample(0));
        assertThrows(IllegalArgumentException.class, () -> s.endSample(8000, -1));
    }

    @Test
    void utteranceValidation() {
        Path f = Path.of("/x/a.wav");
        Utterance u = Utterance.wholeFile("a", f, "one");
        assertTrue(u.isWholeFile());
        assertEquals("two", u.withLabel("two").label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Utterance(" ", f, "one", Optional.empty(), Optional.empty()));
        assertEquals("utterance id is blank (file /x/a.wav)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Utterance("a", f, "", Optional.empty(), Optional.empty()));
        assertEquals("label of utterance 'a' is blank", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Utterance("a", f, "one", Optional.of(" "), Optional.empty()));
        assertThrows(NullPointerException.class, () -> new Utterance("a", null, "one", Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new SkippedFile(f, " "));
    }

    @Test
    void corpusExceptionMessageNamesFileAndLine() {
        CorpusException e = new CorpusException(Path.of("m.csv"), 3, "no 'label' column in header");
        assertEquals("m.csv line 3: no 'label' column in header", e.getMessage());
        assertEquals(3, e.line().getAsLong());
        assertEquals(Path.of("m.csv"), e.file());
        CorpusException whole = new CorpusException(Path.of("root"), "corpus folder not found");
        assertEquals("root: corpus folder not found", whole.getMessage());
        assertTrue(whole.line().isEmpty());
    }
}
