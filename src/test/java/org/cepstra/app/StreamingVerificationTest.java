package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.cepstra.audio.WavReader;
import org.cepstra.gmm.LlrOptions;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.StreamingVerifier;
import org.cepstra.scoring.verification.Score;
import org.cepstra.scoring.verification.Trial;
import org.cepstra.scoring.verification.TrialList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A test utterance fed to a {@link StreamingVerifier} chunk by chunk ({@link WavChunks}) ends with the score
 * {@link Verifier} gives its trial, bit for bit, for every chunk length, top-C and exact, with the speaker
 * recipe's front end (utterance CMN and VAD: nothing is scored before the end).
 */
class StreamingVerificationTest {

    @BeforeAll
    static void trainAndEnrol() {
        if (SpeakerVerificationTest.speakers == null) {
            SpeakerVerificationTest.trainAndEnrol();
        }
    }

    @Test
    void streamedFilesEndWithTheVerifierScoresBitForBit() throws Exception {
        TrialList trials = SpeakerVerificationTest.allTrials(SpeakerVerificationTest.tests);
        for (LlrOptions options : List.of(LlrOptions.defaults(), LlrOptions.defaults().withSelection(4, 2), LlrOptions.allComponents())) {
            List<Score> batch = new Verifier(SpeakerVerificationTest.speakers, options, 2).verify(trials,
                    SpeakerVerificationTest.tests, Verifier.Normalisation.none(), ModelTrainingListener.none())
                    .scores().scores();
            for (int i = 0; i < trials.size(); i += 9) {
                Trial t = trials.trials().get(i);
                java.nio.file.Path file = SpeakerVerificationTest.tests.utterance(t.utterance()).get().audioFile();
                double rate = new WavReader().readFormat(file).sampleRateHz();
                StreamingVerifier v = new StreamingVerifier(SpeakerVerificationTest.speakers, List.of(t.model()),
                        options, rate);
                assertFalse(v.decidesWhileStreaming());
                for (double chunkMs : new double[] {0.125, 10, 37.5, 1000}) {
                    v.reset();
                    long[] before = {0};
                    WavChunks.feed(file, SpeakerVerificationTest.speakers.featureConfig().channels(),
                            WavChunks.chunkSamples(chunkMs, rate), v, () -> before[0] += v.framesScored());
                    assertEquals(0, before[0], "no frame is scored before the end");
                    assertEquals(Double.doubleToRawLongBits(batch.get(i).score()),
                            Double.doubleToRawLongBits(v.averageLlr(0)),
                            t + " " + options + " chunks of " + chunkMs + " ms: " + batch.get(i).score() + " vs "
                                    + v.averageLlr(0));
                }
            }
        }
    }
}
