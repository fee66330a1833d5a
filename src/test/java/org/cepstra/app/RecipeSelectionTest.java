package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.CorpusSplit;
import org.cepstra.corpus.Utterance;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;
import org.junit.jupiter.api.Test;

/**
 * {@link RecipeSelection}: how speakers or recordings are dealt to the folds, and each candidate's score
 * against the same cross-validation done by hand with {@link CorpusEvaluation}.
 */
class RecipeSelectionTest {
    private static final ModelTrainingListener QUIET = new ModelTrainingListener() {
    };

    private static Utterance utterance(String id, String label, String speaker) {
        return new Utterance(id, Path.of("/data/" + id + ".wav").toAbsolutePath(), label,
                Optional.ofNullable(speaker), Optional.empty());
    }

    @Test
    void knownSpeakersAreHeldOutWhole() {
        List<Utterance> us = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            for (int d = 0; d < 4; d++) {
                us.add(utterance("s" + s + "_" + d, "w" + d, "spk" + s));
            }
        }
        Corpus corpus = Corpus.of(us);
        var folds = new RecipeSelection(3, 7, 1).deal(corpus);
        assertEquals(RecipeSelection.HeldOut.SPEAKERS, folds.heldOut());
        assertEquals(3, folds.count());
        assertEquals(6, folds.groups());
        Map<String, Integer> foldOfSpeaker = new HashMap<>();
        int[] perFold = new int[3];
        for (int i = 0; i < us.size(); i++) {
            String speaker = us.get(i).speaker().get();
            Integer before = foldOfSpeaker.putIfAbsent(speaker, folds.foldOf()[i]);
            assertTrue(before == null || before == folds.foldOf()[i], "a speaker split between folds");
            perFold[folds.foldOf()[i]]++;
        }
        assertEquals(List.of(8, 8, 8), List.of(perFold[0], perFold[1], perFold[2])); // two speakers each
        // the same seed deals the same way
        assertEquals(List.of(toList(folds.foldOf())), List.of(toList(new RecipeSelection(3, 7, 1).deal(corpus).foldOf())));
    }

    @Test
    void withoutSpeakersRecordingsAreDealtStratifiedByLabel() {
        List<Utterance> us = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            for (String label : List.of("a", "b", "c")) {
                us.add(utterance(label + r, label, null));
            }
        }
        us.add(utterance("d0", "d", "onlyOne")); // one utterance with a speaker: speakers are not all known
        var folds = new RecipeSelection(2, 3, 1).deal(Corpus.of(us));
        assertEquals(RecipeSelection.HeldOut.RECORDINGS, folds.heldOut());
        assertEquals(2, folds.count());
        assertEquals(13, folds.groups());
        for (String label : List.of("a", "b", "c")) {
            int inFirst = 0;
            for (int i = 0; i < us.size(); i++) {
                if (us.get(i).label().equals(label) && folds.foldOf()[i] == 0) {
                    inFirst++;
                }
            }
            assertEquals(2, inFirst, "label " + label + " is dealt 2 and 2");
        }
    }

    @Test
    void foldsNeverExceedTheGroupsAndOneGroupCannotBeFolded() {
        List<Utterance> two = List.of(utterance("x", "a", "p"), utterance("y", "b", "q"));
        assertEquals(2, new RecipeSelection(5, 0, 1).deal(Corpus.of(two)).count());
        List<Utterance> one = List.of(utterance("x", "a", "p"), utterance("y", "b", "p"));
        // one speaker: recordings are held out instead
        assertEquals(RecipeSelection.HeldOut.RECORDINGS, new RecipeSelection(5, 0, 1).deal(Corpus.of(one)).heldOut());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecipeSelection(3, 0, 1)
                .select(List.of(Recipe.STANDARD), r -> null, Corpus.of(List.of(utterance("x", "a", null))), QUIET));
        assertTrue(e.getMessage().contains("at least two recordings"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RecipeSelection(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RecipeSelection(3, 0, 1)
                .select(List.of(Recipe.STANDARD, Recipe.STANDARD), r -> null, Corpus.of(two), QUIET));
    }

    /** The two speakers of the shipped digits, six files of each digit each. */
    private static Corpus digits() throws IOException {
        List<Utterance> us = new ArrayList<>();
        try (Stream<Path> files = Files.list(ClassifierTest.CORPUS)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                String[] parts = name.replace(".wav", "").split("_");
                if (Integer.parseInt(parts[2]) < 6) {
                    us.add(new Utterance(name, f.toAbsolutePath(), parts[0], Optional.of(parts[1]), Optional.empty()));
                }
            }
        }
        return Corpus.of(us);
    }

    private static ModelSetTrainer trainer(Recipe r) {
        return new ModelSetTrainer(r.featureConfig(), r.trainingConfig().withNumComponents(2), List.of(), 2)
                .withCmvnPriorFrames(r.cmvnPriorFrames());
    }

    @Test
    void eachCandidateScoresWhatTheSameFoldsGiveByHand() throws IOException {
        Corpus corpus = digits();
        assertEquals(2 * 10 * 6, corpus.size(), "the shipped corpus changed");
        RecipeSelection selection = new RecipeSelection(3, 11, 2);
        List<Recipe> candidates = List.of(Recipe.STANDARD, Recipe.KEYWORDS);
        RecipeSelection.Selection s = selection.select(candidates, RecipeSelectionTest::trainer, corpus, QUIET);
        assertEquals(RecipeSelection.HeldOut.SPEAKERS, s.heldOut());
        assertEquals(2, s.folds()); // as many as there are speakers
        var folds = selection.deal(corpus);
        double bestAccuracy = -1;
        Recipe best = null;
        for (int c = 0; c < candidates.size(); c++) {
            int correct = 0;
            int tested = 0;
            List<Double> perFold = new ArrayList<>();
            for (int f = 0; f < 2; f++) {
                List<Utterance> in = new ArrayList<>();
                List<Utterance> out = new ArrayList<>();
                for (int i = 0; i < corpus.size(); i++) {
                    (folds.foldOf()[i] == f ? out : in).add(corpus.utterances().get(i));
                }
                var e = new CorpusEvaluation(2, false).withFilesAlone(true).trainAndEvaluate(
                        trainer(candidates.get(c)).withCalibrationFolds(0),
                        new CorpusSplit(Corpus.of(in), Corpus.of(out)), QUIET).evaluation();
                correct += e.correct();
                tested += e.total();
                perFold.add(e.accuracy());
            }
            RecipeSelection.Score score = s.scores().get(c);
            assertEquals(candidates.get(c), score.recipe());
            assertEquals(120, tested);
            assertEquals(tested, score.tested());
            assertEquals((double) correct / tested, score.accuracy(), 0.0);
            assertEquals(perFold, score.foldAccuracies());
            assertTrue(score.failure().isEmpty());
            if (score.accuracy() > bestAccuracy) {
                bestAccuracy = score.accuracy();
                best = score.recipe();
            }
        }
        assertEquals(best, s.chosen());
    }

    @Test
    void aCandidateThatCannotBeTrainedIsNeverChosenAndAllFailingIsAnError() throws IOException {
        Corpus corpus = digits();
        // a channel the mono recordings do not have: every file is skipped, so every fold fails for that candidate
        Function<Recipe, ModelSetTrainer> impossibleStandard = r -> r == Recipe.STANDARD
                ? new ModelSetTrainer(r.featureConfig().withChannels(org.cepstra.audio.ChannelSelection.channel(5)),
                        r.trainingConfig().withNumComponents(2), List.of(), 2)
                : trainer(r);
        RecipeSelection.Selection s = new RecipeSelection(2, 0, 2)
                .select(List.of(Recipe.STANDARD, Recipe.KEYWORDS), impossibleStandard, corpus, QUIET);
        assertEquals(Recipe.KEYWORDS, s.chosen());
        RecipeSelection.Score failed = s.scores().get(0);
        assertTrue(Double.isNaN(failed.accuracy()));
        assertTrue(failed.failure().isPresent());
        assertTrue(failed.failure().get().startsWith("fold 1: "), failed.failure().get());
        assertFalse(s.scores().get(1).failure().isPresent());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecipeSelection(2, 0, 2)
                .select(List.of(Recipe.STANDARD), impossibleStandard, corpus, QUIET));
        assertTrue(e.getMessage().startsWith("no recipe could be trained in every fold: standard (fold 1: "),
                e.getMessage());
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }

    @Test
    void dealsDifferBetweenSeeds() {
        List<Utterance> us = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            us.add(utterance("u" + s, "w", "spk" + s));
        }
        Set<List<Integer>> deals = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            deals.add(toList(new RecipeSelection(3, seed, 1).deal(Corpus.of(us)).foldOf()));
        }
        assertTrue(deals.size() > 1, "every seed dealt the speakers the same way");
    }
}
