package org.cepstra.scoring.verification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.cepstra.base.AtomicFiles;
import org.cepstra.base.DecimalSyntax;

/**
 * Kaldi-style scores files, as {@code compute_min_dcf.py} reads them: one trial per line,
 * {@code <model> <utterance> <score>}, fields separated by spaces or tabs, UTF-8. The score is written in
 * the shortest decimal form that reads back to the same double ({@link Double#toString(double)}, e.g.
 * {@code -0.4375} or {@code 1.0E-5}). Target flags are not part of this format: join the scores with a
 * trials file ({@link ScoreList#labelled(TrialList)}) or use {@link ScoresJson}. Reading is strict: three
 * fields per non-blank line, a plain finite decimal score (no NaN, Inf or hex), each pair once, at least
 * one score; every problem names the file and the line.
 */
public final class ScoresFile {
    private ScoresFile() {
    }

    /**
     * Reads the scores in {@code file}, in file order, without target flags.
     *
     * @throws VerificationFileException naming the file (and line) if it cannot be read or is malformed
     */
    public static ScoreList read(Path file) throws VerificationFileException {
        return new ScoreList(PairLines.read(file, "<model> <utterance> <score>", "scores",
                (line, model, utterance, text) -> {
                    double value = DecimalSyntax.isDecimal(text) ? Double.parseDouble(text) : Double.NaN;
                    if (!Double.isFinite(value)) {
                        throw new VerificationFileException(file, line, "score " + TextLines.quote(text)
                                + " is not a finite decimal number");
                    }
                    return new Score(model, utterance, value);
                }, Score::pair));
    }

    /**
     * Writes {@code scores} to {@code file} atomically ({@link AtomicFiles}), one
     * {@code <model> <utterance> <score>} line each, LF line ends.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path file, ScoreList scores) throws IOException {
        Objects.requireNonNull(scores, "scores");
        PairLines.write(file, scores.scores(), Score::pair, s -> Double.toString(s.score()));
    }
}
