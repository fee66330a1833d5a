package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSplitsTest {
    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        return Files.writeString(tmp.resolve("manifest.csv"), text);
    }

    private static Utterance seg(String id, String wav) {
        return new Utterance(id, Path.of("/c/wav/" + wav), "x", Optional.empty(), Optional.of(Segment.ofRecording(0, 1)));
    }

    @Test
    void everySegmentGoesWithItsRecording() throws Exception {
        RecordingSplits splits = RecordingSplits.read(write("# clips\nclip,split,note\nLJ001-0001,train,a\n"
                + "wav/LJ001-0002.WAV,dev,b\n\"LJ001-0003\",test,c\n"));
        assertEquals(Map.of("LJ001-0001", SplitRole.TRAIN, "LJ001-0002", SplitRole.DEV, "LJ001-0003", SplitRole.TEST),
                splits.roles());
        Corpus corpus = Corpus.of(List.of(seg("a_0", "LJ001-0001.wav"), seg("b_0", "LJ001-0002.wav"),
                seg("a_1", "LJ001-0001.wav"), seg("c_0", "LJ001-0003.wav")));
        CorpusSplit split = splits.splitter().split(corpus);
        assertEquals(List.of("a_0", "a_1"), split.train().utterances().stream().map(Utterance::id).toList());
        assertEquals(List.of("b_0", "c_0"), split.test().utterances().stream().map(Utterance::id).toList());
        IllegalArgumentException unlisted = assertThrows(IllegalArgumentException.class,
                () -> splits.splitter().split(Corpus.of(List.of(seg("z_0", "LJ009.wav")))));
        assertEquals(tmp.resolve("manifest.csv") + ": recording 'LJ009' (/c/wav/LJ009.wav) is not listed",
                unlisted.getMessage());
    }

    @Test
    void badTablesNameTheFileAndLine() throws Exception {
        String name = tmp.resolve("manifest.csv").toString();
        assertEquals(name + " line 1: header needs a 'split' column and a recording column (one of clip, recording, id, "
                + "file, path, wav)", assertThrows(CorpusException.class, () -> RecordingSplits.read(write("clip,role\n")))
                .getMessage());
        assertEquals(name + " line 3: split 'holdout' is not train, test or dev", assertThrows(CorpusException.class,
                () -> RecordingSplits.read(write("clip,split\na,train\nb,holdout\n"))).getMessage());
        assertEquals(name + " line 3: recording 'a' is already listed on line 2", assertThrows(CorpusException.class,
                () -> RecordingSplits.read(write("clip\tsplit\na.wav\ttrain\na\tdev\n"))).getMessage());
        assertEquals(name + " line 2: expected 2 fields as in the header, found 3", assertThrows(CorpusException.class,
                () -> RecordingSplits.read(write("clip,split\na,train,x\n"))).getMessage());
        assertEquals(name + " line 2: recording column empty", assertThrows(CorpusException.class,
                () -> RecordingSplits.read(write("clip,split\n,train\n"))).getMessage());
        assertEquals(name + ": split table is empty: no header line with a recording and a 'split' column",
                assertThrows(CorpusException.class, () -> RecordingSplits.read(write("# nothing\n"))).getMessage());
        assertEquals(tmp.resolve("none.csv") + ": split table not found",
                assertThrows(CorpusException.class, () -> RecordingSplits.read(tmp.resolve("none.csv"))).getMessage());
    }
}
