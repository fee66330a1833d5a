package org.cepstra.io.features;

/** The kinds of feature file {@link FeatureFileReader} recognises. */
public enum FeatureFileFormat {
    /** NumPy .npy array: one matrix (frames × dims, or a 1-D array as n × 1). */
    NPY,
    /** Kaldi text archive ({@code copy-feats ark,t:}): utterance ids with bracketed matrices. */
    KALDI_TEXT_ARCHIVE,
    /** Delimited text of numbers: one matrix, one frame per line. */
    CSV
}
