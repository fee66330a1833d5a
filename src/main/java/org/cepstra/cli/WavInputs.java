package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands command-line inputs (WAV files and folders, searched recursively) into a sorted file list. */
final class WavInputs {
    private WavInputs() {
    }

    /**
     * The WAV files named by {@code inputs}: files as given, folders searched recursively for
     * {@code *.wav} (any case), each folder's files sorted by path.
     *
     * @throws InputException if an input does not exist or a folder holds no WAV file
     */
    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> found;
                try (Stream<Path> walk = Files.walk(input)) {
                    found = walk.filter(Files::isRegularFile).filter(WavInputs::isWav).sorted().toList();
                }
                if (found.isEmpty()) {
                    throw new InputException(input + ": no .wav files in this folder");
                }
                files.addAll(found);
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new InputException(input + ": no such file or folder");
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
