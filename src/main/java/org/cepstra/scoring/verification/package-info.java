/**
 * Evaluating a speaker verifier from its scores, whatever produced them. Trials
 * ({@link org.cepstra.scoring.verification.TrialsFile}, Kaldi's {@code <model> <utterance> target|nontarget}
 * lists, and {@link org.cepstra.scoring.verification.TrialListMaker}, which lays out enrolment, tests and
 * trials over evaluation speakers); scores ({@link org.cepstra.scoring.verification.ScoreList}, written as
 * Kaldi text by {@link org.cepstra.scoring.verification.ScoresFile} or as JSON by
 * {@link org.cepstra.scoring.verification.ScoresJson}); figures from the detection error trade-off
 * ({@link org.cepstra.scoring.verification.DetCurve}: EER, minDCF, actual DCF, DET points); and cohort
 * score normalisation ({@link org.cepstra.scoring.verification.ScoreNormalisation}: Z-, T- and ZT-norm).
 * Imports only the ground room.
 */
package org.cepstra.scoring.verification;
