package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.cepstra.corpus.Fixtures.labels;
import static org.cepstra.corpus.Fixtures.reasons;
import static org.cepstra.corpus.Fixtures.touch;
import static org.cepstra.corpus.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
    @TempDir
    Path dir;
    Path abs;

    @BeforeEach
    void audio() {
        touch(dir, "rec/7_jackson_32.wav", "rec/0_theo_4.wav", "rec/a, b.wav", "long.wav");
        abs = dir.toAbsolutePath().normalize();
    }

    private Corpus read(String name, String text) throws IOException {
        return new ManifestReader().read(write(dir.resolve(name), text));
    }

    @Test
    void csvWithRelativePathsAndSpeakers() throws IOException {
        Corpus c = read("m.csv", "path,label,speaker\nrec/7_jackson_32.wav,7,jackson\nrec/0_theo_4.wav,0,\n");
        assertEquals(List.of("rec/7_jackson_32", "rec/0_theo_4"), ids(c));
        assertEquals(List.of("7", "0"), labels(c));
        Utterance first = c.utterances().get(0);
        assertEquals(abs.resolve("rec/7_jackson_32.wav"), first.audioFile());
        assertEquals(Optional.of("jackson"), first.speaker());
        assertEquals(Optional.empty(), first.segment());
        assertEquals(Optional.empty(), c.utterances().get(1).speaker());
        assertTrue(c.skipped().isEmpty());
    }

    @Test
    void tabAndSemicolonDelimitersAndHeaderAliases() throws IOException {
        Corpus tsv = read("m.tsv", "WAV\tLabel\nrec/7_jackson_32.wav\tseven, eight\n");
        assertEquals(List.of("seven, eight"), labels(tsv));
        Corpus semi = read("m2.csv", "File;LABEL;notes\nrec/0_theo_4.wav;zero;a,b,c\n");
        assertEquals(List.of("zero"), labels(semi));
    }

    @Test
    void rfc4180QuotingCommentsBlankLinesBomAndCrlf() throws IOException {
        String text = "\uFEFF# a comment\r\n\r\nlabel,path\r\n"
                + "\"say \"\"hi\"\", twice\",\"rec/a, b.wav\"\r\n"
                + "  # indented comment\r\n"
                + "\"two\nlines\", rec/0_theo_4.wav \r\n"
                + "bad,rec/missing.wav\r\n";
        Corpus c = read("q.csv", text);
        assertEquals(List.of("say \"hi\", twice"), labels(c));
        assertEquals(List.of("rec/a, b"), ids(c));
        // a label holding a line break is refused (it would split every line-based output); the quoted line
        // break moves the next record to line 8
        assertEquals(List.of("q.csv line 6: label 'two\\nlines' contains a line break (U+000A)",
                "q.csv line 8: audio file rec/missing.wav not found (looked for "
                + abs.resolve("rec/missing.wav") + ")"), reasons(c));
        assertEquals(abs.resolve("q.csv"), c.skipped().get(0).file());
    }

    @Test
    void segmentsWithStartAndEnd() throws IOException {
        Corpus c = read("seg.csv", "path,label,start,end\n"
                + "long.wav,one,0,0.5\nlong.wav,two,0.5,1.25\nrec/0_theo_4.wav,zero,,\nlong.wav,three,1.25,2\n");
        assertEquals(List.of("long_0", "long_1", "rec/0_theo_4", "long_2"), ids(c));
        assertEquals(List.of(Optional.of(new Segment(0.0, 0.5)), Optional.of(new Segment(0.5, 1.25)),
                        Optional.empty(), Optional.of(new Segment(1.25, 2.0))),
                c.utterances().stream().map(Utterance::segment).collect(Collectors.toList()));
    }

    @Test
    void idColumnNamesUtterances() throws IOException {
        Corpus c = read("id.csv", "id,path,label\nutt1,rec/7_jackson_32.wav,7\n,rec/0_theo_4.wav,0\n");
        assertEquals(List.of("utt1", "rec/0_theo_4"), ids(c));
    }

    @Test
    void absolutePathsOutsideTheFolderUseTheBareFileName() throws IOException {
        Path manifest = write(dir.resolve("sub/m.csv"), "path,label\n" + abs.resolve("long.wav") + ",x\n");
        Corpus c = new ManifestReader().read(manifest);
        assertEquals(List.of("long"), ids(c));
    }

    @Test
    void splitColumn() throws IOException {
        Path m = write(dir.resolve("s.csv"), "path,label,split\nrec/7_jackson_32.wav,7,train\n"
                + "rec/0_theo_4.wav,0,TEST\nlong.wav,9,dev\n");
        Manifest manifest = new ManifestReader().readManifest(m);
        assertTrue(manifest.hasSplitColumn());
        assertEquals(Map.of("rec/7_jackson_32", SplitRole.TRAIN, "rec/0_theo_4", SplitRole.TEST,
                "long", SplitRole.DEV), manifest.splits());
        Manifest none = new ManifestReader().readManifest(write(dir.resolve("n.csv"), "path,label\nlong.wav,9\n"));
        assertFalse(none.hasSplitColumn());
        assertTrue(none.splits().isEmpty());
    }

    @Test
    void badRowsAreSkippedNamingFileLineAndProblem() throws IOException {
        String text = "path,label,start,end,split\n"          // line 1
                + "rec/7_jackson_32.wav,7,,,train\n"          // 2 ok
                + "rec/0_theo_4.wav,,,,train\n"               // 3 empty label
                + "rec/0_theo_4.wav,0,,train\n"               // 4 4 fields
                + ",0,,,train\n"                              // 5 empty path
                + "nothere.wav,0,,,train\n"                   // 6 missing file
                + "long.wav,1,abc,1,train\n"                  // 7 bad start
                + "long.wav,1,1.5,1.2,train\n"                // 8 end before start
                + "long.wav,1,1.5,,train\n"                   // 9 start without end
                + "long.wav,1,-1,2,train\n"                   // 10 negative start
                + "long.wav,1,0,1,holdout\n"                  // 11 unknown split
                + "long.wav,1,0,1,\n"                         // 12 empty split
                + "\"long.wav\"x,1,0,1,test\n"                // 13 junk after quote
                + "long.wav,1,1,1,test\n"                     // 14 empty segment
                + "long.wav,1,0,NaN,test\n"                   // 15 NaN end
                + "rec,1,,,test\n"                            // 16 a folder
                + "long.wav,1,0x1p3,9,test\n"                 // 17 hex start
                + "long.wav,1,,2,test\n"                      // 18 end without start
                + "long.wav,1,0,1,test\n";                    // 19 ok
        Corpus c = read("manifest.csv", text);
        assertEquals(List.of("rec/7_jackson_32", "long_0"), ids(c));
        assertEquals(List.of(
                "manifest.csv line 3: label column empty",
                "manifest.csv line 4: expected 5 fields as in the header, found 4",
                "manifest.csv line 5: path column empty",
                "manifest.csv line 6: audio file nothere.wav not found (looked for " + abs.resolve("nothere.wav") + ")",
                "manifest.csv line 7: start 'abc' is not a number of seconds",
                "manifest.csv line 8: end 1.2 s is before start 1.5 s",
                "manifest.csv line 9: start given without end",
                "manifest.csv line 10: start -1 s is negative",
                "manifest.csv line 11: split 'holdout' is not one of train, test, dev",
                "manifest.csv line 12: split column empty",
                "manifest.csv line 13: unexpected character 'x' after the closing quote of field 1",
                "manifest.csv line 14: end 1 s equals start 1 s (empty segment)",
                "manifest.csv line 15: end 'NaN' is not a number of seconds",
                "manifest.csv line 16: rec is not a regular file",
                "manifest.csv line 17: start '0x1p3' is not a number of seconds",
                "manifest.csv line 18: end given without start"), reasons(c));
        assertTrue(c.skipped().stream().allMatch(s -> s.file().equals(abs.resolve("manifest.csv"))));
    }

    @Test
    void duplicateIdIsSkipped() throws IOException {
        Corpus c = read("d.csv", "path,label\nlong.wav,a\nlong.wav,b\n");
        assertEquals(List.of("a"), labels(c));
        assertEquals(List.of("d.csv line 3: utterance id 'long' is already used by d.csv line 2"), reasons(c));
    }

    private CorpusException failure(String name, String text) {
        Path m = write(dir.resolve(name), text);
        return assertThrows(CorpusException.class, () -> new ManifestReader().read(m));
    }

    @Test
    void structuralProblemsThrowNamingFileLineAndProblem() {
        Path m = dir.resolve("h.csv");
        assertEquals(m + " line 2: no 'label' column in header; header is [path, speaker]",
                failure("h.csv", "# c\npath,speaker\nlong.wav,x\n").getMessage());
        assertEquals(m + " line 1: no 'path' column in header (also accepted: 'file', 'wav'); header is [name, label]",
                failure("h.csv", "name,label\n").getMessage());
        assertEquals(m + " line 1: column 'label' appears twice in header (columns 2 and 3)",
                failure("h.csv", "path,label,Label\n").getMessage());
        assertEquals(m + " line 1: header has both 'path' and 'wav' columns; keep one path column",
                failure("h.csv", "path,wav,label\n").getMessage());
        assertEquals(m + " line 1: header has a 'start' column but no 'end' column",
                failure("h.csv", "path,label,start\n").getMessage());
        assertEquals(m + ": manifest is empty: no header line with 'path' and 'label' columns",
                failure("h.csv", "# only a comment\n\n").getMessage());
        assertEquals(m + " line 1: no header: the first line names neither a 'path' nor a 'label' column;"
                + " first line is [7_jackson_32.wav, 7]",
                failure("h.csv", "7_jackson_32.wav,7\n").getMessage());
        assertEquals(m + " line 3: quoted field starting on this line is never closed",
                failure("h.csv", "path,label\nlong.wav,a\n\"long.wav,b\nlong.wav,c\n").getMessage());
    }

    @Test
    void missingAndUnreadableManifestsThrow() throws IOException {
        Path missing = dir.resolve("nope.csv");
        CorpusException e = assertThrows(CorpusException.class, () -> new ManifestReader().read(missing));
        assertEquals(missing + ": manifest not found", e.getMessage());
        e = assertThrows(CorpusException.class, () -> new ManifestReader().read(dir.resolve("rec")));
        assertEquals(dir.resolve("rec") + ": manifest is not a regular file", e.getMessage());
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[] {'p', 'a', 't', 'h', ',', 'l', 'a', 'b', 'e', 'l', '\n',
            'l', 'o', 'n', 'g', '.', 'w', 'a', 'v', ',', (byte) 0xE9, '\n'});
        e = assertThrows(CorpusException.class, () -> new ManifestReader().read(latin1));
        assertEquals(latin1 + ": cannot read manifest: not valid UTF-8 text", e.getMessage());
    }

    @Test
    void labelsSpeakersAndIdsWithControlCharactersAreRefusedPerRow() throws IOException {
        Corpus c = read("c.csv", "path,label,speaker,id\n"
                + "rec/7_jackson_32.wav,seven,jackson,\n"
                + "rec/0_theo_4.wav,\"ze\rro\",theo,\n"
                + "long.wav,one,\"a\u0001b\",\n"
                + "rec/7_jackson_32.wav,two,,\"x\u2028y\"\n");
        assertEquals(List.of("seven"), labels(c));
        assertEquals(List.of("c.csv line 3: label 'ze\\rro' contains a line break (U+000D)",
                "c.csv line 5: speaker 'a\\u0001b' contains a control character (U+0001)",
                "c.csv line 6: utterance id 'x\\u2028y' contains a line break (U+2028)"), reasons(c));
    }

    @Test
    void aHugeFileWithoutLineBreaksIsRefusedByItsFirstLine() throws IOException {
        // 3 GB of zero bytes (sparse): valid UTF-8 without a single line break; read in bounded memory
        Path huge = dir.resolve("huge.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        CorpusException e = assertThrows(CorpusException.class, () -> new ManifestReader().read(huge));
        assertEquals(huge + ": cannot read manifest: line 1 is longer than 65536 characters (not a text file of "
                + "lines?)", e.getMessage());
        // the bound counts characters per line: line 3 of a text file is named
        Path long3 = write(dir.resolve("long3.csv"), "path,label\r\nlong.wav,one\r\n" + "x".repeat(65537) + "\n");
        e = assertThrows(CorpusException.class, () -> new ManifestReader().read(long3));
        assertEquals(long3 + ": cannot read manifest: line 3 is longer than 65536 characters (not a text file of "
                + "lines?)", e.getMessage());
    }
}
