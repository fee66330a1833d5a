/**
 * Files in and out: model-set files (a zip of {@code .npy} arrays and a JSON header that numpy opens;
 * versioned, checked on load, written atomically by {@link org.cepstra.base.AtomicFiles}), Kaldi text
 * archives of features and Kaldi's text {@code <DiagGMM>}, CSV and {@code .npy} matrices. Every reader
 * distrusts its input and names the file, the place and the problem. Imports matrix, gmm, models and
 * features.
 */
package org.cepstra.io;
