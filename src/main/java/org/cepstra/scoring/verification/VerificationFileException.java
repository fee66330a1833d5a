package org.cepstra.scoring.verification;

import java.nio.file.Path;
import org.cepstra.base.FileLineException;

/**
 * A trials or scores file cannot be used: it is missing, unreadable, not UTF-8, empty, or a line is
 * malformed. The message names the file, the line when there is one, and the problem, e.g.
 * {@code "data/trials line 7: third field must be 'target' or 'nontarget', found 'tgt'"}.
 */
public final class VerificationFileException extends FileLineException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code file} as a whole. */
    public VerificationFileException(Path file, String problem) {
        super(file, 0, problem, null);
    }

    /** A problem with {@code file} as a whole, caused by {@code cause}. */
    public VerificationFileException(Path file, String problem, Throwable cause) {
        super(file, 0, problem, cause);
    }

    /** A problem on 1-based {@code line} of {@code file}. */
    public VerificationFileException(Path file, long line, String problem) {
        super(file, line, problem, null);
    }
}
