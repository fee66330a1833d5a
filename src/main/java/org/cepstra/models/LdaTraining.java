package org.cepstra.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cepstra.base.ParallelMap;
import org.cepstra.features.FeatureTransform;
import org.cepstra.features.LdaEstimator;
import org.cepstra.features.LdaOptions;
import org.cepstra.features.SegmentParts;
import org.cepstra.matrix.FeatureMatrix;

/**
 * The LDA stage of model-set training: estimates the projection from the training utterances (classes: the
 * labels, each segment cut into {@link LdaOptions#statesPerLabel()} parts by position) and projects every
 * utterance's frames with it. The statistics are gathered on fixed chunks of utterances merged in chunk
 * order, so the projection does not depend on the thread count.
 */
final class LdaTraining {
    /** Utterances per chunk of the statistics. */
    private static final int CHUNK = 512;
    /** Frames projected together: enough for the transform's block form. */
    private static final int BATCH_FRAMES = 512;

    private LdaTraining() {
    }

    /**
     * The projection estimated from {@code utterances} (frames before the transform).
     *
     * @throws IllegalArgumentException if the frames cannot be projected as asked (fewer than two classes,
     *                                  more dimensions than the frames have)
     */
    static LdaEstimator.Result estimate(List<UtteranceFrames> utterances, LdaOptions options, int threads) {
        int dims = utterances.get(0).frames().cols();
        if (options.dims() > dims) {
            throw new IllegalArgumentException("--lda " + options.dims() + " asks for more dimensions than the "
                    + dims + " of the spliced frames");
        }
        Map<String, Integer> labelIndex = new TreeMap<>();
        utterances.forEach(u -> labelIndex.put(u.utterance().label(), 0));
        int next = 0;
        for (Map.Entry<String, Integer> e : labelIndex.entrySet()) {
            e.setValue(next++);
        }
        int states = options.statesPerLabel();
        int classes = labelIndex.size() * states;
        List<List<UtteranceFrames>> chunks = new ArrayList<>();
        for (int i = 0; i < utterances.size(); i += CHUNK) {
            chunks.add(utterances.subList(i, Math.min(utterances.size(), i + CHUNK)));
        }
        List<LdaEstimator> parts = ParallelMap.map(chunks, threads, "cepstra-lda", chunk -> {
            LdaEstimator e = new LdaEstimator(dims, classes);
            for (UtteranceFrames u : chunk) {
                int base = labelIndex.get(u.utterance().label()) * states;
                int n = u.frames().rows();
                for (int s = 0; s < states; s++) {
                    e.add(base + s, u.frames(), SegmentParts.start(s, n, states), SegmentParts.start(s + 1, n, states));
                }
            }
            return e;
        });
        LdaEstimator all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all.add(parts.get(i));
        }
        return all.estimate(options.dims());
    }

    /**
     * Every utterance with its frames projected by {@code transform}, in the same order. Short utterances (phone
     * segments) are projected together, {@link #BATCH_FRAMES} frames or more at a time, for the transform's
     * block-at-a-time form (the same values as frame by frame); each keeps a view of its batch's frames.
     */
    static List<UtteranceFrames> project(List<UtteranceFrames> utterances, FeatureTransform transform, int threads) {
        List<List<UtteranceFrames>> projected = ParallelMap.map(UtteranceFrames.batches(utterances, BATCH_FRAMES),
                threads, "cepstra-lda", batch -> {
            List<FeatureMatrix> parts = new ArrayList<>(batch.size());
            batch.forEach(u -> parts.add(u.frames()));
            FeatureMatrix all = transform.apply(parts.size() == 1 ? parts.get(0) : FeatureMatrix.stack(parts));
            List<UtteranceFrames> out = new ArrayList<>(batch.size());
            int at = 0;
            for (UtteranceFrames u : batch) {
                int n = u.frames().rows();
                out.add(new UtteranceFrames(u.utterance(), all.rowView(at, at + n)));
                at += n;
            }
            return out;
        });
        List<UtteranceFrames> out = new ArrayList<>(utterances.size());
        projected.forEach(out::addAll);
        return out;
    }
}
