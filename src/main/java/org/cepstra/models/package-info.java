/**
 * One GMM per label: a {@link org.cepstra.models.ModelSet} holds the models, the feature configuration
 * they were trained with (sample rate included) and the {@link org.cepstra.models.Calibration} of their
 * posteriors; {@link org.cepstra.models.ModelSetTrainer} makes one from a corpus (frames of every
 * utterance by {@link org.cepstra.models.CorpusFeatureExtractor}, at one rate chosen by
 * {@link org.cepstra.models.SampleRates}, labels trained in parallel, posteriors calibrated on held-out
 * folds by {@link org.cepstra.models.CalibrationFitter}). Unusable files are reported, not fatal.
 * Imports matrix, audio, features, gmm and corpus.
 */
package org.cepstra.models;
