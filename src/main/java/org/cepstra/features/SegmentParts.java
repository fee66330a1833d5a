package org.cepstra.features;

/**
 * The equal parts of an utterance's (or segment's) frames that per-part statistics use: part {@code s} of
 * {@code parts} holds the frames {@code t} with {@code ⌊t · parts / frames⌋ = s}, i.e. frames
 * {@code ⌈s · frames / parts⌉} (inclusive) to {@code ⌈(s + 1) · frames / parts⌉} (exclusive). With fewer frames
 * than parts, some parts are empty. The states of a phone model ({@code ModelSetTrainer.withStates}) and the
 * classes of an LDA ({@link LdaOptions#statesPerLabel()}) are these parts.
 */
public final class SegmentParts {
    private SegmentParts() {
    }

    /** The part of frame {@code t} of {@code frames}: {@code ⌊t · parts / frames⌋}. */
    public static int partOf(int t, int frames, int parts) {
        return (int) ((long) t * parts / frames);
    }

    /** The first frame of part {@code s} of {@code frames} (= {@code frames} for {@code s = parts}). */
    public static int start(int s, int frames, int parts) {
        return (int) (((long) s * frames + parts - 1) / parts);
    }

    /** The first frame of every part and then {@code frames}: {@code bounds[s] = start(s, frames, parts)}, s ≤ parts. */
    public static int[] bounds(int frames, int parts) {
        int[] bounds = new int[parts + 1];
        for (int s = 0; s <= parts; s++) {
            bounds[s] = start(s, frames, parts);
        }
        return bounds;
    }
}
