package org.cepstra.gmm;

/** How {@link GmmTrainer} chooses the starting point of EM. */
public enum Initialization {
    /**
     * Greedy k-means++ seeding (as scikit-learn, each centre the best of several candidates drawn
     * by squared distance, but with 8·(2 + ⌊ln K⌋) candidates instead of 2 + ⌊ln K⌋, drawn from an
     * evenly strided part of max(8192, 16·K) frames of the subsample: many more draws find small
     * clusters that the potential of high-dimensional data hides) and Lloyd iterations on a
     * random subsample of
     * {@link InitOptions#kmeansSampleSize()} frames, with Euclidean distances in the features'
     * own units (as scikit-learn); the last assignment's clusters give the initial weights, means
     * and variances (as scikit-learn's {@code init_params='kmeans'} does with all frames).
     */
    KMEANS_PLUS_PLUS,
    /**
     * Mixing up (HTK HHEd MU, Kaldi DiagGmm::Split): start from one component with the global mean
     * and variance; then repeatedly double the number of components (capped at K) by splitting the
     * heaviest component, its mean moved by ±0.2 standard deviations, each doubling followed by
     * {@link InitOptions#mixupIterations()} EM iterations.
     */
    MIXUP
}
