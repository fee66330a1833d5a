package org.cepstra.features;

/** Where cepstral mean (and variance) normalisation is applied relative to the deltas. */
public enum CmvnPlacement {
    /** Normalise the static cepstra, then compute deltas from the normalised statics. */
    BEFORE_DELTAS,
    /** Compute deltas first, then normalise all columns (statics, deltas, delta-deltas). */
    AFTER_DELTAS
}
