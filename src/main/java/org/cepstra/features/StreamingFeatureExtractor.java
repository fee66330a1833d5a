package org.cepstra.features;

import java.util.Arrays;
import java.util.Objects;
import org.cepstra.audio.Resampler;
import org.cepstra.audio.SampleSink;
import org.cepstra.audio.StreamingResampler;
import org.cepstra.matrix.FeatureMatrix;

/**
 * Feature frames of a recording that arrives over time (microphone, network, a file read block by
 * block): samples go in by chunks of any length, frames come out as soon as they are complete, and
 * they are the frames {@link FeaturePipeline#extract(org.cepstra.audio.Audio)} gives for the whole
 * recording, bit for bit, whatever the chunking.
 *
 * <p>Frames go to the {@link StreamingFrameListener} given at construction, or, without one, wait in
 * a queue for {@link #drainTo(float[], int, int)} / {@link #drain()}. Call {@link #finish()} at the
 * end of the recording to flush the frames held back, and {@link #reset()} before the next recording.
 * Not thread-safe: one thread feeds one extractor (the MFCC tables behind it are shared and immutable).
 *
 * <p>What is held back, per stage (latencies in frames of {@code frameShiftMs}, typically 10 ms):
 * <ul>
 * <li><b>MFCC.</b> Frame {@code t} is computed as soon as its last sample has arrived
 * ({@code t × shift + length} samples with snip-edges). With {@code snipEdges = false} the frames whose
 * window runs past the end of the recording reflect the signal at its end, which is known only at
 * {@link #finish()}: those last {@code ≈ length / (2 shift)} frames (1 or 2 with Kaldi's defaults) are
 * computed there. The first frames reflect the start and leave as soon as their window is complete.
 * Every frame goes through the same code as batch extraction ({@code MfccComputer}), hence identical
 * values. <b>Dither</b>: the noise generator starts at {@code ditherSeed} at construction and at each
 * {@link #reset()}, and the frames draw from it in order, as the batch computation does for one
 * recording, so dithered frames are identical to batch ones as well.</li>
 * <li><b>Deltas</b> (order {@code o}, window {@code w}): frame {@code t} waits for frame
 * {@code t + o·w} (4 frames with Kaldi's order 2, window 2); the last {@code o·w} frames are emitted at
 * {@link #finish()} with the edge frame repeated, as in batch. Order 0 adds no delay.</li>
 * <li><b>Sliding CMVN</b> ({@link CmvnMode#SLIDING}, Kaldi's {@code apply-cmvn-sliding}): not centred,
 * the window of frame {@code t} is {@code [max(0, t - cmnWindow), max(t + 1, minCmnWindow))}, so the
 * first {@code minCmnWindow} frames all wait for frame {@code minCmnWindow - 1} (99 frames, about 1 s,
 * with the default 100) and later frames leave at once; centred, frame {@code t} waits for frame
 * {@code max(t - cmnWindow/2 + cmnWindow, cmnWindow) - 1} (about {@code cmnWindow / 2} frames). At the
 * end, the windows are cut at the last frame as in batch. Results are identical to batch.</li>
 * <li><b>Whole-utterance stages</b>: {@link CmvnMode#UTTERANCE}, {@link CmvnMode#SPEAKER} (the stream is
 * its own speaker, smoothed by the batch pipeline's {@link CmvnPrior} if it has one), energy VAD
 * ({@code vadEnabled}; Kaldi's threshold uses the mean log energy of the whole recording) and
 * {@link MfccOptions#subtractMean()} need the entire recording. With any of them the MFCC frames are
 * still computed while the audio arrives, but all output frames are emitted at {@link #finish()}, after
 * the same post-processing as batch (identical results; {@link #latencyFrames()} returns
 * {@link #LATENCY_UNTIL_FINISH}). No running-mean approximation is offered.</li>
 * <li><b>Resampling</b>: a stream at another rate than the configuration's {@code targetSampleRateHz}
 * goes through a {@link StreamingResampler} first (whole-Hz rates), whose output is bit-identical to
 * batch resampling, so frames still equal the batch pipeline's; it adds half the filter width
 * (under 1 ms) of latency. The stream is mono: the configuration's channel selection does not apply.</li>
 * </ul>
 *
 * <p>Memory: a few frames of samples and the windows of the stages above; in the steady state no
 * allocation per frame (the queue grows only if frames are not drained; whole-utterance
 * configurations keep every static frame until {@link #finish()}).
 */
public final class StreamingFeatureExtractor implements SampleSink {
    /** {@link #latencyFrames()} of configurations that emit every frame at {@link #finish()}. */
    public static final int LATENCY_UNTIL_FINISH = Integer.MAX_VALUE;

    private static final int INITIAL_QUEUE_FRAMES = 64;

    private final FeatureConfig config;
    /** The rate frames are computed at: the configured target rate, or the stream's own. */
    private final double sampleRateHz;
    /** The rate of the incoming samples. */
    private final double inputRateHz;
    /** Converts the stream to {@link #sampleRateHz} when the rates differ; null otherwise. */
    private final StreamingResampler resampler;
    private final MfccComputer mfcc;
    private final MfccComputer.Scratch scratch;
    private final StreamingFrameListener listener;
    private final StreamingFrameQueue queue;
    private final boolean wholeUtterance;
    private final FeaturePipeline wholeUtterancePost;
    private final StreamingStage chain;
    private final int latencyFrames;
    private final int frameLength;
    private final int frameShift;
    private final long firstFrameStart;
    private final boolean snipEdges;
    private final int numCeps;
    private final int dimension;

    /** Samples {@code bufferStart .. bufferStart + buffered} of the recording. */
    private final float[] samples;
    private long bufferStart;
    private int buffered;
    private final float[] window;
    private final float[] statics;
    private float[] utteranceStatics;
    private int utteranceRows;

    private long received;
    private int nextFrame;
    private int framesEmitted;
    private boolean finished;

    /**
     * A pull-mode extractor: frames wait in a queue for {@link #drainTo} or {@link #drain()}.
     *
     * @param config       the feature configuration (as used for batch extraction)
     * @param sampleRateHz the rate of the incoming samples in Hz
     * @throws IllegalArgumentException if the rate is not positive, differs from a configured
     *                                  {@code targetSampleRateHz} by a ratio the streaming resampler cannot
     *                                  handle (a rate that is not a whole number of Hz), or does not suit the
     *                                  MFCC options. Another whole-Hz rate is resampled with Kaldi's filter.
     */
    public StreamingFeatureExtractor(FeatureConfig config, double sampleRateHz) {
        this(config, sampleRateHz, null);
    }

    /**
     * An extractor that hands every frame to {@code listener} as soon as it is complete (no queue).
     *
     * @param config       the feature configuration (as used for batch extraction)
     * @param sampleRateHz the rate of the incoming samples in Hz
     * @param listener     receives the frames; null for pull mode
     * @throws IllegalArgumentException if the rate is not positive, differs from a configured
     *                                  {@code targetSampleRateHz} by a ratio the streaming resampler cannot
     *                                  handle (a rate that is not a whole number of Hz), or does not suit the
     *                                  MFCC options. Another whole-Hz rate is resampled with Kaldi's filter.
     */
    public StreamingFeatureExtractor(FeatureConfig config, double sampleRateHz, StreamingFrameListener listener) {
        this(config, null, sampleRateHz, listener);
    }

    /**
     * An extractor whose whole-utterance stages are those of {@code pipeline} (its configuration and its
     * {@link FeaturePipeline#cmvnPrior() CMVN prior}), so that its frames equal
     * {@code pipeline.extract} of the whole recording.
     *
     * @param pipeline     the batch pipeline these frames must equal
     * @param sampleRateHz the rate of the incoming samples in Hz
     * @param listener     receives the frames; null for pull mode
     * @throws IllegalArgumentException as {@link #StreamingFeatureExtractor(FeatureConfig, double, StreamingFrameListener)}
     */
    public StreamingFeatureExtractor(FeaturePipeline pipeline, double sampleRateHz, StreamingFrameListener listener) {
        this(Objects.requireNonNull(pipeline, "pipeline").config(), pipeline, sampleRateHz, listener);
    }

    private StreamingFeatureExtractor(FeatureConfig config, FeaturePipeline batch, double sampleRateHz,
                                      StreamingFrameListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.splice().context() > 0) {
            throw new IllegalArgumentException("spliced frames (splice " + config.splice().context()
                    + ") need the frames after each one: they are made for whole recordings, not streamed");
        }
        if (config.lda().enabled()) {
            throw new IllegalArgumentException("frames projected by LDA (lda " + config.lda().dims()
                    + ") are made for whole recordings, not streamed");
        }
        if (!(sampleRateHz > 0) || !Double.isFinite(sampleRateHz)) {
            throw new IllegalArgumentException("sample rate must be a positive number of Hz, got " + sampleRateHz);
        }
        double target = config.targetSampleRateHz();
        this.inputRateHz = sampleRateHz;
        if (target > 0 && target != sampleRateHz) {
            this.resampler = new StreamingResampler(sampleRateHz, new ResampledInput(), new Resampler());
            sampleRateHz = target;
        } else {
            this.resampler = null;
        }
        this.sampleRateHz = sampleRateHz;
        this.mfcc = config.mfcc().newExtractor().forSampleRate(sampleRateHz);
        this.scratch = mfcc.newScratch();
        this.listener = listener;
        this.frameLength = mfcc.frameLengthSamples();
        this.frameShift = mfcc.frameShiftSamples();
        FrameExtractionOptions frame = config.mfcc().frame();
        this.snipEdges = frame.snipEdges();
        this.firstFrameStart = frame.firstSampleOfFrame(0, sampleRateHz);
        this.numCeps = mfcc.dimension();
        this.dimension = config.dimension();
        this.samples = new float[Math.addExact(Math.multiplyExact(4, frameLength), Math.multiplyExact(2, frameShift))];
        this.window = new float[frameLength];
        this.statics = new float[numCeps];
        this.queue = listener == null ? new StreamingFrameQueue(dimension, INITIAL_QUEUE_FRAMES) : null;

        CmvnMode cmvnMode = config.cmvn().mode();
        this.wholeUtterance = cmvnMode == CmvnMode.UTTERANCE || cmvnMode == CmvnMode.SPEAKER || config.vadEnabled()
                || mfcc.subtractsMean();
        if (wholeUtterance) {
            this.wholeUtterancePost = batch != null ? batch : new FeaturePipeline(config);
            this.utteranceStatics = new float[Math.multiplyExact(INITIAL_QUEUE_FRAMES, numCeps)];
            this.chain = null;
            this.latencyFrames = LATENCY_UNTIL_FINISH;
        } else {
            this.wholeUtterancePost = null;
            StreamingStage out = new Output();
            StreamingCmvnStage cmvn = null;
            StreamingDeltaStage deltas;
            if (cmvnMode == CmvnMode.SLIDING && config.cmvnPlacement() == CmvnPlacement.AFTER_DELTAS) {
                cmvn = new StreamingCmvnStage(config.cmvn(), dimension, out);
                deltas = new StreamingDeltaStage(config.deltas(), numCeps, cmvn);
                this.chain = deltas;
            } else if (cmvnMode == CmvnMode.SLIDING) {
                deltas = new StreamingDeltaStage(config.deltas(), numCeps, out);
                cmvn = new StreamingCmvnStage(config.cmvn(), numCeps, deltas);
                this.chain = cmvn;
            } else {
                deltas = new StreamingDeltaStage(config.deltas(), numCeps, out);
                this.chain = deltas;
            }
            this.latencyFrames = latency(cmvn, deltas, config.cmvnPlacement());
        }
    }

    /**
     * The largest number of frames any output frame waits after its own MFCC frame is complete: the
     * index of the last MFCC frame that must have arrived before output frame {@code t} leaves, minus
     * {@code t}, maximised over {@code t}.
     */
    private static int latency(StreamingCmvnStage cmvn, StreamingDeltaStage deltas, CmvnPlacement placement) {
        int w = deltas.delayFrames();
        if (cmvn == null) {
            return w;
        }
        // The wait is largest at the first frames and constant once the window slides freely.
        long worst = 0;
        int horizon = Math.addExact(cmvn.windowEnd(0), w) + 2;
        for (int t = 0; t <= horizon; t++) {
            long lastNeeded = placement == CmvnPlacement.AFTER_DELTAS
                    ? (long) cmvn.windowEnd(t) - 1 + w
                    : (long) cmvn.windowEnd(t + w) - 1;
            worst = Math.max(worst, lastNeeded - t);
        }
        return (int) Math.min(worst, LATENCY_UNTIL_FINISH - 1L);
    }

    /** The configuration whose frames this extractor produces. */
    public FeatureConfig config() {
        return config;
    }

    /** The rate of the incoming samples in Hz (frames are made at the configuration's rate, when it has one). */
    @Override
    public double sampleRateHz() {
        return inputRateHz;
    }

    /** Number of values per output frame ({@link FeatureConfig#dimension()}). */
    public int dimension() {
        return dimension;
    }

    /** Frame length in samples at the rate frames are made at. */
    public int frameLengthSamples() {
        return frameLength;
    }

    /** Frame shift in samples at the rate frames are made at. */
    public int frameShiftSamples() {
        return frameShift;
    }

    /**
     * The worst-case delay, in frames, between the moment the MFCC frame {@code t} is complete and
     * the moment output frame {@code t} is emitted, for frames not affected by the end of the
     * recording; {@link #LATENCY_UNTIL_FINISH} when every frame waits for {@link #finish()}. With
     * snip-edges, output frame {@code t} is thus out once {@code (t + latencyFrames()) × shift + length}
     * samples have been accepted. Values:
     * <ul>
     * <li>statics only: 0; deltas of order {@code o}, window {@code w}: {@code o·w} (Kaldi's: 4);</li>
     * <li>sliding CMVN, not centred, before deltas: {@code max(minCmnWindow - 1, o·w)} (defaults: 99);
     * after deltas: {@code minCmnWindow - 1 + o·w} (103); with {@code minCmnWindow ≤ 1}: {@code o·w};</li>
     * <li>sliding CMVN, centred (window {@code c}): before deltas {@code max(c - 1, c - c/2 - 1 + o·w)},
     * after deltas {@code c - 1 + o·w} (window 600: 599 / 603);</li>
     * <li>utterance CMVN, VAD, per-recording mean subtraction: {@link #LATENCY_UNTIL_FINISH}.</li>
     * </ul>
     */
    public int latencyFrames() {
        return latencyFrames;
    }

    /** Samples accepted (at the stream's rate) since construction or the last {@link #reset()}. */
    public long samplesAccepted() {
        return resampler != null ? resampler.samplesAccepted() : received;
    }

    /** Frames emitted (to the listener or the queue) since construction or the last {@link #reset()}. */
    public int framesEmitted() {
        return framesEmitted;
    }

    /** Whether {@link #finish()} has been called since construction or the last {@link #reset()}. */
    public boolean isFinished() {
        return finished;
    }

    /**
     * Takes the next {@code count} samples of the recording ({@code samples[offset .. offset + count)},
     * floats in [-1, 1) at {@link #sampleRateHz()}), and emits every frame they complete. Any count is
     * allowed, 0 included; the array is only read during the call. An exception thrown by the listener
     * propagates; the extractor must then be {@link #reset()}.
     *
     * @throws IllegalStateException     after {@link #finish()} (call {@link #reset()} first)
     * @throws IndexOutOfBoundsException if the range is outside the array
     */
    @Override
    public void accept(float[] samples, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, samples.length);
        if (finished) {
            throw new IllegalStateException("samples given after finish(); call reset() to start a new recording");
        }
        if (resampler != null) {
            resampler.accept(samples, offset, count);
        } else {
            acceptAtFrameRate(samples, offset, count);
        }
    }

    /** Takes samples at the rate frames are made at (after resampling, if any). */
    private void acceptAtFrameRate(float[] samples, int offset, int count) {
        while (count > 0) {
            if (buffered == this.samples.length) {
                compact();
            }
            int n = Math.min(count, this.samples.length - buffered);
            System.arraycopy(samples, offset, this.samples, buffered, n);
            buffered += n;
            received += n;
            offset += n;
            count -= n;
            computeCompleteFrames();
        }
    }

    /** Takes all of {@code samples}; see {@link #accept(float[], int, int)}. */
    public void accept(float[] samples) {
        accept(samples, 0, samples.length);
    }

    /** First sample (possibly negative without snip-edges) of MFCC frame {@code f}. */
    private long frameStart(int f) {
        return (long) f * frameShift + firstFrameStart;
    }

    private void computeCompleteFrames() {
        long start = frameStart(nextFrame);
        while (start + frameLength <= received) {
            computeStatics(start);
            nextFrame++;
            start += frameShift;
        }
    }

    /**
     * Computes the MFCC frame starting at sample {@code start}, reflecting the signal at its start and
     * (at the end of the recording) at its end exactly as batch extraction does.
     */
    private void computeStatics(long start) {
        if (start >= bufferStart && start + frameLength <= received) {
            mfcc.computeFrame(samples, (int) (start - bufferStart), scratch, statics, 0);
        } else {
            long n = received;
            for (int i = 0; i < frameLength; i++) {
                long s = start + i;
                while (s < 0 || s >= n) {
                    s = s < 0 ? -s - 1 : 2L * n - 1 - s;
                }
                window[i] = samples[Math.toIntExact(s - bufferStart)];
            }
            mfcc.computeFrame(window, 0, scratch, statics, 0);
        }
        if (wholeUtterance) {
            keepStatics();
        } else {
            chain.push(statics);
        }
    }

    private void keepStatics() {
        int at = Math.multiplyExact(utteranceRows, numCeps);
        if (at + numCeps > utteranceStatics.length) {
            utteranceStatics = Arrays.copyOf(utteranceStatics, Math.multiplyExact(utteranceStatics.length, 2));
        }
        System.arraycopy(statics, 0, utteranceStatics, at, numCeps);
        utteranceRows++;
    }

    /**
     * Drops the samples no future frame needs: those before the next frame's start (snip-edges), or
     * before one frame length earlier than that (frames at the end may reflect into it).
     */
    private void compact() {
        long keepFrom = frameStart(nextFrame);
        if (!snipEdges) {
            keepFrom = Math.max(0, keepFrom - frameLength);
        }
        int drop = (int) Math.min(Math.max(0, keepFrom - bufferStart), buffered);
        if (drop == 0) {
            throw new IllegalStateException("sample buffer of " + samples.length + " samples is full");
        }
        System.arraycopy(samples, drop, samples, 0, buffered - drop);
        buffered -= drop;
        bufferStart += drop;
    }

    /**
     * Ends the recording: computes the frames held back (end frames without snip-edges, the last
     * delta frames, the sliding-CMVN frames near the end, or everything for whole-utterance
     * configurations) and emits them. Calling it again does nothing until {@link #reset()}.
     */
    @Override
    public void finish() {
        if (finished) {
            return;
        }
        if (resampler != null) {
            resampler.finish(); // the last resampled samples, then finishFrames() through ResampledInput
        } else {
            finishFrames();
        }
    }

    private void finishFrames() {
        if (finished) {
            return;
        }
        finished = true;
        if (!snipEdges) {
            int total = mfcc.numFrames(received);
            while (nextFrame < total) {
                computeStatics(frameStart(nextFrame));
                nextFrame++;
            }
        }
        if (wholeUtterance) {
            emitWholeUtterance();
        } else {
            chain.finish();
        }
    }

    private void emitWholeUtterance() {
        float[] x = Arrays.copyOf(utteranceStatics, utteranceRows * numCeps);
        if (mfcc.subtractsMean() && utteranceRows > 0) {
            mfcc.subtractColumnMeans(x, utteranceRows);
        }
        FeatureMatrix out = wholeUtterancePost.postProcess(FeatureMatrix.wrap(utteranceRows, numCeps, x));
        float[] row = new float[dimension];
        for (int r = 0; r < out.rows(); r++) {
            out.copyRows(r, 1, row, 0);
            emit(row);
        }
    }

    /**
     * Forgets the current recording (samples, held-back frames, queued frames, statistics) and
     * restarts the dither noise at its seed, ready for the next recording.
     */
    public void reset() {
        if (resampler != null) {
            resampler.reset();
        }
        bufferStart = 0;
        buffered = 0;
        received = 0;
        nextFrame = 0;
        framesEmitted = 0;
        finished = false;
        utteranceRows = 0;
        scratch.restartDither();
        if (chain != null) {
            chain.reset();
        }
        if (queue != null) {
            queue.clear();
        }
    }

    /** Frames waiting in the queue (always 0 with a listener). */
    public int framesAvailable() {
        return queue == null ? 0 : queue.size();
    }

    /**
     * Moves up to {@code maxFrames} queued frames, oldest first, into {@code dest} from {@code offset},
     * one after the other ({@link #dimension()} values each).
     *
     * @return the number of frames moved (0 with a listener, whose frames are never queued)
     * @throws IndexOutOfBoundsException if {@code dest} has no room for them
     * @throws IllegalArgumentException  if {@code maxFrames} is negative
     */
    public int drainTo(float[] dest, int offset, int maxFrames) {
        Objects.requireNonNull(dest, "dest");
        if (queue == null) {
            if (maxFrames < 0) {
                throw new IllegalArgumentException("maxFrames must not be negative, got " + maxFrames);
            }
            return 0;
        }
        return queue.drainTo(dest, offset, maxFrames);
    }

    /** All queued frames as a matrix ({@code frames × dimension()}), removing them from the queue. */
    public FeatureMatrix drain() {
        int n = framesAvailable();
        float[] out = new float[Math.multiplyExact(n, dimension)];
        if (n > 0) {
            queue.drainTo(out, 0, n);
        }
        return FeatureMatrix.wrap(n, dimension, out);
    }

    private void emit(float[] frame) {
        int index = framesEmitted++;
        if (listener != null) {
            listener.onFrame(index, frame);
        } else {
            queue.add(frame);
        }
    }

    /** Last stage of the chain: hands frames to the listener or the queue. */
    private final class Output implements StreamingStage {
        @Override
        public void push(float[] frame) {
            emit(frame);
        }

        @Override
        public void finish() {
        }

        @Override
        public void reset() {
        }
    }

    /** Where the streaming resampler delivers its output: the frame computation at the configured rate. */
    private final class ResampledInput implements SampleSink {
        @Override
        public double sampleRateHz() {
            return StreamingFeatureExtractor.this.config.targetSampleRateHz();
        }

        @Override
        public void accept(float[] samples, int offset, int count) {
            acceptAtFrameRate(samples, offset, count);
        }

        @Override
        public void finish() {
            finishFrames();
        }
    }
}
