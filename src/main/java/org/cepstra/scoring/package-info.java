/**
 * Using a model set: {@link org.cepstra.scoring.Scorer} ranks the labels of an utterance by total
 * log-likelihood with calibrated posteriors, {@link org.cepstra.scoring.StreamingScorer} does the same
 * while the audio arrives (with an optional early decision), and {@link org.cepstra.scoring.Evaluator}
 * scores a labelled test set into an {@link org.cepstra.scoring.Evaluation}: accuracy, confusion
 * matrix, per-label figures and how far the posteriors can be trusted (expected calibration error,
 * Brier score, reliability table). Imports matrix, audio, features, gmm, models and corpus.
 */
package org.cepstra.scoring;
