package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Checks an output path before any work starts, so that a long job never finishes only to find it
 * cannot write its result, and never overwrites one of its own inputs.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * Checks that {@code output} (given with option {@code option}, e.g. {@code "-o"}) can be written:
     * it is not a folder, its folder exists, is writable and has free space, and it is none of {@code inputs} (files or
     * folders the command reads; an output inside an input folder is allowed unless it is itself one of
     * {@code inputs}).
     *
     * @throws InputException naming the option and the path, if not
     */
    static void check(String option, Path output, Collection<Path> inputs) {
        Path absolute = output.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new InputException(option + " " + output + ": is a folder; give a file name");
        }
        Path folder = absolute.getParent();
        if (folder == null || absolute.getFileName() == null) {
            throw new InputException(option + " " + output + ": not a file name");
        }
        if (!Files.isDirectory(folder)) {
            throw new InputException(option + " " + output + ": folder " + folder + " does not exist");
        }
        if (!Files.isWritable(folder)) {
            throw new InputException(option + " " + output + ": folder " + folder + " is not writable");
        }
        if (Files.exists(absolute) && !Files.isRegularFile(absolute)) {
            throw new InputException(option + " " + output + ": not a regular file (a device, pipe or socket); "
                    + "give a file name");
        }
        if (Files.exists(absolute) && !Files.isWritable(absolute)) {
            throw new InputException(option + " " + output + ": the file exists and is not writable");
        }
        try {
            FileStore store = Files.getFileStore(folder);
            if (store.getTotalSpace() > 0 && store.getUsableSpace() == 0) {
                throw new InputException(option + " " + output + ": no space left on the device of folder " + folder);
            }
        } catch (IOException e) {
            // the space cannot be asked for here: a full disk is then reported, naming the file, when written
        }
        for (Path input : inputs) {
            if (sameFile(absolute, input)) {
                throw new InputException(option + " " + output + ": is one of the inputs; writing it would destroy it");
            }
        }
    }

    private static boolean sameFile(Path output, Path input) {
        Path in = input.toAbsolutePath().normalize();
        if (in.equals(output)) {
            return true;
        }
        try {
            return Files.exists(output) && Files.exists(in) && Files.isSameFile(output, in);
        } catch (IOException e) {
            return false;
        }
    }
}
