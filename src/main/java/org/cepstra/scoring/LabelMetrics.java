package org.cepstra.scoring;

/**
 * Per-label results of an evaluation.
 *
 * @param label     the label
 * @param support   test utterances whose true label this is
 * @param precision of the utterances classified as this label, the fraction that truly are (NaN if none)
 * @param recall    of the utterances that truly are this label, the fraction classified as it (NaN if none)
 */
public record LabelMetrics(String label, int support, double precision, double recall) {
}
