package org.cepstra.app;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.io.kaldi.KaldiTextArchiveWriter;
import org.cepstra.matrix.FeatureMatrix;

/**
 * A Kaldi text archive ({@code copy-feats ark,t:}) as a {@link FeatureArchiveWriter}: whole entries and
 * entries written frame by frame both in the text of {@link KaldiTextArchiveWriter}, which owns the format;
 * this class only adapts it to the job.
 */
public final class KaldiTextFeatureArchive implements FeatureArchiveWriter {
    private final KaldiTextArchiveWriter writer;

    /** An archive appended to {@code text} (which the caller flushes and closes). */
    public KaldiTextFeatureArchive(Writer text) {
        this.writer = new KaldiTextArchiveWriter(Objects.requireNonNull(text, "text"));
    }

    @Override
    public Optional<String> keyProblem(String id) {
        try {
            KaldiTextArchiveWriter.entry(id, FeatureMatrix.empty(1));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public PreparedEntry prepare(String id, FeatureMatrix frames) {
        return new Prepared(writer, KaldiTextArchiveWriter.entry(id, frames));
    }

    /**
     * One entry formatted and waiting for its turn to be written (a named class, not a lambda, so that the
     * launcher's class-data archive holds it whatever code path the archive's dump run took).
     */
    private record Prepared(KaldiTextArchiveWriter writer, String entry) implements PreparedEntry {
        @Override
        public void write() throws java.io.IOException {
            writer.writeEntry(entry);
        }
    }

    @Override
    public EntryFrames begin(String id) {
        return new Rows(writer.beginEntry(id));
    }

    /** One entry written frame by frame: the job's frame listener on a {@link KaldiTextArchiveWriter.EntryRows}. */
    private static final class Rows implements EntryFrames {
        private final KaldiTextArchiveWriter.EntryRows rows;

        Rows(KaldiTextArchiveWriter.EntryRows rows) {
            this.rows = rows;
        }

        @Override
        public void onFrame(int frameIndex, float[] frame) {
            for (int c = 0; c < frame.length; c++) {
                if (!Float.isFinite(frame[c])) {
                    throw new IllegalArgumentException("frame " + frameIndex + " column " + c + " is " + frame[c]
                            + ": features are not finite (float samples far beyond full scale?)");
                }
            }
            try {
                rows.writeFrame(frame);
            } catch (IOException e) {
                throw new WriteFailedException(e);
            }
        }

        @Override
        public long framesWritten() {
            return rows.framesWritten();
        }

        @Override
        public void end() throws IOException {
            rows.end();
        }
    }
}
