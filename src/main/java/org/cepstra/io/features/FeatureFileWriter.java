package org.cepstra.io.features;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.cepstra.base.AtomicFiles;
import org.cepstra.io.kaldi.KaldiTextArchiveWriter;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Writes feature files atomically ({@link AtomicFiles}): readers never see a half-written file.
 */
public final class FeatureFileWriter {

    private FeatureFileWriter() {
    }

    /**
     * Writes {@code content} to {@code target} atomically. On any failure the target is left as it was
     * and the temporary file is removed.
     */
    public static void writeAtomically(Path target, AtomicFiles.Content content) throws IOException {
        AtomicFiles.write(target, content);
    }

    /** Writes utterances (id → frames, in map order) as a Kaldi text archive, atomically. */
    public static void writeKaldiTextArchive(Path target, Map<String, FeatureMatrix> utterances) throws IOException {
        Objects.requireNonNull(utterances, "utterances");
        writeAtomically(target, out -> {
            KaldiTextArchiveWriter w = new KaldiTextArchiveWriter(out);
            for (Map.Entry<String, FeatureMatrix> e : utterances.entrySet()) {
                w.write(e.getKey(), e.getValue());
            }
            w.flush();
        });
    }
}
