package org.cepstra.models;

import java.util.Objects;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.MapOptions;

/**
 * The universal background model (UBM) the models of a set were adapted from by MAP adaptation
 * (Reynolds, Quatieri and Dunn 2000), and how they were adapted. Verification scores a claim by the
 * log-likelihood ratio of the claimed label's model against this UBM.
 *
 * @param ubm        the universal background model, with the set's frame dimension
 * @param adaptation the MAP options every label's model was adapted with
 */
public record Background(DiagonalGmm ubm, MapOptions adaptation) {
    /** Checks both are present. */
    public Background {
        Objects.requireNonNull(ubm, "ubm");
        Objects.requireNonNull(adaptation, "adaptation");
    }
}
