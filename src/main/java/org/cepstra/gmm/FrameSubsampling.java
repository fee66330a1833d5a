package org.cepstra.gmm;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Frame subsampling for training a large UBM, as Kaldi's {@code subsample-feats --n=N --offset=O} in
 * {@code sid/train_diag_ubm.sh} ({@code --subsample 5}): only frames O, O + N, O + 2N, … of each
 * utterance are kept. Neighbouring frames (10 ms apart, overlapping windows, deltas over ±2 frames)
 * are strongly correlated, so EM on every N-th frame gives nearly the same model in 1/N of the time and
 * memory. Apply it to each utterance's frames before stacking them for {@link GmmTrainer#fit}.
 *
 * @param step   N, keep every N-th frame (≥ 1; 1 keeps all)
 * @param offset O, the first frame kept (0 ≤ O &lt; N)
 */
public record FrameSubsampling(int step, int offset) {

    /** Validates the fields. */
    public FrameSubsampling {
        if (step < 1) {
            throw new IllegalArgumentException("subsampling step must be >= 1 (1 keeps every frame), got " + step);
        }
        if (offset < 0 || offset >= step) {
            throw new IllegalArgumentException("subsampling offset must lie in [0, " + step + "), got " + offset);
        }
    }

    /** Every frame. */
    public static FrameSubsampling none() {
        return new FrameSubsampling(1, 0);
    }

    /** Every {@code step}-th frame from the first (Kaldi's {@code --n=step}). */
    public static FrameSubsampling every(int step) {
        return new FrameSubsampling(step, 0);
    }

    /** Number of frames kept out of {@code frames}. */
    public int keptOf(int frames) {
        return frames <= offset ? 0 : (frames - offset + step - 1) / step;
    }

    /** The kept frames of {@code frames}, in order (the same matrix when every frame is kept). */
    public FeatureMatrix apply(FeatureMatrix frames) {
        Objects.requireNonNull(frames, "frames");
        if (step == 1) {
            return frames;
        }
        int d = frames.cols();
        int kept = keptOf(frames.rows());
        float[] out = new float[Math.multiplyExact(kept, d)];
        for (int i = 0, row = offset; i < kept; i++, row += step) {
            frames.copyRows(row, 1, out, i * d);
        }
        return FeatureMatrix.wrap(kept, d, out);
    }
}
