package org.cepstra.corpus;

import static org.cepstra.corpus.Fixtures.ids;
import static org.cepstra.corpus.Fixtures.labels;
import static org.cepstra.corpus.Fixtures.touch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLabelsTest {
    @TempDir
    Path root;

    @Test
    void labelIsTheFolderDirectlyBelowTheRoot() throws IOException {
        touch(root, "yes/b.wav", "yes/a.WAV", "no/take2/c.wav", "no/notes.txt", "yes/readme.md");
        Corpus c = new FolderLabels().read(root);
        assertEquals(List.of("no/take2/c", "yes/a", "yes/b"), ids(c));
        assertEquals(List.of("no", "yes", "yes"), labels(c));
        Path abs = root.toAbsolutePath().normalize();
        assertEquals(abs.resolve("no/take2/c.wav"), c.utterances().get(0).audioFile());
        assertEquals(Optional.empty(), c.utterances().get(0).segment());
        assertEquals(Optional.empty(), c.utterances().get(0).speaker());
        assertTrue(c.skipped().isEmpty());
    }

    @Test
    void sameFileNameInTwoLabelFoldersGivesDistinctIds() throws IOException {
        touch(root, "yes/0a7c2a8d_nohash_0.wav", "no/0a7c2a8d_nohash_0.wav");
        Corpus c = new FolderLabels().read(root);
        assertEquals(List.of("no/0a7c2a8d_nohash_0", "yes/0a7c2a8d_nohash_0"), ids(c));
    }

    @Test
    void filesDirectlyInRootAreSkippedWithReason() throws IOException {
        touch(root, "loose.wav", "yes/a.wav");
        Corpus c = new FolderLabels().read(root);
        assertEquals(List.of("yes/a"), ids(c));
        Fixtures.assertSingleSkip(c, root.resolve("loose.wav"),
                "file lies directly in the corpus folder, not in a label sub-folder");
    }

    @Test
    void hiddenFilesAndFoldersAreLeftOut() throws IOException {
        touch(root, "yes/._a.wav", "yes/a.wav", ".cache/yes/b.wav");
        Corpus c = new FolderLabels().read(root);
        assertEquals(List.of("yes/a"), ids(c));
        Fixtures.assertSingleSkip(c, root.resolve("yes/._a.wav"), "hidden file (name starts with '.')");
    }

    @Test
    void folderLinkLoopIsReportedAndTheRestRead() throws IOException {
        touch(root, "yes/a.wav");
        Path loop = root.resolve("yes/again");
        Files.createSymbolicLink(loop, root.resolve("yes").toAbsolutePath());
        Corpus c = new FolderLabels().read(root);
        assertEquals(List.of("yes/a"), ids(c));
        Fixtures.assertSingleSkip(c, loop, "folder link loops back to a folder above it");
    }

    @Test
    void missingRootThrowsNamingIt() {
        Path missing = root.resolve("nope");
        CorpusException e = assertThrows(CorpusException.class, () -> new FolderLabels().read(missing));
        assertEquals(missing + ": corpus folder not found", e.getMessage());
        assertEquals(missing, e.file());
    }

    @Test
    void rootThatIsAFileThrows() throws IOException {
        Path file = Files.createFile(root.resolve("x.wav"));
        CorpusException e = assertThrows(CorpusException.class, () -> new FolderLabels().read(file));
        assertEquals(file + ": corpus folder is not a folder", e.getMessage());
    }
}
