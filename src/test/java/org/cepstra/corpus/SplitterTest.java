package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.cepstra.corpus.Fixtures.touch;
import static org.cepstra.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitterTest {
    @TempDir
    Path dir;

    @Test
    void fsddOfficialSplitByFileName() throws IOException {
        List<String> names = new ArrayList<>();
        for (int digit = 0; digit < 2; digit++) {
            for (int index : new int[] {0, 4, 5, 10, 32, 49}) {
                names.add(digit + "_jackson_" + index + ".wav");
            }
        }
        touch(dir, names.toArray(new String[0]));
        write(dir.resolve("x_bad.wav"), "");
        Corpus corpus = FileNamePatternLabels.fsddDigits().read(dir);
        CorpusSplit split = Splitter.byTestFileName(Pattern.compile("_[0-4]\\.wav$")).split(corpus);
        assertEquals(List.of("0_jackson_0", "0_jackson_4", "1_jackson_0", "1_jackson_4"), ids(split.test()));
        assertEquals(List.of("0_jackson_10", "0_jackson_32", "0_jackson_49", "0_jackson_5",
                "1_jackson_10", "1_jackson_32", "1_jackson_49", "1_jackson_5"), ids(split.train()));
        assertEquals(corpus.skipped(), split.train().skipped());
        assertEquals(1, split.train().skipped().size());
        assertTrue(split.test().skipped().isEmpty());
        assertEquals(split, Splitter.fsddOfficial().split(corpus));
    }

    private static Utterance utt(String id, String file, String label, String speaker, Segment segment) {
        return new Utterance(id, Path.of("/c", file), label, Optional.ofNullable(speaker), Optional.ofNullable(segment));
    }

    @Test
    void segmentsOfOneFileFollowTheirFileName() {
        Corpus c = Corpus.of(List.of(
                utt("a_0", "a_1.wav", "x", null, new Segment(0, 1)),
                utt("a_1", "a_1.wav", "y", null, new Segment(1, 2)),
                utt("b_0", "b_7.wav", "x", null, new Segment(0, 1))));
        CorpusSplit s = Splitter.fsddOfficial().split(c);
        assertEquals(List.of("a_0", "a_1"), ids(s.test()));
        assertEquals(List.of("b_0"), ids(s.train()));
        assertTrue(s.sharedRecordings().isEmpty());
    }

    @Test
    void leaveSpeakersOut() {
        Corpus c = Corpus.of(List.of(utt("1", "1.wav", "a", "theo", null), utt("2", "2.wav", "a", "george", null),
                utt("3", "3.wav", "b", null, null), utt("4", "4.wav", "b", "theo", null)));
        CorpusSplit s = Splitter.byTestSpeakers(Set.of("theo")).split(c);
        assertEquals(List.of("1", "4"), ids(s.test()));
        assertEquals(List.of("2", "3"), ids(s.train()));
    }

    @Test
    void manifestSplitColumn() throws IOException {
        touch(dir, "a.wav", "b.wav", "c.wav", "long.wav");
        Path m = write(dir.resolve("m.csv"), "path,label,split,start,end\n"
                + "a.wav,1,train,,\nb.wav,2,test,,\nc.wav,3,dev,,\n"
                + "long.wav,4,train,0,1\nlong.wav,5,test,1,2\n");
        Manifest manifest = new ManifestReader().readManifest(m);
        CorpusSplit s = Splitter.byManifestColumn(manifest).split(manifest.corpus());
        assertEquals(List.of("a", "long_0"), ids(s.train()));
        assertEquals(List.of("b", "c", "long_1"), ids(s.test()));
        assertEquals(Set.of(dir.toAbsolutePath().normalize().resolve("long.wav")), s.sharedRecordings());
        CorpusSplit devInTrain = Splitter.byManifestColumn(manifest, SplitRole.TRAIN).split(manifest.corpus());
        assertEquals(List.of("a", "c", "long_0"), ids(devInTrain.train()));
        CorpusSplit subset = Splitter.byManifestColumn(manifest).split(manifest.corpus().filter(u -> u.isWholeFile()));
        assertEquals(List.of("b", "c"), ids(subset.test()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splitter.byManifestColumn(manifest).split(Corpus.of(List.of(utt("zz", "z.wav", "1", null, null)))));
        assertEquals("utterance 'zz' is not listed in manifest " + manifest.file(), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splitter.byManifestColumn(manifest, SplitRole.DEV));

        Manifest noSplit = new ManifestReader().readManifest(write(dir.resolve("n.csv"), "path,label\na.wav,1\n"));
        e = assertThrows(IllegalArgumentException.class, () -> Splitter.byManifestColumn(noSplit));
        assertEquals("manifest " + noSplit.file() + " has no split column", e.getMessage());
    }

    @Test
    void splitRoleWords() {
        assertEquals(Optional.of(SplitRole.TRAIN), SplitRole.parse(" Training "));
        assertEquals(Optional.of(SplitRole.TEST), SplitRole.parse("eval"));
        assertEquals(Optional.of(SplitRole.DEV), SplitRole.parse("validation"));
        assertEquals(Optional.empty(), SplitRole.parse("holdout"));
    }

    @Test
    void corpusSplitRejectsAnUtteranceOnBothSides() {
        Corpus c = Corpus.of(List.of(utt("1", "1.wav", "a", null, null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CorpusSplit(c, c));
        assertEquals("utterance '1' is in both the train and the test part", e.getMessage());
    }
}
