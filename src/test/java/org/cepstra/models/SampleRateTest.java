package org.cepstra.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cepstra.audio.Audio;
import org.cepstra.audio.Resampler;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavWriter;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.corpus.Utterance;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.scoring.Scorer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model set records the rate its features were made at, and audio at another rate is resampled to
 * it: scoring 16 and 44.1 kHz copies of 8 kHz recordings gives the answers of the originals (before,
 * the copies were framed at their own rate and 93% of them came out wrong with full confidence).
 */
class SampleRateTest {
    private static final Path FSDD = Path.of("corpora/fsdd/recordings");
    private static final FeatureConfig CONFIG = FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults());
    private static ModelSet digits;
    private static List<Utterance> test;

    @BeforeAll
    static void train() throws Exception {
        Corpus all = FileNamePatternLabels.fsddDigits().read(FSDD);
        List<Utterance> train = new ArrayList<>();
        test = new ArrayList<>();
        for (Utterance u : all.utterances()) {
            (u.id().matches(".*_[0-4]$") ? test : train).add(u);
        }
        digits = new ModelSetTrainer(CONFIG, TrainingConfig.defaults(8).withSeed(1), 2)
                .train(Corpus.of(train)).modelSet();
    }

    @Test
    void theModelSetRecordsTheRateOfItsCorpus() {
        assertEquals(8000, digits.featureConfig().targetSampleRateHz());
    }

    @Test
    void audioAtAnotherRateIsResampledToTheModelsRate() throws IOException {
        Scorer scorer = new Scorer(digits);
        WavReader reader = new WavReader();
        Resampler resampler = new Resampler();
        int same = 0;
        int total = 0;
        for (Utterance u : test.subList(0, 40)) {
            Audio audio = reader.read(u.audioFile());
            String original = scorer.classify(audio).bestLabel();
            for (double rate : new double[] {16000, 44100}) {
                String resampled = scorer.classify(resampler.resample(audio, rate)).bestLabel();
                same += resampled.equals(original) ? 1 : 0;
                total++;
            }
        }
        // up and back down again is close to the identity below 3.96 kHz: the answers agree
        assertTrue(same >= 0.95 * total, same + " of " + total + " agree");
    }

    @Test
    void aCorpusOfMixedRatesIsTrainedAtItsMostCommonRate(@TempDir Path dir) throws IOException {
        // 12 recordings: 8 stay at 8 kHz, 4 are written at 16 kHz
        WavReader reader = new WavReader();
        WavWriter writer = new WavWriter(SampleEncoding.PCM_SIGNED_16);
        List<Utterance> mixed = new ArrayList<>();
        List<Utterance> source = test.subList(0, 12);
        for (int i = 0; i < source.size(); i++) {
            Utterance u = source.get(i);
            Path copy = dir.resolve(u.audioFile().getFileName());
            Audio audio = reader.read(u.audioFile());
            writer.write(copy, i % 3 == 0 ? new Resampler().resample(audio, 16000) : audio);
            mixed.add(Utterance.wholeFile(u.id(), copy, u.label()));
        }
        SampleRates rates = SampleRates.survey(Corpus.of(mixed), reader, 0);
        assertEquals(Map.of(8000, 8, 16000, 4), new TreeMap<>(rates.filesByRateHz()));
        assertEquals(8000, rates.chosenRateHz());
        assertEquals(4, rates.resampledFiles());
        assertEquals("features at 8000 Hz; 4 of 12 files resampled (from 16000 Hz: 4)", rates.describe());
        ModelSetTrainer trainer = new ModelSetTrainer(CONFIG, TrainingConfig.defaults(1), 2);
        ModelSet set = trainer.train(Corpus.of(mixed)).modelSet();
        assertEquals(8000, set.featureConfig().targetSampleRateHz());
        // the user's --sample-frequency wins over the majority
        assertEquals(16000, new ModelSetTrainer(CONFIG.withTargetSampleRateHz(16000), TrainingConfig.defaults(1), 2)
                .train(Corpus.of(mixed)).modelSet().featureConfig().targetSampleRateHz());
        // extraction counts the rates the files came at
        CorpusFrames frames = new CorpusFeatureExtractor(new org.cepstra.features.FeaturePipeline(
                CONFIG.withTargetSampleRateHz(8000)), 2).extract(Corpus.of(mixed), ModelTrainingListener.none());
        assertEquals(4, frames.sampleRates().resampledFiles());
        assertTrue(Files.exists(dir.resolve(source.get(0).audioFile().getFileName())));
    }

    @Test
    void aModelFileWithoutARateStaysReadableAndIsRefusedOnlyForAudio(@TempDir Path dir) throws IOException {
        // what older versions wrote: the feature configuration with target rate 0
        ModelSet old = new ModelSet(digits.models(), digits.featureConfig().withTargetSampleRateHz(0),
                digits.training(), digits.labels(), 0);
        Path file = dir.resolve("old.npz");
        org.cepstra.io.model.ModelSetFile.write(file, old);
        ModelSet read = org.cepstra.io.model.ModelSetFile.read(file);
        assertEquals(0, read.featureConfig().targetSampleRateHz());
        Scorer scorer = new Scorer(read);
        Audio audio = new WavReader().read(test.get(0).audioFile());
        // frames made elsewhere need no rate
        assertEquals(new Scorer(digits).classify(audio).bestLabel(),
                scorer.score(new org.cepstra.features.FeaturePipeline(digits.featureConfig()).extract(audio)).bestLabel());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> scorer.classify(audio));
        assertTrue(e.getMessage().contains("does not record the sample rate"), e.getMessage());
    }

    @Test
    void framesOfMixedRatesCannotTrainOneModelSetAndOneRateIsRecorded(@TempDir Path dir) throws IOException {
        WavReader reader = new WavReader();
        WavWriter writer = new WavWriter(SampleEncoding.PCM_SIGNED_16);
        List<Utterance> mixed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Utterance u = test.get(i);
            Path copy = dir.resolve(u.audioFile().getFileName());
            Audio audio = reader.read(u.audioFile());
            writer.write(copy, i % 2 == 0 ? new Resampler().resample(audio, 16000) : audio);
            mixed.add(Utterance.wholeFile(u.id(), copy, u.label()));
        }
        // each file at its own rate (no target): the frames say so, and training refuses to pool them
        CorpusFrames ownRates = new CorpusFeatureExtractor(new org.cepstra.features.FeaturePipeline(CONFIG), 2)
                .extract(Corpus.of(mixed), ModelTrainingListener.none());
        assertEquals(Map.of(8000, 3, 16000, 3), new TreeMap<>(ownRates.sampleRates().filesByRateHz()));
        ModelSetTrainer trainer = new ModelSetTrainer(CONFIG, TrainingConfig.defaults(1), 2).withCalibrationFolds(0);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> trainer.train(ownRates, ModelTrainingListener.none()));
        assertTrue(e.getMessage().contains("[8000, 16000] Hz"), e.getMessage());
        // frames of one rate: that rate is recorded
        CorpusFrames one = new CorpusFeatureExtractor(new org.cepstra.features.FeaturePipeline(CONFIG), 2)
                .extract(Corpus.of(List.of(mixed.get(1), mixed.get(3), mixed.get(5))), ModelTrainingListener.none());
        assertEquals(8000, trainer.train(one, ModelTrainingListener.none()).modelSet().featureConfig()
                .targetSampleRateHz());
        // an evaluation with a model set that does not record its rate is refused
        ModelSet rateless = new ModelSet(digits.models(), digits.featureConfig().withTargetSampleRateHz(0),
                digits.training(), digits.labels(), 0);
        IllegalArgumentException ev = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new org.cepstra.scoring.Evaluator(new Scorer(rateless), 1)
                        .evaluate(Corpus.of(mixed), ModelTrainingListener.none()));
        assertTrue(ev.getMessage().contains("does not record the sample rate"), ev.getMessage());
    }

    @Test
    void tiesGoToTheHigherRate() {
        assertEquals(16000, new SampleRates(new TreeMap<>(Map.of(8000, 3, 16000, 3)), 16000).chosenRateHz());
        SampleRates none = SampleRates.survey(Corpus.of(List.of()), new WavReader(), 0);
        assertEquals(0, none.chosenRateHz());
        assertEquals("features at 0 Hz", none.describe());
    }
}
