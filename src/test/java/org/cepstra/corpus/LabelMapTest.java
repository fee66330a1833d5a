package org.cepstra.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelMapTest {
    @TempDir
    Path tmp;

    private Path write(String text) throws Exception {
        Path file = tmp.resolve("fold.map");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Utterance u(String id, String label) {
        return Utterance.wholeFile(id, Path.of("/data/" + id + ".wav"), label);
    }

    @Test
    void mapsRenamesMergesAndDrops() throws Exception {
        LabelMap map = LabelMap.read(write("\uFEFF# TIMIT folding, in part\nax ah\r\nah ah\n\n  ix\tih \nq\nh# sil\n"));
        assertEquals(List.of("ax", "ah", "ix", "q", "h#"), List.copyOf(map.mapping().keySet()));
        assertEquals(Optional.of("ah"), map.map("ax"));
        assertEquals(Optional.empty(), map.map("q"));
        Corpus corpus = Corpus.of(List.of(u("a", "ax"), u("b", "q"), u("c", "ah"), u("d", "h#"), u("e", "ix")));
        Corpus mapped = map.applyTo(corpus);
        assertEquals(List.of("a", "c", "d", "e"), mapped.utterances().stream().map(Utterance::id).toList());
        assertEquals(Map.of("ah", 2, "sil", 1, "ih", 1), mapped.countsByLabel());
        IllegalArgumentException unlisted = assertThrows(IllegalArgumentException.class, () -> map.map("zh"));
        assertEquals(tmp.resolve("fold.map") + ": label 'zh' is not in the label map", unlisted.getMessage());
    }

    @Test
    void labelsTheMapDoesNotListAreAnError() throws Exception {
        LabelMap map = LabelMap.read(write("a b\n"));
        Corpus corpus = Corpus.of(List.of(u("1", "a"), u("2", "x"), u("3", "x"), u("4", "y")));
        CorpusException e = assertThrows(CorpusException.class, () -> map.applyTo(corpus));
        assertEquals(tmp.resolve("fold.map") + ": the corpus has 2 labels the label map does not list: "
                + "'x' (2 utterances), 'y' (1 utterance)", e.getMessage());
    }

    @Test
    void badFilesNameTheFileAndLine() throws Exception {
        String name = tmp.resolve("fold.map").toString();
        assertEquals(name + " line 3: label 'ax' is already mapped on line 1",
                assertThrows(CorpusException.class, () -> LabelMap.read(write("ax ah\nix ih\nax aa\n"))).getMessage());
        assertEquals(name + " line 2: label 'q' is already mapped on line 1",
                assertThrows(CorpusException.class, () -> LabelMap.read(write("q\nq sil\n"))).getMessage());
        assertEquals(name + " line 1: expected 'from to' or a label alone (mapped to nothing), found 3 fields",
                assertThrows(CorpusException.class, () -> LabelMap.read(write("ax ah x\n"))).getMessage());
        assertEquals(name + ": the label map holds no mapping (lines 'from to', or a label alone)",
                assertThrows(CorpusException.class, () -> LabelMap.read(write("# nothing\n\n"))).getMessage());
        assertEquals(name + " line 1: label 'a\\u0001' contains a control character (U+0001)",
                assertThrows(CorpusException.class, () -> LabelMap.read(write("a\u0001 b\n"))).getMessage());
        assertEquals(tmp.resolve("none.map") + ": label map not found",
                assertThrows(CorpusException.class, () -> LabelMap.read(tmp.resolve("none.map"))).getMessage());
        Files.write(tmp.resolve("latin1.map"), new byte[] {'a', ' ', (byte) 0xE9, '\n'});
        CorpusException notUtf8 = assertThrows(CorpusException.class, () -> LabelMap.read(tmp.resolve("latin1.map")));
        assertEquals(true, notUtf8.getMessage().startsWith(tmp.resolve("latin1.map") + ": cannot read the label map: "),
                notUtf8.getMessage());
    }
}
