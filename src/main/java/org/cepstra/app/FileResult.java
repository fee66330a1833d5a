package org.cepstra.app;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.scoring.Decision;
import org.cepstra.scoring.Ranking;

/**
 * What classifying one file gave: the ranking of its labels ({@link Ranked}), or the reason it could not
 * be classified ({@link Skipped}).
 */
public sealed interface FileResult permits FileResult.Ranked, FileResult.Skipped {

    /** The audio file this result is about, as it was given. */
    Path file();

    /**
     * A classified file.
     *
     * @param file     the audio file
     * @param ranking  every label's total log-likelihood and posterior over the file's frames, best first
     * @param decision when streamed: the early decision, if the best label's posterior stayed above the
     *                 threshold long enough; otherwise empty
     */
    record Ranked(Path file, Ranking ranking, Optional<Decision> decision) implements FileResult {
        /** Checks that nothing is missing. */
        public Ranked {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(ranking, "ranking");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /**
     * A file that could not be classified.
     *
     * @param file   the audio file
     * @param reason the problem in words, without the file's name ({@code not a RIFF/WAVE file ...})
     */
    record Skipped(Path file, String reason) implements FileResult {
        /** Checks that nothing is missing. */
        public Skipped {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }

        /** The same report as a corpus's skipped file. */
        public SkippedFile toSkippedFile() {
            return new SkippedFile(file, reason);
        }
    }
}
