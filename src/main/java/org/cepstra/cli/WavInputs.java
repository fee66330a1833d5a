package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cepstra.corpus.CorpusException;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.WavFiles;

/**
 * Expands command-line inputs (WAV files and folders) into a file list, walking folders exactly as
 * {@code train} walks its corpus ({@link WavFiles}: symbolic links followed, hidden files and folders
 * left out, unreadable sub-folders reported and skipped).
 */
final class WavInputs {
    private WavInputs() {
    }

    /**
     * The WAV files named by {@code inputs}: files as given, folders walked by {@link WavFiles#under};
     * what a walk could not use is added to {@code problems}.
     *
     * @throws InputException if an input does not exist or a folder holds no WAV file
     */
    static List<Path> expand(List<Path> inputs, List<SkippedFile> problems) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                WavFiles.Found found;
                try {
                    found = WavFiles.under(input);
                } catch (CorpusException e) {
                    throw new InputException(e.getMessage());
                }
                problems.addAll(found.problems());
                if (found.files().isEmpty()) {
                    throw new InputException(input + ": no .wav files in this folder"
                            + (found.problems().isEmpty() ? "" : " (" + found.problems().size()
                            + " sub-folders or files could not be read, e.g. " + found.problems().get(0) + ")"));
                }
                files.addAll(found.files());
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new InputException(input + ": no such file or folder");
            }
        }
        return files;
    }

    /**
     * As {@link #expand(List, List)} for a command that does not report skipped folders: hidden files
     * are left out, and the first folder a walk could not read is an input error.
     */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<SkippedFile> problems = new ArrayList<>();
        List<Path> files = expand(inputs, problems);
        for (SkippedFile p : problems) {
            if (!p.reason().startsWith("hidden file")) {
                throw new InputException(p.toString());
            }
        }
        return files;
    }

    static boolean isWav(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    /** The utterance id of a file: its name without the {@code .wav} extension. */
    static String utteranceId(Path file) {
        String name = file.getFileName().toString();
        return isWav(file) ? name.substring(0, name.length() - 4) : name;
    }
}
