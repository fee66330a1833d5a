package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-speaker CMVN over a corpus: Kaldi's compute-cmvn-stats --spk2utt + apply-cmvn --utt2spk. */
class SpeakerCmvnExtractionTest {
    private static final FeatureConfig SPEAKER = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
            .withCmvn(CmvnOptions.speaker(true), CmvnPlacement.AFTER_DELTAS);
    private static final FeatureConfig UTTERANCE = SPEAKER.withCmvn(CmvnOptions.utterance(true),
            CmvnPlacement.AFTER_DELTAS);
    private static final FeatureConfig NONE = SPEAKER.withCmvn(CmvnOptions.none(), CmvnPlacement.AFTER_DELTAS);

    @TempDir
    Path tmp;
    private Corpus corpus;

    @BeforeEach
    void copyRecordings() throws Exception {
        List<Utterance> us = new ArrayList<>();
        String[][] files = {{"0_george_0", "george"}, {"7_george_12", "george"}, {"1_jackson_1", "jackson"},
                {"3_theo_3", null}};
        for (String[] f : files) {
            Path wav = tmp.resolve(f[0] + ".wav");
            Files.copy(Path.of(getClass().getResource("/kaldi-mfcc/wavs/" + f[0] + ".wav").toURI()), wav);
            us.add(new Utterance(f[0], wav, f[0].substring(0, 1), Optional.ofNullable(f[1]), Optional.empty()));
        }
        corpus = Corpus.of(us);
    }

    private List<FeatureMatrix> frames(FeatureConfig config, int threads) {
        List<FeatureMatrix> out = new ArrayList<>();
        for (UtteranceFrames u : new CorpusFeatureExtractor(new FeaturePipeline(config), threads)
                .extract(corpus, ModelTrainingListener.none()).utterances()) {
            out.add(u.frames());
        }
        return out;
    }

    @Test
    void aSpeakersUtterancesAreNormalisedTogether() {
        List<FeatureMatrix> raw = frames(NONE, 1);
        List<FeatureMatrix> norm = frames(SPEAKER, 1);
        FeatureMatrix george = FeatureMatrix.stack(List.of(raw.get(0), raw.get(1)));
        int rows = george.rows();
        for (int c = 0; c < george.cols(); c++) {
            double mean = 0;
            double var = 0;
            for (int t = 0; t < rows; t++) {
                mean += george.get(t, c);
            }
            mean /= rows;
            for (int t = 0; t < rows; t++) {
                var += (george.get(t, c) - mean) * (george.get(t, c) - mean);
            }
            double sd = Math.sqrt(var / rows);
            // brute force: every frame of both recordings, normalised by the pooled mean and deviation
            for (int t = 0; t < rows; t++) {
                FeatureMatrix m = t < raw.get(0).rows() ? norm.get(0) : norm.get(1);
                int r = t < raw.get(0).rows() ? t : t - raw.get(0).rows();
                assertEquals((george.get(t, c) - mean) / sd, m.get(r, c), 2e-4, "column " + c + " frame " + t);
            }
        }
        // each of george's utterances alone is not centred: the speaker's mean is shared
        double firstMean = 0;
        for (int t = 0; t < norm.get(0).rows(); t++) {
            firstMean += norm.get(0).get(t, 1);
        }
        assertTrue(Math.abs(firstMean / norm.get(0).rows()) > 0.05, "first recording's c1 mean " + firstMean);
    }

    @Test
    void aSpeakerWithOneUtteranceAndAnUtteranceWithoutSpeakerAreTheirOwnStatistics() {
        List<FeatureMatrix> speaker = frames(SPEAKER, 1);
        List<FeatureMatrix> utterance = frames(UTTERANCE, 1);
        assertArrayEquals(utterance.get(2).toArray(), speaker.get(2).toArray());
        assertArrayEquals(utterance.get(3).toArray(), speaker.get(3).toArray());
        assertFalse(java.util.Arrays.equals(utterance.get(0).toArray(), speaker.get(0).toArray()));
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        List<FeatureMatrix> one = frames(SPEAKER, 1);
        List<FeatureMatrix> three = frames(SPEAKER, 3);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i).toArray(), three.get(i).toArray());
        }
    }

    @Test
    void anUnreadableFileIsSkippedAndTheSpeakersOtherRecordingsStillCount() throws Exception {
        Path bad = tmp.resolve("5_george_9.wav");
        Files.writeString(bad, "not a wav");
        List<Utterance> us = new ArrayList<>(corpus.utterances());
        us.add(new Utterance("5_george_9", bad, "5", Optional.of("george"), Optional.empty()));
        corpus = Corpus.of(us);
        CorpusFrames result = new CorpusFeatureExtractor(new FeaturePipeline(SPEAKER), 2)
                .extract(corpus, ModelTrainingListener.none());
        assertEquals(4, result.utterances().size());
        assertEquals(1, result.skipped().size());
        assertEquals(bad, result.skipped().get(0).file());
        corpus = Corpus.of(us.subList(0, 4));
        assertArrayEquals(frames(SPEAKER, 1).get(0).toArray(), result.utterances().get(0).frames().toArray());
        assertThrows(UnusableFileException.class, () -> new CorpusFeatureExtractor(new FeaturePipeline(SPEAKER), 2, true)
                .extract(Corpus.of(us), ModelTrainingListener.none()));
    }
}
