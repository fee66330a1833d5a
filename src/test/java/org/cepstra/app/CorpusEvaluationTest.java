package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.Utterance;
import org.cepstra.models.ModelTrainingListener;
import org.cepstra.scoring.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link CorpusEvaluation} against the rankings {@link ClassifierTest} froze for the first 40 files of the
 * speaker theo: the accuracy is the share of those best labels that match each file's digit.
 */
class CorpusEvaluationTest {
    static final ModelTrainingListener QUIET = new ModelTrainingListener() {
    };

    @BeforeAll
    static void models() throws Exception {
        ClassifierTest.readModels();
    }

    /** The 40 files labelled by their digit, spoken by theo (or by nobody known). */
    private static Corpus theo(boolean speakerKnown) {
        List<Utterance> utterances = new ArrayList<>();
        for (Path file : ClassifierTest.theo) {
            String name = file.getFileName().toString();
            utterances.add(new Utterance(name, file, name.substring(0, 1),
                    speakerKnown ? Optional.of("theo") : Optional.empty(), Optional.empty()));
        }
        return new Corpus(utterances, List.of());
    }

    private static int matches(String bestLabels) {
        int n = 0;
        for (int i = 0; i < ClassifierTest.theo.size(); i++) {
            if (ClassifierTest.theo.get(i).getFileName().toString().charAt(0) == bestLabels.charAt(i)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void givenModelsScoreEachFileAsTheClassifierDoes() {
        CorpusEvaluation.Outcome o = new CorpusEvaluation(2, false)
                .evaluate(ClassifierTest.standard, theo(false), QUIET);
        Evaluation e = o.evaluation();
        assertEquals(40, e.total());
        assertEquals(matches(ClassifierTest.BATCH_LABELS), e.correct());
        assertEquals(0, o.skippedFiles());
        assertTrue(o.trainingRates().isEmpty());
        assertEquals(0.0, o.trainingSeconds());
    }

    @Test
    void aSpeakersFilesArePooledUnlessEachIsNormalisedAlone() {
        Evaluation pooled = new CorpusEvaluation(2, false)
                .evaluate(ClassifierTest.crossSpeaker, theo(true), QUIET).evaluation();
        assertEquals(matches(ClassifierTest.POOLED_LABELS), pooled.correct());
        Evaluation alone = new CorpusEvaluation(2, false).withFilesAlone(true)
                .evaluate(ClassifierTest.crossSpeaker, theo(true), QUIET).evaluation();
        Evaluation noSpeaker = new CorpusEvaluation(2, false)
                .evaluate(ClassifierTest.crossSpeaker, theo(false), QUIET).evaluation();
        assertEquals(noSpeaker.correct(), alone.correct());
        // pooling changes the CMVN statistics, so some decisions differ (here 36 against 39 right)
        assertTrue(alone.correct() != pooled.correct(), alone.correct() + " vs " + pooled.correct());
    }

    @Test
    void ignoredLabelsAreNeitherScoredNorCandidates() {
        Evaluation e = new CorpusEvaluation(2, false).ignoringLabels(Set.of("1"))
                .evaluate(ClassifierTest.standard, theo(false), QUIET).evaluation();
        long ones = ClassifierTest.theo.stream().filter(p -> p.getFileName().toString().startsWith("1")).count();
        assertEquals(40 - ones, e.total());
    }

    @Test
    void anEmptyTestSetIsRefusedBeforeAnyWork() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new CorpusEvaluation(1, false)
                .evaluate(ClassifierTest.standard, new Corpus(List.of(), List.of()), QUIET));
        assertEquals("the test set is empty: check the label and test patterns (a speaker for --test-speakers comes "
                + "from a speaker group in --label-pattern, a manifest's speaker column or utt2spk)", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CorpusEvaluation(0, false));
    }
}
