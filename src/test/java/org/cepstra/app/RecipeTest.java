package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.MfccPresets;
import org.cepstra.features.VadOptions;
import org.cepstra.gmm.MapOptions;
import org.cepstra.gmm.Initialization;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.models.StateAlignment;
import org.junit.jupiter.api.Test;

/** The values of each named recipe, as {@code --recipe} has always given them. */
class RecipeTest {

    @Test
    void standardIsKaldiMfccWithDeltasNoNormalisationAnd32Gaussians() {
        FeatureConfig c = Recipe.STANDARD.featureConfig();
        assertEquals(MfccPresets.kaldi(), c.mfcc());
        assertEquals(13, c.mfcc().mfcc().numCeps());
        assertEquals(20.0, c.mfcc().mel().lowFreqHz());
        assertEquals(2, c.deltas().order());
        assertEquals(2, c.deltas().window());
        assertEquals(39, c.dimension());
        assertEquals(CmvnMode.NONE, c.cmvn().mode());
        assertFalse(c.vadEnabled());
        assertEquals(0.0, c.targetSampleRateHz());
        assertEquals(Map.of(), Recipe.STANDARD.mfccOptions());
        assertEquals(32, Recipe.STANDARD.components());
    }

    @Test
    void crossSpeakerIsTenCepstraFrom100HzWithSpeakerCmvnAfterDeltasAnd8Gaussians() {
        FeatureConfig c = Recipe.CROSS_SPEAKER.featureConfig();
        assertEquals(10, c.mfcc().mfcc().numCeps());
        assertEquals(100.0, c.mfcc().mel().lowFreqHz());
        assertEquals(23, c.mfcc().mel().numBins()); // the rest is Kaldi's
        assertEquals(25.0, c.mfcc().frame().frameLengthMs());
        assertEquals(30, c.dimension()); // 10 statics, 10 deltas, 10 delta-deltas
        assertEquals(CmvnMode.SPEAKER, c.cmvn().mode());
        assertTrue(c.cmvn().normVars());
        assertEquals(CmvnPlacement.AFTER_DELTAS, c.cmvnPlacement());
        assertEquals(List.of("num-ceps", "low-freq"), List.copyOf(Recipe.CROSS_SPEAKER.mfccOptions().keySet()));
        assertEquals(2, Recipe.CROSS_SPEAKER.components());
        assertEquals(6, Recipe.CROSS_SPEAKER.states());
        assertEquals(StateAlignment.VITERBI, Recipe.CROSS_SPEAKER.stateAlignment());
    }

    @Test
    void speakerIsFortyCepstraFromFortyBinsNoNormalisationSreVad256GaussiansAndMapOfEveryParameter() {
        FeatureConfig c = Recipe.SPEAKER.featureConfig();
        assertEquals(40, c.mfcc().mfcc().numCeps());
        assertEquals(40, c.mfcc().mel().numBins());
        assertEquals(20.0, c.mfcc().mel().lowFreqHz());
        assertEquals(-400.0, c.mfcc().mel().highFreqHz()); // 400 Hz below Nyquist: 7600 Hz at 16 kHz, 3600 Hz at 8 kHz
        assertTrue(c.mfcc().mfcc().useEnergy()); // C0 is the log energy, which the VAD reads
        assertEquals(25.0, c.mfcc().frame().frameLengthMs()); // the rest is Kaldi's
        assertEquals(List.of("num-ceps", "num-mel-bins", "high-freq"), List.copyOf(Recipe.SPEAKER.mfccOptions().keySet()));
        assertEquals(120, c.dimension()); // 40 statics, 40 deltas, 40 delta-deltas
        assertEquals(CmvnMode.NONE, c.cmvn().mode());
        assertEquals(Optional.empty(), Recipe.SPEAKER.cmvn());
        assertTrue(c.vadEnabled());
        assertEquals(new VadOptions(5.5f, 0.5f, 2, 0.12f), c.vad()); // Kaldi's sre16/voxceleb conf/vad.conf
        assertEquals(Optional.of(c.vad()), Recipe.SPEAKER.vad());
        assertEquals(256, Recipe.SPEAKER.components());
        assertEquals(0.0, Recipe.SPEAKER.cmvnPriorFrames());
        assertEquals(Optional.empty(), Recipe.STANDARD.vad());
        assertEquals(Optional.empty(), Recipe.CROSS_SPEAKER.vad());
    }

    @Test
    void onlyTheSpeakerRecipeAdaptsVariancesAndWeights() {
        MapOptions speaker = Recipe.SPEAKER.mapOptions();
        assertEquals(new MapOptions(16, 16, 16, true, true, true, MapOptions.defaults().relativeVarianceFloor(),
                MapOptions.defaults().absoluteVarianceFloor()), speaker);
        assertEquals(List.of(true, true, true), List.of(speaker.adaptMeans(), speaker.adaptVariances(),
                speaker.adaptWeights()));
        assertEquals("means,variances,weights", Recipe.SPEAKER_ADAPTATION_HELP);
        assertEquals(MapOptions.defaults(), Recipe.STANDARD.mapOptions());
        assertEquals(MapOptions.defaults(), Recipe.CROSS_SPEAKER.mapOptions());
        assertFalse(MapOptions.defaults().adaptVariances());
    }

    @Test
    void theKeywordsTrainerMakesWholeWordModelsAlignedByViterbi() {
        java.util.Random r = new java.util.Random(4);
        List<org.cepstra.models.UtteranceFrames> utterances = new java.util.ArrayList<>();
        for (int u = 0; u < 6; u++) {
            float[] x = new float[60 * 39];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) ((u % 2) * 3 + (i / 39) * 0.1 + r.nextGaussian());
            }
            utterances.add(new org.cepstra.models.UtteranceFrames(org.cepstra.corpus.Utterance.wholeFile("u" + u,
                    java.nio.file.Path.of("/x/u" + u + ".wav"), u % 2 == 0 ? "yes" : "no"),
                    org.cepstra.matrix.FeatureMatrix.of(60, 39, x)));
        }
        org.cepstra.models.ModelSet set = Recipe.KEYWORDS.trainer(2).withCalibrationFolds(0)
                .train(new org.cepstra.models.CorpusFrames(utterances, List.of()),
                        org.cepstra.models.ModelTrainingListener.none()).modelSet();
        assertEquals(Recipe.KEYWORD_STATES, set.states());
        assertEquals(StateAlignment.VITERBI, set.stateAlignment());
        // 3 utterances x 60 frames in 24 states: at least 3 x 2 frames per state, so mixing up reaches 4 each
        assertEquals(4 * Recipe.KEYWORD_STATES, set.model("yes").numComponents());
        assertEquals(1, Recipe.STANDARD.trainer(1).withCalibrationFolds(0)
                .train(new org.cepstra.models.CorpusFrames(utterances, List.of()),
                        org.cepstra.models.ModelTrainingListener.none()).modelSet().states());
    }

    @Test
    void trainingDefaultsAreTheLibraryDefaultsWithTheRecipesK() {
        for (Recipe r : Recipe.all()) {
            TrainingConfig t = r.trainingConfig();
            TrainingConfig expected = TrainingConfig.defaults(r.components());
            boolean wholeWord = r == Recipe.KEYWORDS || r == Recipe.CROSS_SPEAKER;
            // whole-word states grow their Gaussians by mixing up
            expected = wholeWord ? expected.withInitialization(Initialization.MIXUP) : expected;
            assertEquals(expected, t, r.id()); // 1e-5 < 0.1 / K for K = 8 and 32: the minimum weight is Kaldi's
            assertEquals(1e-5, t.update().minWeight());
            int states = r == Recipe.KEYWORDS ? Recipe.KEYWORD_STATES : r == Recipe.CROSS_SPEAKER ? 6 : 1;
            assertEquals(states, r.states(), r.id());
            assertEquals(wholeWord ? StateAlignment.VITERBI : StateAlignment.EQUAL, r.stateAlignment());
        }
    }

    @Test
    void namesAreAsTyped() {
        assertEquals(List.of(Recipe.STANDARD, Recipe.CROSS_SPEAKER, Recipe.KEYWORDS, Recipe.SPEAKER), Recipe.all());
        assertEquals(List.of(Recipe.STANDARD, Recipe.CROSS_SPEAKER, Recipe.KEYWORDS), Recipe.autoCandidates());
        assertSame(Recipe.CROSS_SPEAKER, Recipe.named("cross-speaker"));
        assertSame(Recipe.CROSS_SPEAKER, Recipe.named("Cross_Speaker"));
        assertSame(Recipe.STANDARD, Recipe.named("standard"));
        assertEquals("cross-speaker", Recipe.CROSS_SPEAKER.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipe.named("fast"));
        assertEquals("no recipe 'fast': the recipes are standard, cross-speaker, keywords, speaker", e.getMessage());
        assertEquals("standard (" + Recipe.STANDARD.help() + "), cross-speaker (" + Recipe.CROSS_SPEAKER.help()
                + "), keywords (" + Recipe.KEYWORDS.help() + ") or speaker (" + Recipe.SPEAKER.help() + ")", Recipe.HELP);
    }
}
