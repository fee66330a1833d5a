/**
 * Kaldi's text formats under one roof: feature archives ({@code copy-feats ark,t:}) read and written
 * whole or frame by frame, the text {@code <DiagGMM>} of a diagonal GMM, the tables of a Kaldi data
 * folder ({@code wav.scp}, {@code segments}, {@code utt2spk}, {@code text}: a key, whitespace and the
 * rest of the line) and the {@code --name=value} lines of Kaldi config files such as {@code mfcc.conf}.
 * Readers return plain values and name the file, the line and the problem; what the values mean to a
 * corpus or a feature configuration is decided in {@code corpus} and {@code features}. Imports base,
 * matrix and gmm.
 */
package org.cepstra.io.kaldi;
