package org.cepstra.scoring;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.audio.SampleSink;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.StreamingFeatureExtractor;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.features.SegmentParts;
import org.cepstra.models.ModelSet;
import org.cepstra.models.StateAlignment;
import org.cepstra.models.StateModels;

/**
 * Classifies one recording while it arrives (microphone, network, a file read block by block):
 * samples go in by chunks of any length, each feature frame is scored against every label's GMM as
 * soon as it is complete, and {@link #current()} ranks the labels on the frames so far. Plugs into a
 * TarsosDSP dispatcher with {@code TarsosSampleAdapter.attach(dispatcher, scorer)}.
 *
 * <p>After {@link #finish()}, the totals are those {@link Scorer#score} gives for the batch frames
 * {@link FeaturePipeline#extract(org.cepstra.audio.Audio)} of the whole recording, whatever the
 * chunking: the frames are bit for bit the batch frames, each frame's log-likelihood is bit for bit
 * the batch value, and they are added in the same order; only the grouping of that sum can differ on
 * recordings of several seconds, or on a best path through states (relative difference of the order of
 * 1e-15). Frames leave the feature extractor after its look-ahead ({@link #latencyFrames()}: 4 frames with
 * deltas; whole-utterance CMVN or VAD hold every frame until {@link #finish()}).
 *
 * <p>Optionally ({@link #withEarlyDecision}) the scorer decides as soon as one label's posterior has
 * stayed above a threshold for a number of consecutive frames, and tells a {@link DecisionListener}.
 * The posterior is the calibrated one of {@link Scorer} (the model set's
 * {@link org.cepstra.models.Calibration} at the number of frames scored so far), so a threshold of 0.99
 * means 99 % sure rather than "a few frames have passed".
 *
 * <pre>{@code
 * StreamingScorer scorer = new StreamingScorer(models, 16000)
 *         .withEarlyDecision(0.99, 20, decision -> System.out.println(decision.label()));
 * scorer.accept(samples, 0, count);      // as often as audio arrives
 * String soFar = scorer.current().bestLabel();
 * scorer.finish();                       // end of the recording
 * Ranking result = scorer.current();
 * scorer.reset();                        // ready for the next recording
 * }</pre>
 *
 * <p>Labels in states ({@link ModelSet#states()} above 1) are scored when their states are aligned by Viterbi
 * ({@link StateAlignment#VITERBI}, whole-word models): each frame advances every label's best left-to-right
 * paths (one per state the path ends in), and a label's total is, at every frame, the batch total of the frames
 * so far: the best path through all the states, as if the recording ended there (equal parts while there are
 * fewer frames than states, as in batch scoring). A partial path that has not reached the last state is never
 * a label's score, so the rankings and early decisions are those the calibration was fitted on, and the last
 * one is the final answer. States on equal parts need the recording's length and are refused.
 *
 * <p>In the steady state nothing is allocated per frame (the frame is scored with buffers made at
 * construction: one {@link GmmScorer} per label, or per state); {@link #current()} allocates its ranking.
 * <b>Not thread-safe</b>: one scorer per stream, used by one thread at a time; read {@link #current()} on the thread that feeds it (with
 * TarsosDSP: from an audio processor added after the adapter) or synchronise. The {@link ModelSet}
 * is immutable and may be shared by any number of scorers (and {@link Scorer}s) on any threads.
 */
public final class StreamingScorer implements SampleSink {
    private final ModelSet models;
    private final Map<String, Double> priors;
    private final double sampleRateHz;
    private final Scorer ranker;
    private final String[] labels;
    private final GmmScorer[] gmms;
    /** Per label, its states' scorers; null for labels of one state. */
    private final GmmScorer[][] stateGmms;
    /** Per label and state: the best total of a left-to-right path through the frames so far ending there. */
    private final double[][] pathTotals;
    /** Per label, state and frame t below the number of states: the frame's log-likelihood under the state. */
    private final double[][][] firstFrames;
    private final double[] stateLogLikelihoods;
    private final double[] logPriors;
    private final StreamingFeatureExtractor extractor;
    private final double[] totals;
    private final double threshold; // NaN: no early decision
    private final int consecutiveFrames;
    private final DecisionListener decisionListener;

    private int frames;
    private int streakLabel = -1;
    private int streak;
    private Decision decision;

    /**
     * A scorer with equal priors for a stream at {@code sampleRateHz}.
     *
     * @throws IllegalArgumentException if the rate is not positive, the model set does not record its rate,
     *                                  or the stream's rate is not a whole number of Hz while the model set's
     *                                  differs (a stream at another whole-Hz rate is resampled while it arrives)
     */
    public StreamingScorer(ModelSet models, double sampleRateHz) {
        this(models, Map.of(), sampleRateHz);
    }

    /**
     * A scorer with prior probabilities per label, as {@link Scorer#Scorer(ModelSet, Map)} takes them
     * (labels not named share the remaining mass; an empty map means equal priors).
     *
     * @throws IllegalArgumentException if a prior is not in (0, 1], names an unknown label, or they sum
     *                                  above 1; or as {@link #StreamingScorer(ModelSet, double)} for the rate
     */
    public StreamingScorer(ModelSet models, Map<String, Double> priors, double sampleRateHz) {
        this(models, priors, sampleRateHz, Double.NaN, 0, null);
    }

    private StreamingScorer(ModelSet models, Map<String, Double> priors, double sampleRateHz, double threshold,
                            int consecutiveFrames, DecisionListener decisionListener) {
        this.models = Objects.requireNonNull(models, "models");
        if (models.states() > 1 && models.stateAlignment() != StateAlignment.VITERBI) {
            throw new IllegalArgumentException("the labels are modelled in " + models.states() + " states on equal "
                    + "parts, which need the whole utterance's length: the model set cannot score a stream");
        }
        this.priors = Map.copyOf(Objects.requireNonNull(priors, "priors"));
        this.ranker = new Scorer(models, this.priors);
        this.labels = models.labelNames().toArray(String[]::new);
        int states = models.states();
        // labels of one state: one scorer each; labels in states are scored by their states (stateGmms)
        this.gmms = new GmmScorer[labels.length];
        for (int i = 0; i < labels.length && states == 1; i++) {
            gmms[i] = ranker.scorerFor(i);
        }
        if (states > 1) {
            this.stateGmms = new GmmScorer[labels.length][];
            for (int i = 0; i < labels.length; i++) {
                stateGmms[i] = ranker.stateScorersFor(i);
            }
            this.pathTotals = new double[labels.length][states];
            this.firstFrames = new double[labels.length][states][states];
            this.stateLogLikelihoods = new double[states];
            for (double[] p : pathTotals) {
                Arrays.fill(p, Double.NEGATIVE_INFINITY);
            }
        } else {
            this.stateGmms = null;
            this.pathTotals = null;
            this.firstFrames = null;
            this.stateLogLikelihoods = null;
        }
        this.logPriors = ranker.logPriors();
        Scorer.requireKnownSampleRate(models);
        this.extractor = new StreamingFeatureExtractor(ranker.pipeline(), sampleRateHz, this::onFrame);
        this.sampleRateHz = sampleRateHz;
        this.totals = new double[labels.length];
        this.threshold = threshold;
        this.consecutiveFrames = consecutiveFrames;
        this.decisionListener = decisionListener;
    }

    /**
     * A new scorer (same model set, priors and rate, nothing scored yet) that decides as soon as the
     * best label's posterior has exceeded {@code posteriorThreshold} on {@code consecutiveFrames}
     * consecutive frames, the same label on all of them. The decision is then available from
     * {@link #decision()} until {@link #reset()}; scoring goes on regardless. This scorer is unchanged.
     *
     * @param posteriorThreshold posterior the best label must exceed, in (0, 1) (e.g. 0.99)
     * @param consecutiveFrames  number of consecutive frames (≥ 1; 10 ms each with the usual shift)
     * @throws IllegalArgumentException if the threshold is not in (0, 1) or the frame count is below 1
     */
    public StreamingScorer withEarlyDecision(double posteriorThreshold, int consecutiveFrames) {
        return withEarlyDecision(posteriorThreshold, consecutiveFrames, d -> { });
    }

    /**
     * As {@link #withEarlyDecision(double, int)}, and tells {@code listener} when the decision is taken.
     *
     * @throws IllegalArgumentException if the threshold is not in (0, 1) or the frame count is below 1
     */
    public StreamingScorer withEarlyDecision(double posteriorThreshold, int consecutiveFrames,
                                             DecisionListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (!(posteriorThreshold > 0 && posteriorThreshold < 1)) {
            throw new IllegalArgumentException("posterior threshold must be in (0, 1), got " + posteriorThreshold);
        }
        if (consecutiveFrames < 1) {
            throw new IllegalArgumentException("consecutive frames must be >= 1, got " + consecutiveFrames);
        }
        return new StreamingScorer(models, priors, sampleRateHz, posteriorThreshold, consecutiveFrames, listener);
    }

    /** The model set this scorer uses. */
    public ModelSet models() {
        return models;
    }

    /** The rate of the incoming samples in Hz. */
    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * The feature extractor's look-ahead in frames: how many frames after its own a frame waits before
     * it can be scored ({@link StreamingFeatureExtractor#latencyFrames()}).
     */
    public int latencyFrames() {
        return extractor.latencyFrames();
    }

    /**
     * Takes the next {@code count} samples of the recording ({@code samples[offset .. offset + count)},
     * floats in [-1, 1) at {@link #sampleRateHz()}) and scores every frame they complete. Any count is
     * allowed, 0 included; the array is only read during the call. If the decision listener throws,
     * the exception propagates and the scorer must be {@link #reset()}.
     *
     * @throws IllegalStateException     after {@link #finish()} (call {@link #reset()} first)
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    @Override
    public void accept(float[] samples, int offset, int count) {
        extractor.accept(samples, offset, count);
    }

    /** Takes all of {@code samples}; see {@link #accept(float[], int, int)}. */
    public void accept(float[] samples) {
        extractor.accept(samples, 0, samples.length);
    }

    /**
     * Ends the recording: scores the frames the feature extractor held back (its look-ahead at the end,
     * or every frame for whole-utterance configurations). Calling it again does nothing until
     * {@link #reset()}.
     */
    @Override
    public void finish() {
        extractor.finish();
    }

    /** Whether {@link #finish()} has been called since construction or the last {@link #reset()}. */
    public boolean isFinished() {
        return extractor.isFinished();
    }

    /** Forgets the current recording (samples, scores, decision), ready for the next one. */
    public void reset() {
        extractor.reset();
        Arrays.fill(totals, 0.0);
        if (pathTotals != null) {
            for (double[] p : pathTotals) {
                Arrays.fill(p, Double.NEGATIVE_INFINITY);
            }
        }
        frames = 0;
        streak = 0;
        streakLabel = -1;
        decision = null;
    }

    /** Frames scored since construction or the last {@link #reset()}. */
    public int framesScored() {
        return frames;
    }

    /** Samples accepted since construction or the last {@link #reset()}. */
    public long samplesAccepted() {
        return extractor.samplesAccepted();
    }

    /**
     * The labels ranked on the frames scored so far (after {@link #finish()}: on the whole recording),
     * with posteriors. Before the first frame every total and average is 0 and the posteriors are the
     * priors. Allocates a new ranking on each call.
     */
    public Ranking current() {
        return ranker.rank(totals, frames);
    }

    /** The early decision, once taken (always empty without {@link #withEarlyDecision}). */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    /** Scores one frame against every model; called by the extractor for each frame, in order. */
    private void onFrame(int frameIndex, float[] frame) {
        if (stateGmms == null) {
            for (int i = 0; i < gmms.length; i++) {
                totals[i] += gmms[i].logLikelihood(frame, 0);
            }
        } else {
            for (int i = 0; i < gmms.length; i++) {
                totals[i] = advancePaths(i, frame);
            }
        }
        frames++;
        if (decision == null && consecutiveFrames > 0) {
            checkDecision(frameIndex);
        }
    }

    /**
     * Advances label {@code i}'s best paths by frame number {@link #frames} ({@link StateAlignment#advance}) and
     * returns the batch total of the frames so far: the best path ending in the last state, or equal parts
     * while there are fewer frames than states ({@link StateModels#partsTotal}).
     */
    private double advancePaths(int i, float[] frame) {
        GmmScorer[] states = stateGmms[i];
        double[] best = pathTotals[i];
        int count = states.length;
        int t = frames;
        for (int s = 0; s < count; s++) {
            stateLogLikelihoods[s] = states[s].logLikelihood(frame, 0);
            if (t < count) {
                // kept: a recording shorter than the states is split into equal parts
                firstFrames[i][s][t] = stateLogLikelihoods[s];
            }
        }
        StateAlignment.advance(best, t, stateLogLikelihoods, null, 0);
        int n = t + 1;
        return n >= count ? best[count - 1] : StateModels.partsTotal(firstFrames[i], 0, SegmentParts.bounds(n, count));
    }

    /** Updates the run of frames on which one label's posterior exceeds the threshold. */
    private void checkDecision(int frameIndex) {
        // The best label and its posterior, computed exactly as Scorer.rank computes them (calibrated).
        double factor = models.calibration().factor(frames);
        int top = 0;
        double max = factor * totals[0] + logPriors[0];
        for (int i = 1; i < totals.length; i++) {
            double s = factor * totals[i] + logPriors[i];
            if (s > max || s == max && totals[i] + logPriors[i] > totals[top] + logPriors[top]) {
                max = s;
                top = i;
            }
        }
        double sum = 0;
        for (int i = 0; i < totals.length; i++) {
            sum += Math.exp(factor * totals[i] + logPriors[i] - max);
        }
        double posterior = 1 / sum;
        if (!(posterior > threshold)) {
            streak = 0;
            streakLabel = -1;
            return;
        }
        streak = top == streakLabel ? streak + 1 : 1;
        streakLabel = top;
        if (streak >= consecutiveFrames) {
            decision = new Decision(labels[top], frameIndex, posterior,
                    extractor.samplesAccepted() * 1000.0 / sampleRateHz);
            decisionListener.onDecision(decision);
        }
    }
}
