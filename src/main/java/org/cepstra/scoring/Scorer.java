package org.cepstra.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cepstra.audio.Audio;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.SegmentParts;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.matrix.FeatureMatrix;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateAlignment;
import org.cepstra.models.StateModels;

/**
 * Classifies utterances with a {@link ModelSet}: the total log-likelihood of the utterance's frames
 * under each label's GMM (with several states per label, part {@code s} of the frames under state {@code s}:
 * {@link org.cepstra.models.StateModels}), ranked, with posteriors over labels (softmax of the totals times the model
 * set's calibration scale, plus optional log priors; see {@link org.cepstra.models.Calibration}).
 * Immutable and thread-safe: one scorer can serve many threads.
 */
public final class Scorer {
    private final ModelSet models;
    private final FeaturePipeline pipeline;
    private final String[] labels;
    /** Per label, the model's scoring terms; only read (through {@link GmmScorer#withOwnBuffers()}). */
    private final GmmScorer[] gmms;
    /** Per label, its states' scoring terms when the model set has more than one state per label; else null. */
    private final GmmScorer[][] stateGmms;
    private final double[] logPriors;

    /** How this scorer makes frames from audio: the model set's {@link ModelSet#featurePipeline()}. */
    FeaturePipeline pipeline() {
        return pipeline;
    }

    /** A scorer with equal priors. */
    public Scorer(ModelSet models) {
        this(models, Map.of());
    }

    /**
     * A scorer with prior probabilities per label (labels not named get the remaining mass shared
     * equally; an empty map means equal priors).
     *
     * @throws IllegalArgumentException if a prior is not in (0, 1], names an unknown label, or they sum above 1
     */
    public Scorer(ModelSet models, Map<String, Double> priors) {
        this(models, null, priors);
    }

    /** A scorer of {@code models} whose labels have the log priors of {@code base}'s labels of the same name. */
    private Scorer(ModelSet models, Scorer base, Map<String, Double> priors) {
        this.models = Objects.requireNonNull(models, "models");
        this.pipeline = models.featurePipeline();
        this.labels = models.labelNames().toArray(String[]::new);
        this.gmms = new GmmScorer[labels.length];
        for (int i = 0; i < labels.length; i++) {
            gmms[i] = new GmmScorer(models.model(labels[i]));
        }
        if (models.states() > 1) {
            this.stateGmms = new GmmScorer[labels.length][];
            for (int i = 0; i < labels.length; i++) {
                stateGmms[i] = models.stateModels(labels[i]).stream().map(GmmScorer::new).toArray(GmmScorer[]::new);
            }
        } else {
            this.stateGmms = null;
        }
        if (base == null) {
            this.logPriors = logPriors(labels, priors);
        } else {
            this.logPriors = new double[labels.length];
            List<String> baseLabels = List.of(base.labels);
            for (int i = 0; i < labels.length; i++) {
                logPriors[i] = base.logPriors[baseLabels.indexOf(labels[i])];
            }
        }
    }

    /**
     * This scorer without the labels {@code left out} as candidates ({@link ModelSet#withoutLabels}); the other
     * labels keep their priors (the softmax renormalises them).
     *
     * @throws IllegalArgumentException if no label would be left
     */
    public Scorer withoutLabels(java.util.Set<String> leftOut) {
        return new Scorer(models.withoutLabels(leftOut), this, Map.of());
    }

    private static double[] logPriors(String[] labels, Map<String, Double> priors) {
        double[] lp = new double[labels.length];
        if (priors.isEmpty()) {
            return lp; // equal priors cancel in the softmax
        }
        double named = 0;
        int unnamed = 0;
        for (String label : labels) {
            Double p = priors.get(label);
            if (p == null) {
                unnamed++;
            } else {
                if (!(p > 0 && p <= 1)) {
                    throw new IllegalArgumentException("prior of label '" + label + "' must be in (0, 1], got " + p);
                }
                named += p;
            }
        }
        for (String name : priors.keySet()) {
            if (java.util.Arrays.stream(labels).noneMatch(name::equals)) {
                throw new IllegalArgumentException("prior given for unknown label '" + name + "'");
            }
        }
        if (named > 1 + 1e-9) {
            throw new IllegalArgumentException("priors sum to " + named + ", more than 1");
        }
        double rest = unnamed == 0 ? 0 : Math.max(1 - named, 0) / unnamed;
        for (int i = 0; i < labels.length; i++) {
            Double p = priors.get(labels[i]);
            lp[i] = Math.log(p != null ? p : rest);
        }
        return lp;
    }

    /** The model set this scorer uses. */
    public ModelSet models() {
        return models;
    }

    /**
     * Ranks the labels for frames already extracted with the model set's feature configuration.
     *
     * @throws IllegalArgumentException if there are no frames or their dimension is wrong
     */
    public Ranking score(FeatureMatrix frames) {
        if (frames.rows() == 0) {
            throw new IllegalArgumentException("no frames to score");
        }
        int dim = models.featureConfig().dimension();
        if (frames.cols() != dim) {
            throw new IllegalArgumentException("frames have " + frames.cols() + " dimensions, the models expect " + dim);
        }
        double[] totals = new double[labels.length];
        LabelScorers own = ownScorers();
        for (int i = 0; i < labels.length; i++) {
            totals[i] = own.states == null ? own.frames[i].totalLogLikelihood(frames)
                    : StateModels.totalLogLikelihood(own.states[i], frames, models.stateAlignment());
        }
        return rank(totals, frames.rows());
    }

    /**
     * Classifies every frame on its own: for each frame, the index (in {@link ModelSet#labelNames()} order) of
     * the label whose model gives it the highest log-likelihood plus log prior (ties: the first label). With
     * several states per label, the frames are one utterance and each frame is scored by the state of its part.
     *
     * @throws IllegalArgumentException if the frames' dimension is wrong
     */
    public int[] bestLabelPerFrame(FeatureMatrix frames) {
        return scoreFrames(frames, ownScorers(), null, logPriors);
    }

    /**
     * This scorer with each label's prior its share of the training utterances (segments) of the model set
     * ({@link ModelSet#labels()}): a Bayes decision for utterances drawn as the training ones were.
     *
     * @throws IllegalArgumentException if the model set does not record what each label was trained on
     */
    public Scorer withTrainingPriors() {
        Map<String, Double> priors = new java.util.HashMap<>();
        double[] counts = trainingCounts(false);
        double sum = java.util.Arrays.stream(counts).sum();
        for (int i = 0; i < labels.length; i++) {
            priors.put(labels[i], counts[i] / sum);
        }
        return new Scorer(models, priors);
    }

    /** Log of each label's share of the training frames (model-set order), for frame-by-frame decisions. */
    double[] trainingFrameLogPriors() {
        double[] counts = trainingCounts(true);
        double sum = java.util.Arrays.stream(counts).sum();
        double[] lp = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            lp[i] = Math.log(counts[i] / sum);
        }
        return lp;
    }

    private double[] trainingCounts(boolean frames) {
        Map<String, org.cepstra.models.LabelSummary> byLabel = new java.util.HashMap<>();
        models.labels().forEach(l -> byLabel.put(l.label(), l));
        double[] counts = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            org.cepstra.models.LabelSummary l = byLabel.get(labels[i]);
            if (l == null || (frames ? l.frames() : l.utterances()) <= 0) {
                throw new IllegalArgumentException("the model set does not record what label '" + labels[i]
                        + "' was trained on, so there are no training priors");
            }
            counts[i] = frames ? l.frames() : l.utterances();
        }
        return counts;
    }

    /**
     * Scorers with buffers of their own, for one thread to reuse: per label (model-set order) its model, and
     * its states' models when there are several states per label (else null).
     */
    record LabelScorers(GmmScorer[] frames, GmmScorer[][] states) {
        /** The scorer of label {@code label}'s part (state) {@code part}: its one mixture without states. */
        GmmScorer of(int label, int part) {
            return states == null ? frames[label] : states[label][part];
        }
    }

    /** Scorers with buffers of their own for every label, for one thread to reuse. */
    LabelScorers ownScorers() {
        GmmScorer[] own = new GmmScorer[labels.length];
        GmmScorer[][] ownStates = stateGmms == null ? null : new GmmScorer[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            own[i] = gmms[i].withOwnBuffers();
            if (ownStates != null) {
                ownStates[i] = new GmmScorer[stateGmms[i].length];
                for (int s = 0; s < ownStates[i].length; s++) {
                    ownStates[i][s] = stateGmms[i][s].withOwnBuffers();
                }
            }
        }
        return new LabelScorers(own, ownStates);
    }

    /**
     * {@link #bestLabelPerFrame} with the scorers {@code own} ({@link #ownScorers()}) and the log priors
     * {@code frameLogPriors} (model-set order); when {@code totals} is not null, also fills it with each label's
     * total log-likelihood, the same bit for bit as {@link #score}. With several states per label, a frame is
     * scored by the state of its part of the utterance (its position in the segment), as the totals are.
     */
    int[] scoreFrames(FeatureMatrix frames, LabelScorers scorers, double[] totals, double[] frameLogPriors) {
        return scoreFrames(List.of(frames), scorers, totals == null ? null : new double[][] {totals},
                frameLogPriors)[0];
    }

    /**
     * {@link #scoreFrames(FeatureMatrix, LabelScorers, double[], double[])} for several utterances at once, with
     * the same results bit for bit: the frames one mixture scores (every frame of the batch with one state per
     * label; part s of every utterance for state s) are gathered and scored together as blocks, so that many
     * short utterances (phone segments of a few frames) fill the vectorised loops instead of each being scored
     * one frame at a time. Each frame's log-likelihood does not depend on the frames scored with it, and each
     * utterance's total is added up from its own frames as {@link GmmScorer#totalOf} says.
     *
     * @param totals when not null, {@code totals[u]} (one value per label) receives utterance u's totals
     * @return per utterance, each frame's best label (index in {@link ModelSet#labelNames()} order)
     * @throws IllegalArgumentException if an utterance's frames have the wrong dimension
     */
    int[][] scoreFrames(List<FeatureMatrix> batch, LabelScorers scorers, double[][] totals, double[] frameLogPriors) {
        int dim = models.featureConfig().dimension();
        int count = batch.size();
        int parts = scorers.states == null ? 1 : models.states();
        // Viterbi: every state scores every frame, the parts come from the scores, label by label; otherwise
        // the parts are known before scoring and state s scores only the frames of part s
        boolean everyFrame = parts > 1 && models.stateAlignment() != StateAlignment.EQUAL;
        int[][] equalBounds = new int[count][];
        int[] partRows = new int[parts];
        for (int u = 0; u < count; u++) {
            FeatureMatrix frames = batch.get(u);
            if (frames.cols() != dim) {
                throw new IllegalArgumentException("frames have " + frames.cols() + " dimensions, the models expect "
                        + dim);
            }
            int n = frames.rows();
            equalBounds[u] = SegmentParts.bounds(n, parts);
            for (int s = 0; s < parts; s++) {
                partRows[s] += everyFrame ? n : equalBounds[u][s + 1] - equalBounds[u][s];
            }
        }
        // gathered[s]: the frames state s scores, utterance by utterance; start[s][u]: where u's run begins there,
        // first[s][u]: the frame of u that begins it
        FeatureMatrix[] gathered = new FeatureMatrix[parts];
        int[][] start = new int[parts][count];
        int[][] first = new int[parts][count];
        int longest = 0;
        for (int s = 0; s < parts; s++) {
            if (everyFrame && s > 0) {
                gathered[s] = gathered[0];
                start[s] = start[0];
                first[s] = first[0];
                continue;
            }
            float[] rows = new float[Math.multiplyExact(partRows[s], dim)];
            int at = 0;
            for (int u = 0; u < count; u++) {
                int from = everyFrame ? 0 : equalBounds[u][s];
                int r = (everyFrame ? batch.get(u).rows() : equalBounds[u][s + 1]) - from;
                batch.get(u).copyRows(from, r, rows, at * dim);
                start[s][u] = at;
                first[s][u] = from;
                at += r;
            }
            gathered[s] = FeatureMatrix.wrap(partRows[s], dim, rows);
            longest = Math.max(longest, partRows[s]);
        }
        double[][] best = new double[count][];
        int[][] index = new int[count][];
        for (int u = 0; u < count; u++) {
            best[u] = new double[batch.get(u).rows()];
            index[u] = new int[best[u].length];
            java.util.Arrays.fill(best[u], Double.NEGATIVE_INFINITY);
        }
        // each label's log-likelihoods of its gathered frames: all labels at once, each block of frames laid out once
        // for all of them, unless that would hold too many values; then label by label in one buffer
        long values = 0;
        for (int s = 0; s < parts; s++) {
            values += (long) labels.length * partRows[s];
        }
        boolean allAtOnce = values <= ALL_LABELS_MAX_VALUES;
        double[][][] all = allAtOnce ? new double[labels.length][parts][] : null;
        if (allAtOnce) {
            // every state scores the same gathered frames under Viterbi: they are then laid out once for all states
            int runs = everyFrame ? 1 : parts;
            int perRun = everyFrame ? parts : 1;
            for (int run = 0; run < runs; run++) {
                if (partRows[run] == 0) {
                    continue;
                }
                GmmScorer[] mixtures = new GmmScorer[labels.length * perRun];
                double[][] out = new double[mixtures.length][];
                for (int i = 0; i < labels.length; i++) {
                    for (int p = 0; p < perRun; p++) {
                        int s = run + p;
                        int m = i * perRun + p;
                        mixtures[m] = scorers.of(i, s);
                        out[m] = new double[partRows[s]];
                        all[i][s] = out[m];
                    }
                }
                mixtures[0].logLikelihoods(gathered[run], mixtures, out);
            }
        }
        double[][] buffer = allAtOnce ? null : new double[parts][longest];
        for (int i = 0; i < labels.length; i++) {
            double[][] ll = allAtOnce ? all[i] : buffer;
            for (int s = 0; s < parts && !allAtOnce; s++) {
                if (partRows[s] > 0) {
                    scorers.of(i, s).logLikelihoods(gathered[s], ll[s]);
                }
            }
            for (int u = 0; u < count; u++) {
                int[] bounds = everyFrame ? models.stateAlignment().bounds(ll, start[0][u], batch.get(u).rows())
                        : equalBounds[u];
                double total = 0;
                double[] b = best[u];
                for (int s = 0; s < parts; s++) {
                    int r = bounds[s + 1] - bounds[s];
                    if (r == 0) {
                        continue;
                    }
                    int at = start[s][u] + bounds[s] - first[s][u];
                    total += GmmScorer.totalOf(ll[s], at, r);
                    for (int t = 0; t < r; t++) {
                        double score = ll[s][at + t] + frameLogPriors[i];
                        if (score > b[bounds[s] + t]) {
                            b[bounds[s] + t] = score;
                            index[u][bounds[s] + t] = i;
                        }
                    }
                }
                if (totals != null) {
                    totals[u][i] = total;
                }
            }
        }
        return index;
    }

    /**
     * {@link #scoreFrames(List, LabelScorers, double[][], double[])} holds every label's log-likelihoods of a batch at
     * once (so that each block of frames is laid out once for all labels) when they are at most this many values
     * (16 MB), else it scores label after label.
     */
    private static final long ALL_LABELS_MAX_VALUES = 1L << 21;

    /** A scorer of its own (buffers not shared with any other) for the label at {@code index} (model-set order). */
    GmmScorer scorerFor(int index) {
        return gmms[index].withOwnBuffers();
    }

    /**
     * Scorers of their own for the states of the label at {@code index}, in order, or {@code null} when the labels
     * have one state.
     */
    GmmScorer[] stateScorersFor(int index) {
        if (stateGmms == null) {
            return null;
        }
        GmmScorer[] own = new GmmScorer[stateGmms[index].length];
        for (int s = 0; s < own.length; s++) {
            own[s] = stateGmms[index][s].withOwnBuffers();
        }
        return own;
    }

    /** Log prior of each label, in the label order of the model set (all 0 for equal priors). */
    double[] logPriors() {
        return logPriors.clone();
    }

    /**
     * Ranks the labels from per-label total log-likelihoods over {@code frames} frames (label order of
     * the model set). The posteriors are the model set's {@link org.cepstra.models.Calibration}: a softmax
     * of {@code s(T)·total + log prior}, computed as {@code exp(x − max) / Σ exp(x_i − max)} so that they sum
     * to 1 whatever the size of the totals. Labels are ordered by that same score (then by raw total plus
     * log prior, then by name); with equal priors this is the order of the raw totals, whatever the scale.
     * With no frame the averages are 0 and the posteriors are the priors.
     */
    Ranking rank(double[] totals, int frames) {
        double factor = models.calibration().factor(frames);
        double[] scores = calibratedScores(totals, logPriors, factor);
        double[] posteriors = softmax(scores);
        double[] raw = new double[totals.length];
        for (int i = 0; i < totals.length; i++) {
            raw[i] = totals[i] + logPriors[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingDouble(i -> -raw[i])
                .thenComparing(i -> labels[i]));
        List<LabelScore> sorted = new ArrayList<>(labels.length);
        for (int i : order) {
            double average = frames == 0 ? 0.0 : totals[i] / frames;
            sorted.add(new LabelScore(labels[i], totals[i], average, posteriors[i]));
        }
        return new Ranking(sorted, frames);
    }

    /** {@code factor · totals[i] + logPriors[i]} for each label. */
    static double[] calibratedScores(double[] totals, double[] logPriors, double factor) {
        double[] scores = new double[totals.length];
        for (int i = 0; i < totals.length; i++) {
            scores[i] = factor * totals[i] + logPriors[i];
        }
        return scores;
    }

    /**
     * The softmax of {@code scores}: {@code exp(s_i − max) / Σ_j exp(s_j − max)}. Each term is in (0, 1]
     * and the largest is exactly 1, so the sum is at least 1 and the posteriors add up to 1 to rounding,
     * even for totals of 1e300 (a log-normaliser {@code max + log Σ} would lose {@code log Σ} next to
     * such a max).
     */
    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp(scores[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < scores.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /**
     * Reads a WAV file, extracts its frames with the model set's feature configuration and ranks the labels.
     *
     * @throws IOException              if the file cannot be read (the message names it)
     * @throws IllegalArgumentException if the recording gives no frames
     */
    public Ranking classify(Path wavFile) throws IOException {
        requireKnownSampleRate(models);
        FeatureMatrix frames = pipeline.extract(wavFile);
        if (frames.rows() == 0) {
            throw new IllegalArgumentException(wavFile + ": no frames (too short for one frame, or no voiced frame)");
        }
        return score(frames);
    }

    /**
     * Ranks the labels for a recording in memory; audio at another rate than the model set's is
     * resampled to it first.
     *
     * @throws IllegalArgumentException if the model set does not record its sample rate
     */
    public Ranking classify(Audio audio) {
        requireKnownSampleRate(models);
        return score(pipeline.extract(audio));
    }

    /**
     * Checks that {@code models} records the sample rate its features were made at, without which audio
     * at another rate would be framed wrongly and still give confident scores.
     *
     * @throws IllegalArgumentException if the rate is unknown (a model file written before models recorded
     *                                  it, or a set built from a {@code FeatureConfig} without a rate)
     */
    public static void requireKnownSampleRate(ModelSet models) {
        if (!(models.featureConfig().targetSampleRateHz() > 0)) {
            throw new IllegalArgumentException(UNKNOWN_RATE);
        }
    }

    /** Why audio cannot be scored by a model set that does not record its sample rate. */
    public static final String UNKNOWN_RATE = "the model set does not record the sample rate it was trained at "
            + "(a model file from an older Cepstra, or a FeatureConfig without a target rate), so audio at "
            + "another rate would give wrong scores that look right: retrain it, or state its rate "
            + "(--sample-frequency HZ, FeatureConfig.withTargetSampleRateHz)";
}
