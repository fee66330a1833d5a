package org.cepstra.scoring.verification;

/**
 * The equal error rate as Kaldi's {@code compute-eer} reports it (see {@link DetCurve#kaldiEqualErrorRate()}).
 *
 * @param rate      the EER as a fraction (multiply by 100 for Kaldi's printed percentage)
 * @param threshold the target score at which it is taken
 */
public record KaldiEqualErrorRate(double rate, double threshold) {
}
