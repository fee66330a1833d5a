package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cepstra.audio.Audio;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;

/**
 * Streaming extraction against batch extraction: for random chunkings (empty chunks, single samples,
 * up to several seconds) the frames must be bit-identical to {@link FeaturePipeline#extract(Audio)}.
 */
class StreamingFeatureExtractorTest {
    private static final FeatureConfig DEFAULTS = FeatureConfig.kaldiDefaults();

    /** Streaming configurations, each with a name for messages. */
    static Map<String, FeatureConfig> streamingConfigs() {
        Map<String, FeatureConfig> m = new LinkedHashMap<>();
        DeltaOptions d22 = DeltaOptions.kaldiDefaults();
        m.put("statics", DEFAULTS);
        m.put("deltas", DEFAULTS.withDeltas(d22));
        m.put("deltas order 1 window 3", DEFAULTS.withDeltas(new DeltaOptions(1, 3)));
        m.put("deltas order 3 window 1", DEFAULTS.withDeltas(new DeltaOptions(3, 1)));
        m.put("sliding cmvn + deltas", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS));
        m.put("deltas + sliding cmvn with variances", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(600, 100, false, true), CmvnPlacement.AFTER_DELTAS));
        m.put("short sliding window", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(7, 3, false, true), CmvnPlacement.BEFORE_DELTAS));
        m.put("min window beyond window", DEFAULTS.withDeltas(new DeltaOptions(1, 2))
                .withCmvn(CmvnOptions.sliding(5, 20, false, false), CmvnPlacement.AFTER_DELTAS));
        m.put("min window 0", DEFAULTS.withCmvn(CmvnOptions.sliding(3, 0, false, true), CmvnPlacement.BEFORE_DELTAS));
        m.put("centred sliding", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(40, 10, true, true), CmvnPlacement.BEFORE_DELTAS));
        m.put("centred sliding after deltas", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(9, 9, true, false), CmvnPlacement.AFTER_DELTAS));
        m.put("htk", DEFAULTS.withMfcc(MfccPresets.htk(true)).withDeltas(d22));
        m.put("htk c0 + sliding", DEFAULTS.withMfcc(MfccPresets.htk(false))
                .withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS));
        MfccSettings noSnip = MfccPresets.kaldi()
                .withFrame(FrameExtractionOptions.kaldiDefaults().withSnipEdges(false));
        m.put("no snip edges", DEFAULTS.withMfcc(noSnip));
        m.put("no snip edges + deltas + sliding", DEFAULTS.withMfcc(noSnip).withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(50, 20, false, false), CmvnPlacement.BEFORE_DELTAS));
        MfccSettings odd = MfccPresets.kaldi().withFrame(FrameExtractionOptions.kaldiDefaults()
                .withSnipEdges(false).withFrameLengthMs(20).withFrameShiftMs(8).withWindowType(WindowType.HANNING));
        m.put("no snip edges 20/8 ms", DEFAULTS.withMfcc(odd));
        MfccSettings gaps = MfccPresets.kaldi().withFrame(FrameExtractionOptions.kaldiDefaults()
                .withFrameLengthMs(5).withFrameShiftMs(12));
        m.put("frames shorter than the shift", DEFAULTS.withMfcc(gaps).withDeltas(d22));
        MfccSettings dither = MfccPresets.kaldi().withFrame(FrameExtractionOptions.kaldiDefaults()
                .withDither(1.0).withDitherSeed(42));
        m.put("dither", DEFAULTS.withMfcc(dither).withDeltas(d22));
        m.put("dither no snip", DEFAULTS.withMfcc(dither.withFrame(dither.frame().withSnipEdges(false))));
        m.put("mel40 ceps20", DEFAULTS.withMfcc(MfccPresets.kaldi()
                .withMel(MelBanksOptions.kaldiDefaults().withNumBins(40))
                .withMfcc(MfccOptions.kaldiDefaults().withNumCeps(20))));
        m.put("target rate equal to stream", DEFAULTS.withTargetSampleRateHz(8000));
        return m;
    }

    /** Configurations that need the whole recording: everything comes out at finish(). */
    static Map<String, FeatureConfig> wholeUtteranceConfigs() {
        Map<String, FeatureConfig> m = new LinkedHashMap<>();
        DeltaOptions d22 = DeltaOptions.kaldiDefaults();
        m.put("utterance cmvn", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.utterance(true), CmvnPlacement.BEFORE_DELTAS));
        m.put("speaker cmvn (the stream is its own speaker)", DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.speaker(true), CmvnPlacement.AFTER_DELTAS));
        m.put("vad", DEFAULTS.withDeltas(d22).withVad(true, VadOptions.kaldiDefaults()));
        m.put("vad + sliding", DEFAULTS.withDeltas(d22).withVad(true, VadOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.sliding(), CmvnPlacement.AFTER_DELTAS));
        m.put("htk vad", DEFAULTS.withMfcc(MfccPresets.htk(true)).withVad(true, VadOptions.kaldiDefaults()));
        m.put("subtract mean", DEFAULTS.withMfcc(MfccPresets.kaldi()
                .withMfcc(MfccOptions.kaldiDefaults().withSubtractMean(true))));
        return m;
    }

    private static final List<Audio> AUDIO_8K = new ArrayList<>();

    static {
        for (String name : ReferenceSets.FSDD12) {
            AUDIO_8K.add(TestWavs.resource(name));
        }
    }

    /** The twelve 8 kHz recordings, one after the other: about 5 s. */
    private static Audio concatenated8k() {
        int n = AUDIO_8K.stream().mapToInt(Audio::length).sum();
        float[] x = new float[n];
        int at = 0;
        for (Audio a : AUDIO_8K) {
            a.copySamples(0, a.length(), x, at);
            at += a.length();
        }
        return Audio.wrap(x, 8000);
    }

    /** Very short signals: shorter than a frame, exactly one frame, a little more. */
    private static List<Audio> tinySignals(Random rnd) {
        List<Audio> out = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, 5, 57, 199, 200, 201, 279, 280, 281, 399}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (rnd.nextGaussian() * 0.1);
            }
            out.add(Audio.wrap(x, 8000));
        }
        return out;
    }

    // ---------------------------------------------------------------- exactness

    @Test
    void streamingEqualsBatchForEveryConfigurationAndChunking() {
        Random rnd = new Random(20240611L);
        List<Audio> audios = new ArrayList<>(AUDIO_8K);
        audios.add(concatenated8k());
        audios.addAll(tinySignals(rnd));
        int runs = 0;
        for (Map.Entry<String, FeatureConfig> e : streamingConfigs().entrySet()) {
            FeaturePipeline batch = new FeaturePipeline(e.getValue());
            StreamingFeatureExtractor pull = new StreamingFeatureExtractor(e.getValue(), 8000);
            for (Audio audio : audios) {
                FeatureMatrix expected = batch.extract(audio);
                for (int trial = 0; trial < 2; trial++) {
                    String what = e.getKey() + ", " + audio + ", trial " + trial;
                    assertBitIdentical(expected, streamPulling(pull, audio, rnd), what + ", pull");
                    assertBitIdentical(expected, streamToListener(e.getValue(), audio, rnd), what + ", listener");
                    runs++;
                }
            }
        }
        assertTrue(runs > 1000, "ran " + runs);
    }

    @Test
    void streamingEqualsBatchAt16And44kHz() {
        Random rnd = new Random(7);
        for (String base : new String[] {"0_george_0", "3_theo_3", "5_nicolas_33", "9_theo_16"}) {
            for (String suffix : new String[] {"_16k", "_44k"}) {
                Audio audio = TestWavs.resource(base + suffix);
                for (String configName : new String[] {"statics", "deltas", "sliding cmvn + deltas", "htk",
                        "no snip edges + deltas + sliding", "dither"}) {
                    FeatureConfig config = streamingConfigs().get(configName);
                    FeatureMatrix expected = new FeaturePipeline(config).extract(audio);
                    StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, audio.sampleRateHz());
                    for (int trial = 0; trial < 3; trial++) {
                        assertBitIdentical(expected, streamPulling(x, audio, rnd),
                                configName + ", " + base + suffix + ", trial " + trial);
                    }
                }
            }
        }
    }

    @Test
    void wholeUtteranceConfigurationsEmitEverythingAtFinishAndEqualBatch() {
        Random rnd = new Random(99);
        List<Audio> audios = new ArrayList<>(AUDIO_8K);
        audios.add(concatenated8k());
        audios.addAll(tinySignals(rnd));
        for (Map.Entry<String, FeatureConfig> e : wholeUtteranceConfigs().entrySet()) {
            StreamingFeatureExtractor x = new StreamingFeatureExtractor(e.getValue(), 8000);
            assertEquals(StreamingFeatureExtractor.LATENCY_UNTIL_FINISH, x.latencyFrames(), e.getKey());
            FeaturePipeline batch = new FeaturePipeline(e.getValue());
            for (Audio audio : audios) {
                FeatureMatrix expected = batch.extract(audio);
                x.reset();
                float[] s = audio.samples();
                int pos = 0;
                while (pos < s.length) {
                    int c = Math.min(s.length - pos, randomChunk(rnd, 8000));
                    x.accept(s, pos, c);
                    pos += c;
                }
                assertEquals(0, x.framesAvailable(), e.getKey() + ": nothing before finish");
                x.finish();
                assertBitIdentical(expected, x.drain(), e.getKey() + ", " + audio);
            }
        }
    }

    @Test
    void vadDropsFramesAndIndicesCountTheKeptFrames() {
        FeatureConfig config = wholeUtteranceConfigs().get("vad");
        Audio audio = TestWavs.resource("8_nicolas_31");
        FeatureMatrix expected = new FeaturePipeline(config).extract(audio);
        FeatureMatrix all = new FeaturePipeline(config.withVad(false, config.vad())).extract(audio);
        assertTrue(expected.rows() < all.rows(), "the recording has unvoiced frames");
        List<Integer> indices = new ArrayList<>();
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, 8000, (i, f) -> indices.add(i));
        x.accept(audio.samples());
        assertTrue(indices.isEmpty());
        x.finish();
        assertEquals(expected.rows(), indices.size());
        for (int i = 0; i < indices.size(); i++) {
            assertEquals(i, indices.get(i));
        }
    }

    @Test
    void resetStartsTheDitherNoiseAgain() {
        FeatureConfig config = streamingConfigs().get("dither");
        Audio audio = AUDIO_8K.get(0);
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, 8000);
        x.accept(audio.samples());
        x.finish();
        FeatureMatrix first = x.drain();
        x.reset();
        x.accept(audio.samples());
        x.finish();
        assertBitIdentical(first, x.drain(), "same recording after reset");
        FeatureMatrix undithered = new FeaturePipeline(DEFAULTS.withDeltas(DeltaOptions.kaldiDefaults()))
                .extract(audio);
        assertFalse(first.equals(undithered), "dither changes the frames");
    }

    // ---------------------------------------------------------------- timing of emission

    @Test
    void framesLeaveAsSoonAsTheyAreCompleteWithoutDeltasOrCmvn() {
        Audio audio = AUDIO_8K.get(1);
        List<Long> acceptedAtEmission = new ArrayList<>();
        StreamingFeatureExtractor[] holder = new StreamingFeatureExtractor[1];
        holder[0] = new StreamingFeatureExtractor(DEFAULTS, 8000,
                (i, f) -> acceptedAtEmission.add(holder[0].samplesAccepted()));
        StreamingFeatureExtractor x = holder[0];
        assertEquals(0, x.latencyFrames());
        float[] s = audio.samples();
        for (int i = 0; i < s.length; i++) {
            x.accept(s, i, 1);
        }
        int before = acceptedAtEmission.size();
        x.finish();
        assertEquals(before, acceptedAtEmission.size(), "snip-edges: nothing held back for finish()");
        for (int t = 0; t < acceptedAtEmission.size(); t++) {
            assertEquals(200L + 80L * t, acceptedAtEmission.get(t), "frame " + t + " leaves with its last sample");
        }
    }

    @Test
    void measuredLatencyEqualsLatencyFrames() {
        Audio audio = concatenated8k();
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("statics", 0);
        expected.put("deltas", 4);
        expected.put("deltas order 1 window 3", 3);
        expected.put("deltas order 3 window 1", 3);
        expected.put("sliding cmvn + deltas", 99);
        expected.put("deltas + sliding cmvn with variances", 103);
        expected.put("short sliding window", 4);
        expected.put("min window beyond window", 21);
        expected.put("min window 0", 0);
        expected.put("centred sliding", 39);
        expected.put("centred sliding after deltas", 12);
        expected.put("no snip edges + deltas + sliding", 19);
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            FeatureConfig config = streamingConfigs().get(e.getKey());
            FrameExtractionOptions frame = config.mfcc().frame();
            MfccComputer mfcc = config.mfcc().newExtractor().forSampleRate(8000);
            List<Long> acceptedAtEmission = new ArrayList<>();
            StreamingFeatureExtractor[] holder = new StreamingFeatureExtractor[1];
            holder[0] = new StreamingFeatureExtractor(config, 8000,
                    (i, f) -> acceptedAtEmission.add(holder[0].samplesAccepted()));
            StreamingFeatureExtractor x = holder[0];
            assertEquals(e.getValue(), x.latencyFrames(), e.getKey());
            float[] s = audio.samples();
            for (int i = 0; i < s.length; i++) {
                x.accept(s, i, 1);
            }
            int beforeFinish = acceptedAtEmission.size();
            int total = mfcc.numFrames(s.length);
            assertTrue(beforeFinish > total - 50, e.getKey() + ": most frames leave before finish()");
            x.finish();
            assertEquals(total, acceptedAtEmission.size());
            int worst = 0;
            for (int t = 0; t < beforeFinish; t++) {
                int staticsDone = completeFrames(frame, acceptedAtEmission.get(t));
                worst = Math.max(worst, staticsDone - 1 - t);
            }
            assertEquals(e.getValue(), worst, e.getKey() + ": measured latency");
        }
    }

    @Test
    void latencyOfKaldiDefaultsAndCentredWindows() {
        DeltaOptions d22 = DeltaOptions.kaldiDefaults();
        CmvnOptions centred = CmvnOptions.sliding(600, 100, true, false);
        assertEquals(99, latency(DEFAULTS.withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS)));
        assertEquals(99, latency(DEFAULTS.withDeltas(d22).withCmvn(CmvnOptions.sliding(), CmvnPlacement.BEFORE_DELTAS)));
        assertEquals(103, latency(DEFAULTS.withDeltas(d22).withCmvn(CmvnOptions.sliding(), CmvnPlacement.AFTER_DELTAS)));
        assertEquals(599, latency(DEFAULTS.withDeltas(d22).withCmvn(centred, CmvnPlacement.BEFORE_DELTAS)));
        assertEquals(603, latency(DEFAULTS.withDeltas(d22).withCmvn(centred, CmvnPlacement.AFTER_DELTAS)));
        // centred window 4 with deltas reaching 4: max(4 - 1, 4 - 2 - 1 + 4) = 5
        assertEquals(5, latency(DEFAULTS.withDeltas(d22)
                .withCmvn(CmvnOptions.sliding(4, 1, true, false), CmvnPlacement.BEFORE_DELTAS)));
    }

    private static int latency(FeatureConfig config) {
        return new StreamingFeatureExtractor(config, 8000).latencyFrames();
    }

    @Test
    void noSnipEdgesHoldsOnlyTheEndFramesForFinish() {
        FeatureConfig config = streamingConfigs().get("no snip edges");
        Audio audio = AUDIO_8K.get(2);
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, 8000);
        x.accept(audio.samples());
        int n = audio.length();
        int total = (n + 40) / 80;
        // Frame f (start 80 f + 40 - 100) is complete without the end once 80 f + 140 <= n.
        int complete = (n - 140) / 80 + 1;
        assertEquals(complete, x.framesAvailable());
        assertTrue(total - complete >= 1 && total - complete <= 2, "one or two end frames: " + (total - complete));
        x.finish();
        assertEquals(total, x.framesAvailable());
    }

    // ---------------------------------------------------------------- pull API

    @Test
    void drainToCopiesRowMajorAndRespectsTheLimit() {
        Audio audio = AUDIO_8K.get(3);
        FeatureConfig config = streamingConfigs().get("deltas");
        FeatureMatrix expected = new FeaturePipeline(config).extract(audio);
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, 8000);
        x.accept(audio.samples());
        x.finish();
        int dims = x.dimension();
        assertEquals(39, dims);
        float[] dest = new float[3 + 5 * dims];
        assertEquals(5, x.drainTo(dest, 3, 5));
        assertEquals(expected.rows() - 5, x.framesAvailable());
        float[] want = new float[5 * dims];
        expected.copyRows(0, 5, want, 0);
        assertArrayEquals(want, Arrays.copyOfRange(dest, 3, dest.length));
        assertEquals(0, x.drainTo(dest, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> x.drainTo(new float[dims - 1], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> x.drainTo(dest, 0, -1));
        FeatureMatrix rest = x.drain();
        assertBitIdentical(expected.rowRange(5, expected.rows()), rest, "rest");
        assertEquals(0, x.drain().rows());
    }

    @Test
    void listenerModeQueuesNothing() {
        int[] count = new int[1];
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(DEFAULTS, 8000, (i, f) -> count[0]++);
        x.accept(AUDIO_8K.get(0).samples());
        x.finish();
        assertTrue(count[0] > 10);
        assertEquals(count[0], x.framesEmitted());
        assertEquals(0, x.framesAvailable());
        assertEquals(0, x.drainTo(new float[13], 0, 1));
        assertEquals(0, x.drain().rows());
    }

    @Test
    void finishIsIdempotentAndResetAllowsTheNextRecording() {
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(streamingConfigs().get("deltas"), 8000);
        Audio a = AUDIO_8K.get(4);
        Audio b = AUDIO_8K.get(5);
        x.accept(a.samples());
        x.finish();
        int frames = x.framesAvailable();
        x.finish();
        assertEquals(frames, x.framesAvailable(), "second finish() does nothing");
        assertTrue(x.isFinished());
        assertThrows(IllegalStateException.class, () -> x.accept(new float[1], 0, 1));
        assertThrows(IllegalStateException.class, () -> x.accept(new float[0], 0, 0));
        x.reset();
        assertFalse(x.isFinished());
        assertEquals(0, x.framesAvailable());
        assertEquals(0, x.samplesAccepted());
        float[] half = a.samples();
        x.accept(half, 0, half.length / 2); // abandoned midway
        x.reset();
        x.accept(b.samples());
        x.finish();
        assertBitIdentical(new FeaturePipeline(x.config()).extract(b), x.drain(), "after reset");
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void rejectsWhatItCannotDo() {
        // a stream at another rate is resampled, a fractional rate pair cannot be streamed
        assertEquals(8000, new StreamingFeatureExtractor(DEFAULTS.withTargetSampleRateHz(16000), 8000).sampleRateHz());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StreamingFeatureExtractor(DEFAULTS.withTargetSampleRateHz(16000), 8000.5));
        assertTrue(e.getMessage().contains("16000.0 Hz") && e.getMessage().contains("8000.5 Hz"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StreamingFeatureExtractor(DEFAULTS, 0));
        assertThrows(IllegalArgumentException.class, () -> new StreamingFeatureExtractor(DEFAULTS, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new StreamingFeatureExtractor(DEFAULTS, -8000));
        assertThrows(IllegalArgumentException.class, () -> new StreamingFeatureExtractor(DEFAULTS, 50),
                "a 25 ms frame at 50 Hz is one sample");
        assertThrows(NullPointerException.class, () -> new StreamingFeatureExtractor(null, 8000));
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(DEFAULTS, 8000);
        assertThrows(IndexOutOfBoundsException.class, () -> x.accept(new float[10], 5, 6));
        assertThrows(IndexOutOfBoundsException.class, () -> x.accept(new float[10], -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> x.accept(new float[10], 0, -1));
        assertThrows(NullPointerException.class, () -> x.accept(null, 0, 0));
        assertEquals(0, x.samplesAccepted(), "rejected chunks are not taken");
    }

    @Test
    void describesItself() {
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(streamingConfigs().get("deltas"), 16000);
        assertEquals(16000.0, x.sampleRateHz());
        assertEquals(400, x.frameLengthSamples());
        assertEquals(160, x.frameShiftSamples());
        assertEquals(39, x.dimension());
        assertEquals(4, x.latencyFrames());
    }

    // ---------------------------------------------------------------- helpers

    /** Number of MFCC frames whose window lies within the first {@code samples} samples (end unknown). */
    private static int completeFrames(FrameExtractionOptions frame, long samples) {
        int len = frame.windowSizeSamples(8000);
        int f = 0;
        while (frame.firstSampleOfFrame(f, 8000) + len <= samples) {
            f++;
        }
        return f;
    }

    /** A random chunk length: often empty or tiny, sometimes up to 4 s. */
    static int randomChunk(Random rnd, int rateHz) {
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            return 0;
        } else if (kind <= 3) {
            return 1 + rnd.nextInt(16);
        } else if (kind <= 6) {
            return 1 + rnd.nextInt(400);
        } else if (kind <= 8) {
            return 1 + rnd.nextInt(rateHz);
        }
        return 1 + rnd.nextInt(4 * rateHz);
    }

    /**
     * Feeds {@code audio} in random chunks, each copied to a random offset of a scratch array that is
     * scribbled over after the call (the extractor must not keep it), pulling frames at random times.
     */
    static FeatureMatrix streamPulling(StreamingFeatureExtractor x, Audio audio, Random rnd) {
        x.reset();
        int rate = (int) audio.sampleRateHz();
        float[] s = audio.samples();
        int dims = x.dimension();
        float[] collected = new float[0];
        int rows = 0;
        float[] scratch = new float[0];
        int pos = 0;
        while (pos < s.length || rnd.nextInt(4) == 0) {
            int c = Math.min(s.length - pos, randomChunk(rnd, rate));
            int off = rnd.nextInt(8);
            if (scratch.length < off + c + 8) {
                scratch = new float[off + c + 8];
            }
            System.arraycopy(s, pos, scratch, off, c);
            x.accept(scratch, off, c);
            Arrays.fill(scratch, Float.NaN);
            pos += c;
            if (rnd.nextBoolean()) {
                int want = rnd.nextInt(x.framesAvailable() + 2);
                collected = ensure(collected, (rows + want) * dims);
                rows += x.drainTo(collected, rows * dims, want);
            }
        }
        x.finish();
        int want = x.framesAvailable();
        collected = ensure(collected, (rows + want) * dims);
        rows += x.drainTo(collected, rows * dims, want);
        assertEquals(0, x.framesAvailable());
        assertEquals(rows, x.framesEmitted());
        assertEquals(s.length, x.samplesAccepted());
        return FeatureMatrix.wrap(rows, dims, Arrays.copyOf(collected, rows * dims));
    }

    /** Feeds {@code audio} in random chunks to a new extractor with a listener that copies each frame. */
    static FeatureMatrix streamToListener(FeatureConfig config, Audio audio, Random rnd) {
        List<float[]> frames = new ArrayList<>();
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, audio.sampleRateHz(), (i, f) -> {
            assertEquals(frames.size(), i, "frame indices count up from 0");
            frames.add(f.clone());
            Arrays.fill(f, Float.NaN); // the extractor must not read it back
        });
        float[] s = audio.samples();
        int pos = 0;
        while (pos < s.length) {
            int c = Math.min(s.length - pos, randomChunk(rnd, (int) audio.sampleRateHz()));
            x.accept(s, pos, c);
            pos += c;
        }
        x.finish();
        int dims = x.dimension();
        float[] out = new float[frames.size() * dims];
        for (int r = 0; r < frames.size(); r++) {
            System.arraycopy(frames.get(r), 0, out, r * dims, dims);
        }
        return FeatureMatrix.wrap(frames.size(), dims, out);
    }

    private static float[] ensure(float[] a, int n) {
        return a.length >= n ? a : Arrays.copyOf(a, Math.max(n, 2 * a.length));
    }

    /** Same shape and the same bits in every value. */
    static void assertBitIdentical(FeatureMatrix expected, FeatureMatrix actual, String what) {
        assertEquals(expected.cols(), actual.cols(), what + ": columns");
        assertEquals(expected.rows(), actual.rows(), what + ": frames");
        for (int r = 0; r < expected.rows(); r++) {
            for (int c = 0; c < expected.cols(); c++) {
                float e = expected.get(r, c);
                float a = actual.get(r, c);
                if (Float.floatToRawIntBits(e) != Float.floatToRawIntBits(a)) {
                    fail(what + ": frame " + r + " column " + c + ": batch " + e + ", streaming " + a);
                }
            }
        }
    }

    @Test
    void channelSelectionIsIrrelevantForMonoStreams() {
        FeatureConfig config = DEFAULTS.withChannels(ChannelSelection.channel(1));
        Audio audio = AUDIO_8K.get(6);
        StreamingFeatureExtractor x = new StreamingFeatureExtractor(config, 8000);
        assertBitIdentical(new FeaturePipeline(config).extract(audio), streamPulling(x, audio, new Random(1)), "mono");
    }
}
