package org.cepstra.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;

/** Reads a universal background model: a model file of one model, as {@code train-ubm} writes it. */
final class UbmFile {
    private UbmFile() {
    }

    /**
     * The UBM's model set.
     *
     * @throws IOException    if the file cannot be read as a model file
     * @throws InputException if it holds more than one model
     */
    static ModelSet read(Path file) throws IOException {
        ModelSet set = ModelSetFile.read(file);
        if (set.size() != 1) {
            throw new InputException(file + ": not a universal background model: it holds " + set.size()
                    + " models (a UBM is a model file of one model, made by train-ubm)");
        }
        return set;
    }
}
