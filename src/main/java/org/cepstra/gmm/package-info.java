/**
 * Diagonal-covariance Gaussian mixture models: the model ({@link org.cepstra.gmm.DiagonalGmm}),
 * its sufficient statistics ({@link org.cepstra.gmm.GmmStatistics}), the maximum-likelihood update
 * ({@link org.cepstra.gmm.GmmUpdater}), EM training ({@link org.cepstra.gmm.GmmTrainer} with
 * {@link org.cepstra.gmm.TrainingConfig}) and model selection by BIC/AIC
 * ({@link org.cepstra.gmm.ModelSelection}). The split into model, accumulator and update follows
 * Kaldi's DiagGmm / AccumDiagGmm / MleDiagGmmUpdate.
 *
 * <p>GMM-UBM speaker verification (Reynolds, Quatieri and Dunn 2000) uses the same three parts: a
 * universal background model trained by {@link org.cepstra.gmm.GmmTrainer}, speaker models adapted from
 * it by MAP ({@link org.cepstra.gmm.MapAdapter} with {@link org.cepstra.gmm.MapOptions}, from a speaker's
 * {@link org.cepstra.gmm.GmmStatistics}), and log-likelihood ratios of test frames, exact or on each
 * frame's top-C UBM components ({@link org.cepstra.gmm.LlrScorer} with {@link org.cepstra.gmm.LlrOptions}).
 *
 * <h2>Numerics</h2>
 * <ul>
 *   <li><b>Scoring</b> ({@code DiagonalGmm.logLikelihood…}, {@code responsibilities},
 *       {@code GmmStatistics.accumulate}) is double precision throughout. The per-component term
 *       is evaluated as {@code c_k + Σ_d (x_d·s_kd + m_kd)²} with {@code s = √(½/σ²)},
 *       {@code m = −μ·s}: the same two multiply-adds per value as the {@code [x, x²]} product of
 *       Kaldi and scikit-learn, but a sum of squares, which cannot cancel catastrophically when
 *       means are large compared with deviations.</li>
 *   <li><b>Training</b> runs on the frames standardised per dimension (global mean 0, variance 1;
 *       a constant dimension keeps scale 1) and maps the model back at the end. In these units
 *       single precision is accurate to about 1e-6 relative in the log-likelihood and cannot
 *       overflow, whatever the features' magnitude (values of 1e±30 train like values of 1).
 *       The E-step (scores, log-sum-exp with a vectorised exponential accurate to 2e-7 absolute)
 *       is single precision; statistics are summed in single precision over blocks of at most
 *       512 frames and in double precision across blocks. Posteriors below 1e-13 of the best
 *       component of a frame are set to 0 (their effect on any statistic is below float
 *       resolution), which lets the statistics skip frames that do not belong to a component.</li>
 *   <li><b>Variance floors</b>: {@code max(relative × global variance, absolute)} per dimension
 *       (HTK vFloor style), and never below 1e-10 × the global variance; starved components (too
 *       few frames or too little weight, Kaldi's limits) are re-seeded by splitting the heaviest
 *       component. Training never produces NaN: impossible requests (fewer frames than
 *       components, NaN or infinite data) are refused with an {@link IllegalArgumentException}
 *       saying what to change.</li>
 * </ul>
 *
 * <h2>Determinism and threads</h2>
 * All random choices derive from {@link org.cepstra.gmm.RunOptions#seed()}. Work is cut into
 * fixed chunks of 8192 frames whatever the thread count; each thread fills its own statistics per
 * chunk and the chunks are merged in chunk order, so the model is bit-identical for a given seed
 * and data on any number of threads. Each {@code fit} creates its own thread pool and shuts it
 * down before returning.
 *
 * <h2>Memory</h2>
 * Training never holds an N × K array and never copies the data: per thread it keeps block
 * buffers of O((K + D)·512) floats, plus the k-means subsample (4·D bytes per sampled frame, at
 * most {@link org.cepstra.gmm.InitOptions#kmeansSampleSize()} frames) and per-chunk statistics.
 */
package org.cepstra.gmm;
