package org.cepstra.corpus;

import java.nio.file.Path;
import org.cepstra.base.FileLineException;

/**
 * A corpus cannot be read at all: its root folder or manifest is missing or unreadable, or a
 * manifest lacks its header or a required column. The message names the file, the line when there
 * is one, and the problem, e.g. {@code "data/train.csv line 1: no 'label' column in header"}.
 * Problems with single files or lines do not throw; they become {@link SkippedFile} reports.
 */
public final class CorpusException extends FileLineException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code file} as a whole. */
    public CorpusException(Path file, String problem) {
        super(file, 0, problem, null);
    }

    /** A problem with {@code file} as a whole, caused by {@code cause}. */
    public CorpusException(Path file, String problem, Throwable cause) {
        super(file, 0, problem, cause);
    }

    /** A problem on 1-based {@code line} of {@code file}. */
    public CorpusException(Path file, int line, String problem) {
        super(file, line, problem, null);
    }
}
