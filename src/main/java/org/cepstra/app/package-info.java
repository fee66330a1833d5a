/**
 * The application layer: what a program built on Cepstra does with the library rooms, in one place
 * that the command line and a library user share. {@link org.cepstra.app.Recipe} names the feature
 * and training recipes ({@code standard}, {@code cross-speaker}, {@code speaker});
 * {@link org.cepstra.app.SpeakerModels} trains universal background models and enrols speakers by MAP,
 * {@link org.cepstra.app.VerificationTrials} lays out verification trials and
 * {@link org.cepstra.app.Verifier} scores them (GMM-UBM log-likelihood ratios, Z/T/ZT-norm, EER, minDCF); {@link org.cepstra.app.Classifier}
 * classifies files in batch, while streaming them, or pooled as one speaker's, with one
 * {@link org.cepstra.app.FileResult} per file (a ranking, or the reason the file was skipped);
 * {@link org.cepstra.app.CorpusEvaluation} evaluates a model set, given or trained on a split, on a labelled corpus;
 * {@link org.cepstra.app.FeatureArchiveJob} extracts the frames of many files, in parallel and in order,
 * into any {@link org.cepstra.app.FeatureArchiveWriter} (a Kaldi text archive:
 * {@link org.cepstra.app.KaldiTextFeatureArchive}), streaming long files in bounded memory.
 * Imports every library room (matrix, audio, features, gmm, corpus, models, scoring, io); only
 * {@code cli} imports it. Like the rest of the library it never prints and never exits.
 */
package org.cepstra.app;
