package org.cepstra.scoring.verification;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.Objects;
import org.cepstra.base.AtomicFiles;

/**
 * Kaldi trials files, as the {@code sid/} recipes, {@code compute-eer} and {@code compute_min_dcf.py} use
 * them: one trial per line, {@code <model> <utterance> target|nontarget}, fields separated by spaces or
 * tabs, UTF-8. Reading is strict: every non-blank line must have exactly three fields, the label must be
 * {@code target} or {@code nontarget} (lower case), a (model, utterance) pair may appear once, and the
 * file must hold at least one trial. Blank lines are skipped; lines may end in LF, CR LF or CR; a line
 * longer than 65536 bytes is refused. Every problem names the file and the line.
 */
public final class TrialsFile {
    private TrialsFile() {
    }

    /**
     * Reads the trials in {@code file}, in file order.
     *
     * @throws VerificationFileException naming the file (and line) if it cannot be read or is malformed
     */
    public static TrialList read(Path file) throws VerificationFileException {
        return read(file, line -> { });
    }

    /**
     * The line number (1-based, counting blank lines) of each trial of {@code file}, in the order
     * {@link #read(Path)} returns the trials, so that a message about a trial can name its line.
     *
     * @throws VerificationFileException as {@link #read(Path)}
     */
    public static long[] lineNumbers(Path file) throws VerificationFileException {
        List<Long> lines = new ArrayList<>();
        read(file, lines::add);
        return lines.stream().mapToLong(Long::longValue).toArray();
    }

    private static TrialList read(Path file, LongConsumer lineOfEachTrial) throws VerificationFileException {
        return new TrialList(PairLines.read(file, "<model> <utterance> target|nontarget", "trials",
                (line, model, utterance, label) -> {
                    lineOfEachTrial.accept(line);
                    if (!label.equals(Trial.TARGET) && !label.equals(Trial.NONTARGET)) {
                        throw new VerificationFileException(file, line,
                                "third field must be 'target' or 'nontarget', found " + TextLines.quote(label));
                    }
                    return new Trial(model, utterance, label.equals(Trial.TARGET));
                }, Trial::pair));
    }

    /**
     * Writes {@code trials} to {@code file} atomically ({@link AtomicFiles}), one
     * {@code <model> <utterance> target|nontarget} line each, LF line ends.
     *
     * @throws IOException naming the file if it cannot be written
     */
    public static void write(Path file, TrialList trials) throws IOException {
        Objects.requireNonNull(trials, "trials");
        PairLines.write(file, trials.trials(), Trial::pair, Trial::label);
    }
}
