package org.cepstra.app;

import java.io.IOException;
import java.io.Writer;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.io.kaldi.KaldiTextArchiveWriter;
import org.cepstra.matrix.FeatureMatrix;

/**
 * A Kaldi text archive ({@code copy-feats ark,t:}) as a {@link FeatureArchiveWriter}: whole entries in
 * the text of {@link KaldiTextArchiveWriter}, and entries written frame by frame in exactly the same text.
 */
public final class KaldiTextFeatureArchive implements FeatureArchiveWriter {
    private final Writer text;
    private final KaldiTextArchiveWriter writer;

    /** An archive appended to {@code text} (which the caller flushes and closes). */
    public KaldiTextFeatureArchive(Writer text) {
        this.text = Objects.requireNonNull(text, "text");
        this.writer = new KaldiTextArchiveWriter(text);
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
        String entry = KaldiTextArchiveWriter.entry(id, frames);
        return () -> writer.writeEntry(entry);
    }

    @Override
    public EntryFrames begin(String id) {
        return new Rows(text, id);
    }

    /**
     * One entry written frame by frame, in exactly the text {@link KaldiTextArchiveWriter} writes for a whole
     * matrix: {@code id  [}, then per frame a newline, two spaces and every value followed by a space, then
     * {@code ]} and a newline. The key is written with the first frame.
     */
    private static final class Rows implements EntryFrames {
        private final Writer out;
        private final String id;
        private final StringBuilder line = new StringBuilder(256);
        private long count;

        Rows(Writer out, String id) {
            this.out = out;
            this.id = id;
        }

        @Override
        public void onFrame(int frameIndex, float[] frame) {
            for (int c = 0; c < frame.length; c++) {
                if (!Float.isFinite(frame[c])) {
                    throw new IllegalArgumentException("frame " + frameIndex + " column " + c + " is " + frame[c]
                            + ": features are not finite (float samples far beyond full scale?)");
                }
            }
            line.setLength(0);
            if (count == 0) {
                line.append(id).append("  [");
            }
            line.append("\n  ");
            for (float v : frame) {
                line.append(KaldiTextArchiveWriter.formatFloat(v)).append(' ');
            }
            try {
                out.append(line);
            } catch (IOException e) {
                throw new WriteFailedException(e);
            }
            count++;
        }

        @Override
        public long framesWritten() {
            return count;
        }

        @Override
        public void end() throws IOException {
            out.write("]\n");
        }
    }
}
