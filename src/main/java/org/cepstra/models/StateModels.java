package org.cepstra.models;

import java.util.ArrayList;
import java.util.List;
import org.cepstra.features.SegmentParts;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Labels modelled in states, as the emitting states of a left-to-right HMM: an utterance (a segment) is shared
 * among {@code S} states in order ({@link StateAlignment}: equal parts, or the best path) and part {@code s} is
 * scored by the label's state {@code s}. A label's model in the {@link ModelSet} is the union of its states, each
 * state's weights divided by {@code S}, components state by state: the model of a frame whose position is
 * not known (frame classification, streaming), and the form the states are stored in.
 */
public final class StateModels {
    /** A state's weights must sum to {@code 1/S} within this (times {@code 1/S}). */
    static final double WEIGHT_SUM_TOLERANCE = 1e-9;

    private StateModels() {
    }

    /**
     * The union of {@code states} (equal numbers of components, equal dimensions): weights divided by the
     * number of states, components state by state.
     *
     * @throws IllegalArgumentException if the states differ in components or dimension
     */
    public static DiagonalGmm union(List<DiagonalGmm> states) {
        int s = states.size();
        int k = states.get(0).numComponents();
        int d = states.get(0).dimension();
        double[] w = new double[s * k];
        double[][] mu = new double[s * k][];
        double[][] var = new double[s * k][];
        for (int i = 0; i < s; i++) {
            DiagonalGmm g = states.get(i);
            if (g.numComponents() != k || g.dimension() != d) {
                throw new IllegalArgumentException("the states of a label need equal numbers of components and "
                        + "dimensions: state 0 has " + k + " x " + d + ", state " + i + " " + g.numComponents() + " x "
                        + g.dimension());
            }
            double[] gw = g.weights();
            double[][] gm = g.means();
            double[][] gv = g.variances();
            for (int c = 0; c < k; c++) {
                w[i * k + c] = gw[c] / s;
                mu[i * k + c] = gm[c];
                var[i * k + c] = gv[c];
            }
        }
        return new DiagonalGmm(w, mu, var);
    }

    /**
     * The {@code states} states of {@code union} (as {@link #union} makes it): each block of
     * {@code K / states} components, its weights times {@code states}.
     *
     * @throws IllegalArgumentException if the components do not divide into {@code states} blocks whose
     *                                  weights sum to {@code 1 / states}
     */
    public static List<DiagonalGmm> split(DiagonalGmm union, int states) {
        if (states == 1) {
            return List.of(union);
        }
        int total = union.numComponents();
        if (total % states != 0) {
            throw new IllegalArgumentException("a model of " + states + " states needs a multiple of " + states
                    + " components, this one has " + total);
        }
        int k = total / states;
        double[] w = union.weights();
        double[][] mu = union.means();
        double[][] var = union.variances();
        List<DiagonalGmm> out = new ArrayList<>(states);
        for (int i = 0; i < states; i++) {
            double[] sw = new double[k];
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sw[c] = w[i * k + c] * states;
                sum += sw[c];
            }
            if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE * states) {
                throw new IllegalArgumentException("state " + i + " of a " + states + "-state model has weights "
                        + "summing to " + sum / states + ", not 1/" + states);
            }
            double[][] sm = new double[k][];
            double[][] sv = new double[k][];
            for (int c = 0; c < k; c++) {
                sm[c] = mu[i * k + c];
                sv[c] = var[i * k + c];
            }
            out.add(new DiagonalGmm(sw, sm, sv));
        }
        return out;
    }

    /**
     * Total log-likelihood (nats) of an utterance's frames under a label's states: each part of the frames
     * ({@code alignment}) scored by its state.
     */
    public static double totalLogLikelihood(List<DiagonalGmm> states, FeatureMatrix frames, StateAlignment alignment) {
        return totalLogLikelihood(states.stream().map(GmmScorer::new).toArray(GmmScorer[]::new), frames, alignment);
    }

    /**
     * As {@link #totalLogLikelihood(List, FeatureMatrix, StateAlignment)} with the states' scorers (used on one
     * thread at a time: their buffers are shared). Each part's frames are added up as
     * {@link GmmScorer#totalLogLikelihood} adds them, then the parts in order, so that every way of scoring an
     * utterance gives the same total bit for bit.
     */
    public static double totalLogLikelihood(GmmScorer[] states, FeatureMatrix frames, StateAlignment alignment) {
        int s = states.length;
        if (s == 1) {
            return states[0].totalLogLikelihood(frames);
        }
        int n = frames.rows();
        if (alignment == StateAlignment.EQUAL) {
            int[] bounds = SegmentParts.bounds(n, s);
            double total = 0;
            for (int i = 0; i < s; i++) {
                if (bounds[i + 1] > bounds[i]) {
                    total += states[i].totalLogLikelihood(frames.rowRange(bounds[i], bounds[i + 1]));
                }
            }
            return total;
        }
        double[][] ll = frameLogLikelihoods(states, frames);
        return partsTotal(ll, 0, alignment.bounds(ll, 0, n));
    }

    /**
     * {@code ll[s][t]}: frame t's log-likelihood under state s, each block of frames laid out once for all the states
     * ({@link GmmScorer#logLikelihoods(FeatureMatrix, GmmScorer[], double[][])}, the same values bit for bit).
     */
    private static double[][] frameLogLikelihoods(GmmScorer[] states, FeatureMatrix frames) {
        double[][] ll = new double[states.length][frames.rows()];
        states[0].logLikelihoods(frames, states, ll);
        return ll;
    }

    /**
     * The total of the parts {@code bounds} ({@link StateAlignment#bounds}) of one utterance whose frame t has the
     * log-likelihood {@code ll[s][offset + t]} under state s: each part's frames added up as
     * {@link GmmScorer#totalOf} adds them, then the parts in order.
     */
    public static double partsTotal(double[][] ll, int offset, int[] bounds) {
        double total = 0;
        for (int i = 0; i + 1 < bounds.length; i++) {
            int r = bounds[i + 1] - bounds[i];
            if (r > 0) {
                total += GmmScorer.totalOf(ll[i], offset + bounds[i], r);
            }
        }
        return total;
    }

    /**
     * The parts of each utterance among {@code states} ({@link StateAlignment#bounds}), for training: equal parts,
     * or each utterance's best path under the states' current models.
     */
    public static int[] bounds(GmmScorer[] states, FeatureMatrix frames, StateAlignment alignment) {
        int n = frames.rows();
        if (alignment == StateAlignment.EQUAL || n < states.length) {
            return SegmentParts.bounds(n, states.length);
        }
        return alignment.bounds(frameLogLikelihoods(states, frames), 0, n);
    }
}
