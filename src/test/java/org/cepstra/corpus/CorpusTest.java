package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorpusTest {
    private static final Path A = Path.of("/c/a.wav");
    private static final Path B = Path.of("/c/b.wav");

    private static Utterance utt(String id, Path file, String label, String speaker) {
        return new Utterance(id, file, label, Optional.ofNullable(speaker), Optional.empty());
    }

    @Test
    void groupsAndCountsByLabel() {
        Utterance u1 = utt("1", A, "yes", "ann");
        Utterance u2 = utt("2", B, "no", "bob");
        Utterance u3 = utt("3", A, "yes", null);
        SkippedFile skip = new SkippedFile(Path.of("/c/x.wav"), "bad");
        Corpus c = new Corpus(List.of(u1, u2, u3), List.of(skip));
        assertEquals(List.of("no", "yes"), List.copyOf(c.labels()));
        assertEquals(Map.of("no", List.of(u2), "yes", List.of(u1, u3)), c.byLabel());
        assertEquals(List.of("no", "yes"), List.copyOf(c.byLabel().keySet()));
        assertEquals(Map.of("no", 1, "yes", 2), c.countsByLabel());
        assertEquals(2, c.count("yes"));
        assertEquals(0, c.count("maybe"));
        assertEquals(3, c.size());
        assertEquals(List.of("ann", "bob"), List.copyOf(c.speakers()));
        assertEquals(List.of(A, B), List.copyOf(c.recordings()));
        assertEquals(Optional.of(u2), c.utterance("2"));
        assertEquals(List.of(skip), c.skipped());
        assertEquals("Corpus[3 utterances, 2 labels, 1 skipped]", c.toString());
        assertThrows(UnsupportedOperationException.class, () -> c.utterances().add(u1));
        assertThrows(UnsupportedOperationException.class, () -> c.byLabel().get("yes").add(u1));
    }

    @Test
    void filterAndRelabelKeepSkippedReports() {
        SkippedFile skip = new SkippedFile(Path.of("/c/x.wav"), "bad");
        Corpus c = new Corpus(List.of(utt("1", A, "yes", "ann"), utt("2", B, "no", "bob")), List.of(skip));
        Corpus yes = c.filter(u -> u.label().equals("yes"));
        assertEquals(List.of("1"), Fixtures.ids(yes));
        assertEquals(List.of(skip), yes.skipped());
        Corpus bySpeaker = c.relabel(u -> u.speaker().orElseThrow());
        assertEquals(List.of("ann", "bob"), Fixtures.labels(bySpeaker));
        assertEquals(List.of(skip), bySpeaker.skipped());
        assertThrows(IllegalArgumentException.class, () -> c.relabel(u -> null));
    }

    @Test
    void rejectsDuplicateIds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Corpus.of(List.of(utt("1", A, "yes", null), utt("1", B, "no", null))));
        assertEquals("utterance id '1' appears twice (files /c/a.wav and /c/b.wav)", e.getMessage());
    }

    @Test
    void equalityByContent() {
        Corpus c1 = Corpus.of(List.of(utt("1", A, "yes", null)));
        Corpus c2 = Corpus.of(List.of(utt("1", A, "yes", null)));
        assertEquals(c1, c2);
        assertEquals(c1.hashCode(), c2.hashCode());
        assertTrue(Corpus.of(List.of()).isEmpty());
    }
}
