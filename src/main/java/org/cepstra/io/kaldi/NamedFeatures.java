package org.cepstra.io.kaldi;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Feature frames with the name they were stored under: the utterance id of a Kaldi archive entry,
 * or the file name (without extension) of a CSV or .npy file.
 */
public record NamedFeatures(String name, FeatureMatrix features) {
    /** Both parts are required. */
    public NamedFeatures {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(features, "features");
    }
}
