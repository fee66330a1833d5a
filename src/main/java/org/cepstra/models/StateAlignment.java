package org.cepstra.models;

import java.util.Locale;
import org.cepstra.features.SegmentParts;

/**
 * How an utterance's (or a segment's) frames are shared among the {@code S} states of its label, in order, each
 * state holding one run of consecutive frames: the parts that training fits each state on and that scoring
 * scores each state on.
 */
public enum StateAlignment {
    /**
     * Equal parts ({@link SegmentParts}): state {@code s} holds frames {@code ⌈s·T/S⌉} to {@code ⌈(s+1)·T/S⌉}
     * whatever they sound like, as a left-to-right HMM with fixed, equal durations would.
     */
    EQUAL,
    /**
     * The best left-to-right path (Viterbi): the split of the T frames into S non-empty runs, state by state,
     * whose total log-likelihood under the states is highest, as a left-to-right HMM without skips whose
     * transition probabilities are all equal scores an utterance (HTK {@code HVite} on one word); training
     * re-estimates each state on the frames such paths give it ({@code HRest}-style rounds). An utterance of
     * fewer frames than states is split into equal parts. Ties keep a frame in the earlier state.
     */
    VITERBI;

    /** The alignment's name as a user types it and a model file stores it: {@code equal}, {@code viterbi}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The alignment named {@code id} ({@link #id()}).
     *
     * @throws IllegalArgumentException if there is none of that name
     */
    public static StateAlignment of(String id) {
        for (StateAlignment a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown state alignment '" + id + "' (equal or viterbi)");
    }

    /**
     * The parts of {@code frames} frames among {@code ll.length} states: {@code bounds[s]} is the first frame of
     * state s and {@code bounds[S] = frames}. {@code ll[s][offset + t]} is frame t's log-likelihood (nats) under
     * state s; {@link #EQUAL} does not read it.
     *
     * @throws IllegalArgumentException if there are no states, or ({@link #VITERBI}) the log-likelihoods leave no
     *                                  path with a finite total
     */
    public int[] bounds(double[][] ll, int offset, int frames) {
        int states = ll.length;
        if (states < 1) {
            throw new IllegalArgumentException("no states");
        }
        if (this == EQUAL || frames < states) {
            return SegmentParts.bounds(frames, states);
        }
        int[] bounds = new int[states + 1];
        // best[s]: the best total of frames 0..t ending in state s; entered[t·S + s]: frame t opened state s
        double[] best = new double[states];
        boolean[] entered = new boolean[frames * states];
        double[] frame = new double[states];
        for (int t = 0; t < frames; t++) {
            for (int s = 0; s <= Math.min(t, states - 1); s++) {
                frame[s] = ll[s][offset + t];
            }
            advance(best, t, frame, entered, t * states);
        }
        if (!(best[states - 1] > Double.NEGATIVE_INFINITY) || Double.isNaN(best[states - 1])) {
            throw new IllegalArgumentException("no left-to-right path through " + states + " states: the frames' "
                    + "log-likelihoods are not finite");
        }
        bounds[states] = frames;
        int s = states - 1;
        for (int t = frames - 1; t > 0 && s > 0; t--) {
            if (entered[t * states + s]) {
                bounds[s] = t;
                s--;
            }
        }
        return bounds;
    }

    /**
     * One frame of the best-path search: {@code best[s]}, the best total of a left-to-right path through frames
     * 0 to t − 1 ending in state s, becomes that of frames 0 to t ({@code t = 0} starts every path in state 0);
     * {@code frame[s]} is frame t's log-likelihood under state s, read for the states a path can have reached
     * ({@code s ≤ t}). Entering a state wins a tie with staying in the one before. If {@code entered} is not null,
     * {@code entered[at + s]} is set when frame t opens state s.
     */
    public static void advance(double[] best, int t, double[] frame, boolean[] entered, int at) {
        if (t == 0) {
            java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
            best[0] = frame[0];
            return;
        }
        for (int s = Math.min(t, best.length - 1); s >= 0; s--) {
            double stay = best[s];
            double enter = s > 0 ? best[s - 1] : Double.NEGATIVE_INFINITY;
            if (enter >= stay) {
                best[s] = enter + frame[s];
                if (entered != null) {
                    entered[at + s] = true;
                }
            } else {
                best[s] = stay + frame[s];
            }
        }
    }
}
