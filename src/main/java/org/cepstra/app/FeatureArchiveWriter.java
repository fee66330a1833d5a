package org.cepstra.app;

import java.io.IOException;
import java.util.Optional;
import org.cepstra.features.StreamingFrameListener;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Where a {@link FeatureArchiveJob} writes: an archive of one entry (utterance id and frames) per file,
 * appended whole or frame by frame. Only {@link #prepare} is called from worker threads; every write
 * comes from the one thread running the job, in the order of the files.
 */
public interface FeatureArchiveWriter {

    /** Why {@code id} cannot be the key of an entry in this archive, or empty if it can. */
    Optional<String> keyProblem(String id);

    /**
     * Prepares one whole entry (formats it, say) without writing anything; safe to call from any thread.
     *
     * @param id     a key with no {@link #keyProblem}
     * @param frames at least one frame, every value finite
     */
    PreparedEntry prepare(String id, FeatureMatrix frames);

    /**
     * Begins an entry written frame by frame as the frames are computed. Nothing is written before the first
     * frame, so an entry that gets no frame leaves no trace.
     */
    EntryFrames begin(String id);

    /** An entry ready to be appended. */
    interface PreparedEntry {
        /** Appends the entry to the archive. */
        void write() throws IOException;
    }

    /**
     * An entry being written one frame at a time. {@link #onFrame} throws {@link IllegalArgumentException}
     * for a frame with a NaN or infinite value and {@link WriteFailedException} when the archive itself
     * cannot be written.
     */
    interface EntryFrames extends StreamingFrameListener {
        /** Frames of this entry written so far. */
        long framesWritten();

        /** Closes the entry after its last frame. */
        void end() throws IOException;
    }

    /** The archive itself could not be written (not a problem of the input): carries the write's exception. */
    final class WriteFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Wraps the failed write's exception. */
        public WriteFailedException(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
