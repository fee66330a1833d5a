package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

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
                List<Path> found = findWavs(input);
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

    /** The WAV files under {@code folder}, sorted; the attributes read by the walk spare a stat per file. */
    private static List<Path> findWavs(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                boolean regular = attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file);
                if (regular && isWav(file)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(found);
        return found;
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
