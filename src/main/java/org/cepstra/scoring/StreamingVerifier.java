package org.cepstra.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cepstra.audio.SampleSink;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.StreamingFeatureExtractor;
import org.cepstra.gmm.DiagonalGmm;
import org.cepstra.gmm.GmmScorer;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.gmm.LlrScorer;
import org.cepstra.models.ModelSet;

/**
 * Verifies one or more speaker claims on one recording while it arrives (microphone, network, a file read
 * block by block): samples go in by chunks of any length, each feature frame is scored against the
 * background model and every claimed speaker's model as soon as the front end lets it out
 * ({@link LlrScorer}, top-C or exact), and {@link #averageLlr(int)} is the running verification score of a
 * claim, the average per-frame log-likelihood ratio in nats per frame. Plugs into a TarsosDSP dispatcher
 * with {@code TarsosSampleAdapter.attach(dispatcher, verifier)}.
 *
 * <p>After {@link #finish()}, each claim's score is bit for bit the score the batch verification
 * ({@code org.cepstra.app.Verifier}, {@link LlrScorer#averageLlrs}) gives for the same recording with the
 * same {@link LlrOptions}, whatever the chunking: the frames are those of the speaker set's batch pipeline
 * ({@link ModelSet#featurePipeline()}, the recording as its own speaker), each frame's ratio is computed as
 * in batch and the ratios are added in frame order.
 *
 * <p><b>When frames arrive.</b> A frame is scored only once the front end lets it out: {@link #latencyFrames()}
 * frames after its own (4 with Kaldi's deltas). With a whole-utterance stage in the speaker set's features
 * (utterance or speaker CMVN, energy VAD, per-recording mean subtraction, as in the speaker recipe) no frame
 * leaves before {@link #finish()}: {@link #latencyFrames()} is then
 * {@link StreamingFeatureExtractor#LATENCY_UNTIL_FINISH}, {@link #decidesWhileStreaming()} is false, the
 * running score stays undefined until the end, and an early decision, if any, is taken inside
 * {@link #finish()} with {@link VerificationDecision#audioMs()} the whole recording: it saves no audio. No
 * running-mean approximation of those stages is made, so the final scores stay the batch scores. A speaker
 * set made with sliding or no CMVN and no VAD decides while the audio arrives.
 *
 * <p>Optionally ({@link #withEarlyDecision}) each claim is decided as soon as its running average ratio has
 * stayed above an accept threshold, or below a reject threshold, for a number of consecutive frames, and a
 * {@link VerificationListener} is told. Scoring goes on after a decision, so the final scores are complete.
 *
 * <pre>{@code
 * StreamingVerifier v = new StreamingVerifier(speakers, List.of("alice"), LlrOptions.defaults(), 16000)
 *         .withEarlyDecision(0.5, -0.5, 50, d -> System.out.println(d.verdict()));
 * v.accept(samples, 0, count);     // as often as audio arrives
 * v.finish();                      // end of the recording
 * double score = v.averageLlr(0);  // the batch score of the recording
 * v.reset();                       // ready for the next recording
 * }</pre>
 *
 * <p>In the steady state nothing is allocated per frame (the scorer's buffers are made at construction).
 * <b>Not thread-safe</b>: one verifier per stream, used by one thread at a time. The {@link ModelSet} is
 * immutable and may be shared by any number of verifiers.
 */
public final class StreamingVerifier implements SampleSink {
    private final ModelSet speakers;
    private final List<String> claims;
    private final LlrOptions llrOptions;
    private final double sampleRateHz;
    private final LlrScorer llr;
    private final List<GmmScorer> claimed;
    private final StreamingFeatureExtractor extractor;
    private final double acceptAbove; // NaN: no early decision
    private final double rejectBelow;
    private final int consecutiveFrames;
    private final VerificationListener listener;
    /** Per claim: run of frames above the accept threshold (positive) or below the reject one (negative). */
    private final int[] streak;
    private final VerificationDecision[] decisions;

    /**
     * A verifier of {@code claims} (labels of {@code speakers}) on a stream at {@code sampleRateHz}.
     *
     * @param speakers     a speaker set MAP-adapted from a background model (made by {@code enroll} or
     *                     {@code train --map-from})
     * @param claims       the claimed speakers, at least one; scores are kept in this order
     * @param llrOptions   top-C or exact scoring, as for batch verification
     * @param sampleRateHz the rate of the incoming samples in Hz (another whole-Hz rate than the speaker set's
     *                     is resampled while it arrives)
     * @throws IllegalArgumentException if the set has no background model, a claim is not one of its speakers,
     *                                  there is no claim, the set does not record its sample rate, or the
     *                                  stream's rate is not a positive number of Hz the front end can take
     */
    public StreamingVerifier(ModelSet speakers, List<String> claims, LlrOptions llrOptions, double sampleRateHz) {
        this(speakers, claims, llrOptions, sampleRateHz, Double.NaN, Double.NaN, 0, null);
    }

    private StreamingVerifier(ModelSet speakers, List<String> claims, LlrOptions llrOptions, double sampleRateHz,
                              double acceptAbove, double rejectBelow, int consecutiveFrames,
                              VerificationListener listener) {
        this.speakers = Objects.requireNonNull(speakers, "speakers");
        this.claims = List.copyOf(Objects.requireNonNull(claims, "claims"));
        this.llrOptions = Objects.requireNonNull(llrOptions, "llrOptions");
        DiagonalGmm ubm = speakers.background().orElseThrow(() -> new IllegalArgumentException(
                "the speaker set has no background model: verification needs speaker models MAP-adapted from a "
                        + "universal background model (made by enroll, or train --map-from)")).ubm();
        if (this.claims.isEmpty()) {
            throw new IllegalArgumentException("no claimed speaker to verify");
        }
        this.claimed = new ArrayList<>(this.claims.size());
        for (String claim : this.claims) {
            if (!speakers.models().containsKey(claim)) {
                List<String> names = speakers.labelNames();
                throw new IllegalArgumentException("claimed speaker '" + claim + "' is not in the speaker set (it has "
                        + names.size() + " speakers: " + String.join(", ", names.subList(0, Math.min(5, names.size())))
                        + (names.size() > 5 ? ", ..." : "") + ")");
            }
            claimed.add(new GmmScorer(speakers.model(claim)));
        }
        Scorer.requireKnownSampleRate(speakers);
        this.extractor = new StreamingFeatureExtractor(speakers.featurePipeline(), sampleRateHz, this::onFrame);
        this.sampleRateHz = sampleRateHz;
        this.llr = new LlrScorer(ubm, llrOptions);
        this.llr.start(claimed);
        this.acceptAbove = acceptAbove;
        this.rejectBelow = rejectBelow;
        this.consecutiveFrames = consecutiveFrames;
        this.listener = listener;
        this.streak = new int[this.claims.size()];
        this.decisions = new VerificationDecision[this.claims.size()];
    }

    /**
     * A new verifier (same speaker set, claims, options and rate, nothing scored yet) that decides each claim
     * as soon as its running average log-likelihood ratio has been above {@code acceptAbove} (accept) or below
     * {@code rejectBelow} (reject) on {@code consecutiveFrames} consecutive frames, and tells
     * {@code listener}. This verifier is unchanged.
     *
     * @param acceptAbove       accept threshold, nats per frame ({@code +∞}: never accept early)
     * @param rejectBelow       reject threshold, nats per frame, at most {@code acceptAbove} ({@code −∞}: never
     *                          reject early)
     * @param consecutiveFrames number of consecutive frames (≥ 1; 10 ms each with the usual shift)
     * @throws IllegalArgumentException if a threshold is NaN, {@code rejectBelow > acceptAbove}, or the frame
     *                                  count is below 1
     */
    public StreamingVerifier withEarlyDecision(double acceptAbove, double rejectBelow, int consecutiveFrames,
                                               VerificationListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (Double.isNaN(acceptAbove) || Double.isNaN(rejectBelow)) {
            throw new IllegalArgumentException("thresholds must be numbers, got accept " + acceptAbove + ", reject "
                    + rejectBelow);
        }
        if (rejectBelow > acceptAbove) {
            throw new IllegalArgumentException("the reject threshold (" + rejectBelow
                    + ") must not be above the accept threshold (" + acceptAbove + ")");
        }
        if (consecutiveFrames < 1) {
            throw new IllegalArgumentException("consecutive frames must be >= 1, got " + consecutiveFrames);
        }
        return new StreamingVerifier(speakers, claims, llrOptions, sampleRateHz, acceptAbove, rejectBelow,
                consecutiveFrames, listener);
    }

    /** The speaker set. */
    public ModelSet speakers() {
        return speakers;
    }

    /** The claimed speakers, in the order of the scores. */
    public List<String> claims() {
        return claims;
    }

    /** The rate of the incoming samples in Hz. */
    @Override
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /**
     * How many frames after its own a frame waits in the front end before it is scored
     * ({@link StreamingFeatureExtractor#latencyFrames()}); {@link StreamingFeatureExtractor#LATENCY_UNTIL_FINISH}
     * when every frame waits for {@link #finish()}.
     */
    public int latencyFrames() {
        return extractor.latencyFrames();
    }

    /** Whether frames are scored while the audio arrives, i.e. the front end has no whole-utterance stage. */
    public boolean decidesWhileStreaming() {
        return latencyFrames() != StreamingFeatureExtractor.LATENCY_UNTIL_FINISH;
    }

    /**
     * Takes the next {@code count} samples of the recording ({@code samples[offset .. offset + count)}, floats in
     * [-1, 1) at {@link #sampleRateHz()}) and scores every frame they complete. Any count is allowed, 0 included;
     * the array is only read during the call. If the listener throws, the exception propagates and the
     * verifier must be {@link #reset()}.
     *
     * @throws IllegalStateException     after {@link #finish()} (call {@link #reset()} first)
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    @Override
    public void accept(float[] samples, int offset, int count) {
        extractor.accept(samples, offset, count);
    }

    /**
     * Ends the recording: scores the frames the front end held back (its look-ahead at the end, or every
     * frame with a whole-utterance stage). Calling it again does nothing until {@link #reset()}.
     */
    @Override
    public void finish() {
        extractor.finish();
    }

    /** Whether {@link #finish()} has been called since construction or the last {@link #reset()}. */
    public boolean isFinished() {
        return extractor.isFinished();
    }

    /** Forgets the current recording (samples, scores, decisions), ready for the next one. */
    public void reset() {
        extractor.reset();
        llr.start(claimed);
        Arrays.fill(streak, 0);
        Arrays.fill(decisions, null);
    }

    /** Frames scored since construction or the last {@link #reset()}. */
    public long framesScored() {
        return llr.frameCount();
    }

    /** Samples accepted since construction or the last {@link #reset()}. */
    public long samplesAccepted() {
        return extractor.samplesAccepted();
    }

    /** Sum over the frames scored so far of the log-likelihood ratio of claim {@code claim} (index), nats. */
    public double llrSum(int claim) {
        return llr.llrSum(claim);
    }

    /**
     * The running verification score of claim {@code claim} (index into {@link #claims()}): the average
     * log-likelihood ratio of the frames scored so far, nats per frame; after {@link #finish()}, the batch score.
     *
     * @throws IllegalStateException if no frame has been scored yet
     */
    public double averageLlr(int claim) {
        return llr.averageLlr(claim);
    }

    /** The early decision on claim {@code claim} (index), once taken; always empty without {@link #withEarlyDecision}. */
    public Optional<VerificationDecision> decision(int claim) {
        return Optional.ofNullable(decisions[Objects.checkIndex(claim, decisions.length)]);
    }

    /** Scores one frame; called by the extractor for each frame, in order. */
    private void onFrame(int frameIndex, float[] frame) {
        llr.accept(frame, 0, 1);
        if (listener == null) {
            return;
        }
        long frames = llr.frameCount();
        for (int s = 0; s < streak.length; s++) {
            if (decisions[s] != null) {
                continue;
            }
            double average = llr.llrSum(s) / frames;
            if (average > acceptAbove) {
                streak[s] = streak[s] > 0 ? streak[s] + 1 : 1;
            } else if (average < rejectBelow) {
                streak[s] = streak[s] < 0 ? streak[s] - 1 : -1;
            } else {
                streak[s] = 0;
            }
            if (Math.abs(streak[s]) >= consecutiveFrames) {
                decisions[s] = new VerificationDecision(claims.get(s), streak[s] > 0
                        ? VerificationDecision.Verdict.ACCEPT : VerificationDecision.Verdict.REJECT, frameIndex, average,
                        extractor.samplesAccepted() * 1000.0 / sampleRateHz);
                listener.onDecision(decisions[s]);
            }
        }
    }
}
