package org.cepstra.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one folder walk of every command: the {@code .wav} files (any letter case) below a folder,
 * following symbolic links to files and folders, in the order of their path below the folder. Folders
 * and files whose name starts with '.' are left out (a hidden {@code .wav}, such as a macOS
 * {@code ._x.wav} companion, is reported); a sub-folder that cannot be read and a link that loops back
 * to a folder above it are reported and skipped, and the walk goes on.
 */
public final class WavFiles {
    private WavFiles() {
    }

    /**
     * What a walk found.
     *
     * @param files    the WAV files, as paths below the folder as it was given
     * @param problems folders and files that could not be used, with the reason
     */
    public record Found(List<Path> files, List<SkippedFile> problems) {
        /** Copies the lists. */
        public Found {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Walks {@code folder} as described above.
     *
     * @throws CorpusException if {@code folder} does not exist, is not a folder or cannot be read itself
     */
    public static Found under(Path folder) throws CorpusException {
        CorpusFiles.Listing listing = CorpusFiles.list(folder, Set.of("wav"), "folder");
        return new Found(asGiven(folder, listing.root(), listing.files()), listing.problems());
    }

    /** The files below {@code absoluteRoot} expressed below {@code folder} as the user gave it. */
    private static List<Path> asGiven(Path folder, Path absoluteRoot, List<Path> files) {
        List<Path> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(f.startsWith(absoluteRoot) ? folder.resolve(absoluteRoot.relativize(f).toString()) : f);
        }
        return out;
    }
}
