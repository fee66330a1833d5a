package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.cepstra.audio.Audio;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavWriter;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Segment;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.features.FrameExtractionOptions;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments of a time alignment take the frames of their whole recording whose centre lies inside them:
 * which frames each gets, and that they are the frames of the whole file, deltas and CMVN included.
 */
class SegmentsFromRecordingTest {
    /** Kaldi defaults at 16 kHz: 400-sample frames every 160 samples; snip-edges centres 160t + 200. */
    private static final FeatureConfig UTTERANCE_CMN = FeatureConfig.kaldiDefaults()
            .withDeltas(DeltaOptions.kaldiDefaults()).withCmvn(CmvnOptions.utterance(false), CmvnPlacement.AFTER_DELTAS);
    private static final FrameExtractionOptions SNIP = UTTERANCE_CMN.mfcc().frame();
    private static final int LENGTH = 4000; // 0.25 s: 1 + (4000 - 400) / 160 = 23 frames, last centre 3720

    @TempDir
    Path tmp;

    private Path recording(String name, long seed) throws Exception {
        Random random = new Random(seed);
        float[] x = new float[LENGTH];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * (300 + 40 * seed) * i / 16000.0) + 0.05 * random.nextGaussian());
        }
        Path wav = tmp.resolve(name + ".wav");
        new WavWriter(SampleEncoding.FLOAT_32).write(wav, Audio.of(x, 16000));
        return wav;
    }

    private static Utterance segment(String id, Path wav, String label, double start, double end) {
        return new Utterance(id, wav, label, Optional.empty(), Optional.of(Segment.ofRecording(start, end)));
    }

    private static SegmentFrameRanges.Range range(FrameExtractionOptions framing, double start, double end, int frames) {
        return new SegmentFrameRanges(framing, 16000).range(Segment.ofRecording(start, end), LENGTH, frames);
    }

    @Test
    void eachSegmentGetsTheFramesWhoseCentreLiesInside() {
        assertEquals(23, SNIP.numFrames(LENGTH, 16000));
        assertEquals(200.0, SNIP.frameCentreSample(0, 16000));
        assertEquals(3720.0, SNIP.frameCentreSample(22, 16000));
        // [0, 480): centres 200 and 360
        assertEquals(new SegmentFrameRanges.Range(0, 2), range(SNIP, 0.0, 0.03, 23));
        // [480, 520): no centre (520 is frame 2's, and the end is exclusive)
        assertEquals(0, range(SNIP, 0.03, 0.0325, 23).size());
        // [520, 1600): a centre on the start boundary belongs to the segment; 1640 (frame 9) does not
        assertEquals(new SegmentFrameRanges.Range(2, 9), range(SNIP, 0.0325, 0.1, 23));
        // the last segment, to the recording's last sample: frames 9..22
        assertEquals(new SegmentFrameRanges.Range(9, 23), range(SNIP, 0.1, 0.25, 23));
        // a first segment shorter than half a frame lies before the first centre
        assertEquals(0, range(SNIP, 0.0, 0.0125, 23).size());
        // 2.0125 s times 16000 is 32200.000000000004 in binary: frame 200's centre, 32200, still starts it
        assertEquals(new SegmentFrameRanges.Range(200, 209),
                new SegmentFrameRanges(SNIP, 16000).range(Segment.ofRecording(2.0125, 2.1), 40_000, 248));
    }

    @Test
    void withoutSnipEdgesCentresLieAtHalfAShift() {
        FrameExtractionOptions noSnip = SNIP.withSnipEdges(false);
        int frames = noSnip.numFrames(LENGTH, 16000); // (4000 + 80) / 160 = 25
        assertEquals(25, frames);
        assertEquals(80.0, noSnip.frameCentreSample(0, 16000));
        assertEquals(240.0, noSnip.frameCentreSample(1, 16000));
        // [480, 1600): centres 560 (t = 3) .. 1520 (t = 9)
        assertEquals(new SegmentFrameRanges.Range(3, 10), range(noSnip, 0.03, 0.1, frames));
        assertEquals(new SegmentFrameRanges.Range(0, 3), range(noSnip, 0.0, 0.03, frames));
        assertEquals(new SegmentFrameRanges.Range(10, 25), range(noSnip, 0.1, 0.25, frames));
    }

    @Test
    void segmentsOutsideTheRecordingAreRefused() {
        SegmentFrameRanges ranges = new SegmentFrameRanges(SNIP, 16000);
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class,
                () -> ranges.range(Segment.ofRecording(0.25, 0.255), LENGTH, 23));
        assertEquals("segment 0.250-0.255 s lies outside the recording (0.250 s)", after.getMessage());
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class,
                () -> ranges.range(Segment.ofRecording(0.2, 0.3), LENGTH, 23));
        assertEquals("segment [0.2, 0.3) s ends 0.050 s beyond the end of the recording (0.250 s); not clipped",
                beyond.getMessage());
        // within the 10 ms overshoot: cut at the end
        assertEquals(new SegmentFrameRanges.Range(9, 23), ranges.range(Segment.ofRecording(0.1, 0.255), LENGTH, 23));
    }

    private static CorpusFrames extract(FeatureConfig config, Corpus corpus, int threads) {
        return new CorpusFeatureExtractor(new FeaturePipeline(config), threads).extract(corpus,
                ModelTrainingListener.none());
    }

    private Corpus alignment(Path wav, String prefix) {
        return Corpus.of(List.of(segment(prefix + "_0", wav, "a", 0.0, 0.03),
                segment(prefix + "_1", wav, "b", 0.03, 0.0325),
                segment(prefix + "_2", wav, "c", 0.0325, 0.1),
                segment(prefix + "_3", wav, "d", 0.1, 0.25)));
    }

    @Test
    void segmentFramesAreTheRowsOfTheWholeFile() throws Exception {
        Path wav = recording("r", 1);
        for (FeatureConfig config : List.of(UTTERANCE_CMN, UTTERANCE_CMN.withCmvn(CmvnOptions.utterance(true),
                CmvnPlacement.BEFORE_DELTAS), UTTERANCE_CMN.withCmvn(CmvnOptions.none(), CmvnPlacement.AFTER_DELTAS))) {
            FeatureMatrix whole = new FeaturePipeline(config).extract(wav);
            assertEquals(23, whole.rows());
            CorpusFrames frames = extract(config, alignment(wav, "r"), 2);
            assertEquals(List.of("r_0", "r_2", "r_3"), frames.utterances().stream().map(u -> u.utterance().id()).toList());
            assertEquals(whole.rowRange(0, 2), frames.utterances().get(0).frames());
            assertEquals(whole.rowRange(2, 9), frames.utterances().get(1).frames());
            assertEquals(whole.rowRange(9, 23), frames.utterances().get(2).frames());
            assertEquals(List.of(new SkippedFile(wav.toAbsolutePath().normalize(), "utterance r_1: no frame of the "
                    + "recording has its centre inside this 3 ms segment")), fixPaths(frames.skipped()));
        }
    }

    private static List<SkippedFile> fixPaths(List<SkippedFile> skipped) {
        List<SkippedFile> out = new ArrayList<>();
        for (SkippedFile s : skipped) {
            out.add(new SkippedFile(s.file().toAbsolutePath().normalize(), s.reason()));
        }
        return out;
    }

    @Test
    void utteranceCmvnNormalisesOverTheWholeRecording() throws Exception {
        Path wav = recording("r", 2);
        CorpusFrames frames = extract(UTTERANCE_CMN, alignment(wav, "r"), 1);
        List<FeatureMatrix> parts = new ArrayList<>();
        frames.utterances().forEach(u -> parts.add(u.frames()));
        FeatureMatrix all = FeatureMatrix.stack(parts);
        assertEquals(23, all.rows());
        for (int c = 0; c < all.cols(); c++) {
            double sum = 0;
            double first = 0;
            for (int t = 0; t < all.rows(); t++) {
                sum += all.get(t, c);
            }
            for (int t = 0; t < 2; t++) {
                first += all.get(t, c);
            }
            assertEquals(0.0, sum / all.rows(), 1e-4, "column " + c + ": mean over the recording is removed");
            if (c == 1) {
                // the first segment alone is not centred: its mean is not what was removed
                assertEquals(true, Math.abs(first / 2) > 1e-3, "column 1 of the first segment");
            }
        }
        // per speaker without a known speaker: the recording is the speaker, the same frames
        CorpusFrames bySpeaker = extract(UTTERANCE_CMN.withCmvn(CmvnOptions.speaker(false), CmvnPlacement.AFTER_DELTAS),
                alignment(wav, "r"), 2);
        assertEquals(frames.utterances(), bySpeaker.utterances());
    }

    @Test
    void aSpeakersRecordingsArePooledOncePerRecording() throws Exception {
        Path a = recording("a", 3);
        Path b = recording("b", 4);
        List<Utterance> us = new ArrayList<>();
        for (Utterance u : alignment(a, "a").utterances()) {
            us.add(new Utterance(u.id(), u.audioFile(), u.label(), Optional.of("s"), u.segment()));
        }
        for (Utterance u : alignment(b, "b").utterances()) {
            us.add(new Utterance(u.id(), u.audioFile(), u.label(), Optional.of("s"), u.segment()));
        }
        FeatureConfig speaker = UTTERANCE_CMN.withCmvn(CmvnOptions.speaker(true), CmvnPlacement.AFTER_DELTAS);
        FeaturePipeline p = new FeaturePipeline(speaker);
        FeatureMatrix sa = p.staticFeatures(new org.cepstra.audio.WavReader().read(a));
        FeatureMatrix sb = p.staticFeatures(new org.cepstra.audio.WavReader().read(b));
        var pooled = p.cmvnStatistics(sa).plus(p.cmvnStatistics(sb));
        assertEquals(46.0, pooled.count(), 0.0);
        FeatureMatrix wholeA = p.postProcess(sa, pooled);
        FeatureMatrix wholeB = p.postProcess(sb, pooled);
        CorpusFrames frames = extract(speaker, Corpus.of(us), 2);
        assertEquals(6, frames.utterances().size());
        assertEquals(wholeA.rowRange(2, 9), frames.utterances().get(1).frames());
        assertEquals(wholeB.rowRange(9, 23), frames.utterances().get(5).frames());
        assertArrayEquals(wholeB.rowRange(0, 2).toArray(), frames.utterances().get(3).frames().toArray());
    }

    @Test
    void cutSegmentsAreStillFeaturisedAlone() throws Exception {
        Path wav = recording("r", 5);
        Utterance cut = new Utterance("cut", wav, "c", Optional.empty(), Optional.of(new Segment(0.0325, 0.1)));
        FeatureMatrix alone = new FeaturePipeline(UTTERANCE_CMN).extract(
                org.cepstra.audio.Audio.wrap(java.util.Arrays.copyOfRange(
                        new org.cepstra.audio.WavReader().read(wav).samples(), 520, 1600), 16000));
        CorpusFrames frames = extract(UTTERANCE_CMN, Corpus.of(List.of(cut)), 1);
        assertEquals(alone, frames.utterances().get(0).frames());
        assertEquals(1 + (1080 - 400) / 160, alone.rows());
    }
}
