package org.cepstra.scoring.verification;

/**
 * The error rates of a verifier that accepts a trial when its score is at least {@code threshold}.
 *
 * @param threshold the decision threshold (score units); {@code +Infinity} rejects every trial
 * @param pMiss     the miss (false rejection) rate: the fraction of target trials scored below the threshold
 * @param pFa       the false-alarm (false acceptance) rate: the fraction of non-target trials scored at or
 *                  above the threshold
 */
public record OperatingPoint(double threshold, double pMiss, double pFa) {
}
