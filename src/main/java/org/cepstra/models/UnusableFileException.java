package org.cepstra.models;

import java.util.Objects;
import org.cepstra.corpus.SkippedFile;

/**
 * A corpus file (or segment) could not be used and the extraction was asked to stop at the first
 * such problem instead of reporting and skipping it ({@code strict} mode of
 * {@link CorpusFeatureExtractor} and {@link ModelSetTrainer}). The message is the skip report:
 * {@code "<file>: <reason>"}, e.g. {@code "corpus/3_a_1.wav: data chunk ends at byte 812, header says 4096 bytes ..."}.
 */
public final class UnusableFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient SkippedFile report;

    /** An exception carrying {@code report} (the file and the reason it could not be used). */
    public UnusableFileException(SkippedFile report) {
        super(Objects.requireNonNull(report, "report").toString());
        this.report = report;
    }

    /** The file at fault and the reason, as a non-strict run would have reported it. */
    public SkippedFile report() {
        return report;
    }
}
