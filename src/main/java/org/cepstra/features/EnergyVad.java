package org.cepstra.features;

import java.util.Objects;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Energy-based voice activity detection, as Kaldi's {@code compute-vad} and
 * {@code select-voiced-frames}.
 *
 * <p>Column 0 of the frames must be the log energy (Kaldi's MFCC with {@code use-energy}, or C0). The
 * threshold is {@code energyThreshold + energyMeanScale × mean(log energy over the utterance)}; frame
 * {@code t} is voiced if, among the frames {@code [t - context, t + context]} that exist, the number
 * whose log energy is strictly above the threshold is at least {@code proportionThreshold} times the
 * number of frames. Arithmetic is single precision as in Kaldi, except that the log-energy sum is
 * accumulated in double (Kaldi sums in single precision), which can move the threshold by a rounding
 * step in extreme cases.
 */
public final class EnergyVad {
    private final VadOptions options;

    /** A detector with the given options. */
    public EnergyVad(VadOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The options of this detector. */
    public VadOptions options() {
        return options;
    }

    /**
     * Decides for every frame whether it is voiced, from column 0 (log energy).
     *
     * @return one flag per frame; empty for a matrix with zero frames
     * @throws IllegalArgumentException if the frames have no columns
     */
    public boolean[] voicedFrames(FeatureMatrix features) {
        Objects.requireNonNull(features, "features");
        int numFrames = features.rows();
        boolean[] voiced = new boolean[numFrames];
        if (numFrames == 0) {
            return voiced;
        }
        if (features.cols() == 0) {
            throw new IllegalArgumentException("voice activity detection needs log energy in column 0; frames have no columns");
        }
        float[] logEnergy = new float[numFrames];
        double sum = 0.0;
        for (int t = 0; t < numFrames; t++) {
            logEnergy[t] = features.get(t, 0);
            sum += logEnergy[t];
        }
        float threshold = options.energyThreshold();
        if (options.energyMeanScale() != 0.0f) {
            threshold += options.energyMeanScale() * (float) sum / numFrames;
        }
        int context = options.framesContext();
        float proportion = options.proportionThreshold();
        for (int t = 0; t < numFrames; t++) {
            int from = Math.max(0, t - context);
            int to = (int) Math.min(numFrames - 1L, (long) t + context);
            int num = 0;
            for (int u = from; u <= to; u++) {
                if (logEnergy[u] > threshold) {
                    num++;
                }
            }
            int den = to - from + 1;
            voiced[t] = num >= den * proportion;
        }
        return voiced;
    }

    /**
     * Keeps the frames flagged voiced, in order, as Kaldi's {@code select-voiced-frames}. {@code features}
     * may have any number of columns (e.g. after deltas) but must have one frame per flag. If no frame is
     * voiced the result has zero frames and the same columns; callers decide what to do with it.
     *
     * @throws IllegalArgumentException if the number of frames and flags differ
     */
    public static FeatureMatrix selectVoiced(FeatureMatrix features, boolean[] voiced) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(voiced, "voiced");
        if (voiced.length != features.rows()) {
            throw new IllegalArgumentException("features have " + features.rows()
                    + " frames but the voicing decisions cover " + voiced.length);
        }
        int cols = features.cols();
        int kept = 0;
        for (boolean v : voiced) {
            if (v) {
                kept++;
            }
        }
        if (kept == features.rows()) {
            return features;
        }
        float[] out = new float[Math.multiplyExact(kept, cols)];
        int at = 0;
        int t = 0;
        while (t < voiced.length) {
            if (!voiced[t]) {
                t++;
                continue;
            }
            int runStart = t;
            while (t < voiced.length && voiced[t]) {
                t++;
            }
            int run = t - runStart;
            features.copyRows(runStart, run, out, at);
            at += run * cols;
        }
        return FeatureMatrix.wrap(kept, cols, out);
    }
}
