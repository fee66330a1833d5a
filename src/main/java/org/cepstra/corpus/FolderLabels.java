package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Labels WAV files by the folder they sit in: the label is the name of the sub-folder directly
 * below the root that holds the file, at any depth below it ({@code root/yes/a.wav} and
 * {@code root/yes/take2/b.wav} are both "yes"). Files directly in the root have no label folder and
 * are reported as skipped. Files are found recursively (following links; hidden files and folders
 * left out), {@code .wav} in any letter case, and listed in order of their path below the root.
 * Ids are paths below the root without ".wav" ({@code yes/a}); see {@link Corpus}.
 */
public final class FolderLabels {

    /** A folder-label source. */
    public FolderLabels() {
    }

    /**
     * Reads the corpus below {@code root}.
     *
     * @throws CorpusException when {@code root} is missing, not a folder or unreadable
     */
    public Corpus read(Path root) throws CorpusException {
        CorpusFiles.Listing listing = CorpusFiles.list(root, Set.of("wav"), "corpus folder");
        CorpusBuilder builder = new CorpusBuilder();
        builder.skipAll(listing.problems());
        Path abs = listing.root();
        for (Path file : listing.files()) {
            Path rel = abs.relativize(file);
            if (rel.getNameCount() < 2) {
                builder.skip(file, "file lies directly in the corpus folder, not in a label sub-folder");
                continue;
            }
            String label = rel.getName(0).toString();
            Utterance u = new Utterance(CorpusFiles.fileId(abs, file), file, label, Optional.empty(),
                    Optional.empty());
            builder.add(u, file, file.toString());
        }
        return builder.build();
    }
}
