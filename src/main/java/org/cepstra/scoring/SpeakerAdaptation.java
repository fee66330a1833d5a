package org.cepstra.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.GmmStatistics;
import org.cepstra.gmm.MapAdapter;
import org.cepstra.gmm.MapOptions;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateAlignment;
import org.cepstra.models.StateModels;

/**
 * Unsupervised adaptation of a model set to one speaker's utterances, in two passes: the utterances are first
 * classified with the model set as it is; then each label's model (each of its states) is MAP-adapted
 * ({@link MapAdapter}, means only by default, relevance 16) to the speaker's utterances that the first pass gave
 * that label, each aligned to the label's states as scoring aligns it; and every utterance is classified again
 * with the adapted models. An utterance never adapts the models it is scored with: its first-pass label's model
 * is adapted without it (leave one out), so a first-pass decision cannot confirm itself. A label that the first
 * pass gave to none of the speaker's other utterances keeps its model, and a speaker of one utterance is scored
 * as without adaptation, total for total.
 *
 * <p>It pays when a speaker says the same labels more than once (a keyword list read several times, a speaker's
 * recordings of digits): the speaker's other renditions of a word pull the word's states towards the speaker's
 * voice. Posteriors use the model set's calibration, which was fitted on unadapted totals. Immutable; one
 * instance can serve many threads.
 */
public final class SpeakerAdaptation {
    private final Scorer scorer;
    private final MapOptions options;
    private final ModelSet models;
    private final String[] labels;
    private final Map<String, Integer> index = new HashMap<>();
    /** Per label and state, the adapter of that state's model. */
    private final MapAdapter[][] adapters;

    /**
     * Adaptation of {@code scorer}'s models (its labels, priors and calibration rank the utterances) with
     * {@code options}.
     */
    public SpeakerAdaptation(Scorer scorer, MapOptions options) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.options = Objects.requireNonNull(options, "options");
        this.models = scorer.models();
        this.labels = models.labelNames().toArray(String[]::new);
        this.adapters = new MapAdapter[labels.length][];
        for (int l = 0; l < labels.length; l++) {
            index.put(labels[l], l);
            List<DiagonalGmm> states = models.stateModels(labels[l]);
            adapters[l] = new MapAdapter[states.size()];
            for (int s = 0; s < states.size(); s++) {
                adapters[l][s] = new MapAdapter(states.get(s), options);
            }
        }
    }

    /** The MAP options each state is adapted with. */
    public MapOptions options() {
        return options;
    }

    /**
     * The second-pass rankings of one speaker's utterances.
     *
     * @param utterances the speaker's utterances' frames, made with the model set's feature pipeline
     * @param firstPass  their rankings by {@link #scorer} as it is, in the same order
     * @throws IllegalArgumentException if the lists differ in length, or an utterance has no frames
     */
    public List<Ranking> rerank(List<FeatureMatrix> utterances, List<Ranking> firstPass) {
        if (utterances.size() != firstPass.size()) {
            throw new IllegalArgumentException(utterances.size() + " utterances but " + firstPass.size()
                    + " first-pass rankings");
        }
        int[] first = new int[utterances.size()];
        for (int i = 0; i < first.length; i++) {
            Integer l = index.get(firstPass.get(i).bestLabel());
            if (l == null) {
                throw new IllegalArgumentException("first-pass label '" + firstPass.get(i).bestLabel()
                        + "' has no model");
            }
            first[i] = l;
        }
        double[][] totals = adaptedTotals(utterances, first);
        List<Ranking> out = new ArrayList<>(totals.length);
        for (int i = 0; i < totals.length; i++) {
            out.add(scorer.rank(totals[i], utterances.get(i).rows()));
        }
        return out;
    }

    /**
     * {@code totals[i][l]}: utterance i's total log-likelihood (nats) under label l's model adapted to the other
     * utterances whose first-pass label ({@code first}, indices in {@link ModelSet#labelNames()} order) is l.
     */
    double[][] adaptedTotals(List<FeatureMatrix> utterances, int[] first) {
        int n = utterances.size();
        int numLabels = labels.length;
        StateAlignment alignment = models.stateAlignment();
        GmmScorer[][] base = new GmmScorer[numLabels][];
        List<List<Integer>> members = new ArrayList<>();
        for (int l = 0; l < numLabels; l++) {
            base[l] = scorers(models.stateModels(labels[l]));
            members.add(new ArrayList<>());
        }
        GmmStatistics[][] stats = new GmmStatistics[n][];
        for (int i = 0; i < n; i++) {
            FeatureMatrix x = utterances.get(i);
            if (x.rows() == 0) {
                throw new IllegalArgumentException("no frames to score");
            }
            int l = first[i];
            members.get(l).add(i);
            int[] bounds = StateModels.bounds(base[l], x, alignment);
            GmmStatistics[] perState = new GmmStatistics[bounds.length - 1];
            for (int s = 0; s < perState.length; s++) {
                DiagonalGmm state = adapters[l][s].ubm();
                perState[s] = new GmmStatistics(state.numComponents(), state.dimension());
                if (bounds[s + 1] > bounds[s]) {
                    perState[s].accumulate(x, bounds[s], bounds[s + 1] - bounds[s], state);
                }
            }
            stats[i] = perState;
        }
        // every label adapted to all of its utterances, all utterances scored at once batch by batch; then each
        // utterance's own first-pass label scored again, adapted without it
        GmmScorer[][] adapted = new GmmScorer[numLabels][];
        for (int l = 0; l < numLabels; l++) {
            adapted[l] = members.get(l).isEmpty() ? base[l] : adapt(l, stats, members.get(l), -1);
        }
        Scorer.LabelScorers all = models.states() == 1
                ? new Scorer.LabelScorers(java.util.Arrays.stream(adapted).map(a -> a[0]).toArray(GmmScorer[]::new), null)
                : new Scorer.LabelScorers(null, adapted);
        double[][] totals = new double[n][];
        double[] noPriors = new double[numLabels];
        int from = 0;
        int frames = 0;
        for (int i = 0; i < n; i++) {
            frames += utterances.get(i).rows();
            if (frames >= BATCH_FRAMES || i == n - 1) {
                double[][] batch = new double[i + 1 - from][numLabels];
                scorer.scoreFrames(utterances.subList(from, i + 1), all, batch, noPriors);
                System.arraycopy(batch, 0, totals, from, batch.length);
                from = i + 1;
                frames = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            int l = first[i];
            GmmScorer[] own = members.get(l).size() == 1 ? base[l] : adapt(l, stats, members.get(l), i);
            totals[i][l] = StateModels.totalLogLikelihood(own, utterances.get(i), alignment);
        }
        return totals;
    }

    /** Frames scored together at most (a little more when an utterance crosses the limit). */
    private static final int BATCH_FRAMES = 2048;

    /** Label l's states adapted to the statistics of {@code members} other than {@code leftOut}. */
    private GmmScorer[] adapt(int l, GmmStatistics[][] stats, List<Integer> members, int leftOut) {
        MapAdapter[] states = adapters[l];
        GmmScorer[] out = new GmmScorer[states.length];
        for (int s = 0; s < states.length; s++) {
            DiagonalGmm state = states[s].ubm();
            GmmStatistics sum = new GmmStatistics(state.numComponents(), state.dimension());
            for (int i : members) {
                if (i != leftOut) {
                    sum.add(stats[i][s]);
                }
            }
            out[s] = new GmmScorer(states[s].adapt(sum));
        }
        return out;
    }

    private static GmmScorer[] scorers(List<DiagonalGmm> states) {
        return states.stream().map(GmmScorer::new).toArray(GmmScorer[]::new);
    }
}
