package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.cepstra.scoring.LabelScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three modes of {@link Classifier} give the rankings {@code cepstra classify} printed (as JSON, to
 * full precision) before it was built on the classifier, for the first 40 files of the speaker theo:
 * batch and {@code --streaming} under a model set of K = 4 trained on the other speakers
 * ({@code train --label-pattern '^(\d)_' --test-pattern _theo_ -k 4}), and {@code --same-speaker} under a
 * cross-speaker one trained on jackson ({@code train --recipe cross-speaker --test-speakers theo}).
 */
class ClassifierTest {
    static final Path CORPUS = Path.of("corpora/fsdd/recordings");
    /** Best label of each of the 40 files, batch and streaming, as classify printed them. */
    static final String BATCH_LABELS = "3333143531311338115555815881112222222522";
    /** Best label of each of the 40 files pooled as one speaker's, as classify --same-speaker printed them. */
    static final String POOLED_LABELS = "0030000200010001111111111111112222222522";

    static List<Path> theo;
    static ModelSet standard;
    static ModelSet crossSpeaker;

    @BeforeAll
    static void readModels() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            theo = files.filter(p -> p.getFileName().toString().contains("_theo_"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .limit(40).collect(Collectors.toList());
        }
        standard = ModelSetFile.read(resource("digits-k4.npz"));
        crossSpeaker = ModelSetFile.read(resource("digits-cross-speaker.npz"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ClassifierTest.class.getResource("/app/" + name).toURI());
    }

    private static Classifier classifier(ModelSet models) {
        return new Classifier(models, Classifier.Options.defaults().withThreads(2));
    }

    /** One file's expected figures: frames, the two best labels and their totals (nats). */
    record Expected(String file, int frames, String best, double bestTotal, String second, double secondTotal) {
    }

    private static void assertRanking(Expected e, FileResult result) {
        FileResult.Ranked ranked = assertInstanceOf(FileResult.Ranked.class, result, result.toString());
        assertEquals(e.file(), ranked.file().getFileName().toString());
        assertEquals(e.frames(), ranked.ranking().frames());
        List<LabelScore> top = ranked.ranking().top(2);
        assertEquals(e.best(), top.get(0).label());
        assertEquals(e.second(), top.get(1).label());
        assertEquals(e.bestTotal(), top.get(0).totalLogLikelihood(), Math.abs(e.bestTotal()) * 1e-12);
        assertEquals(e.secondTotal(), top.get(1).totalLogLikelihood(), Math.abs(e.secondTotal()) * 1e-12);
    }

    private static String bestLabels(List<FileResult> results) {
        return results.stream().map(r -> ((FileResult.Ranked) r).ranking().bestLabel()).collect(Collectors.joining());
    }

    @Test
    void batchGivesTheRankingsClassifyPrinted() {
        List<FileResult> results = classifier(standard).classify(theo, Classifier.Mode.BATCH);
        assertEquals(BATCH_LABELS, bestLabels(results));
        assertRanking(new Expected("0_theo_0.wav", 37, "3", -4044.9974359688954, "5", -4078.522444994056), results.get(0));
        assertRanking(new Expected("0_theo_1.wav", 33, "3", -3452.4602229034494, "5", -3509.2279105044595), results.get(1));
        assertRanking(new Expected("0_theo_10.wav", 36, "3", -3850.836774398967, "8", -3858.8614855861197), results.get(2));
        assertTrue(results.stream().allMatch(r -> ((FileResult.Ranked) r).decision().isEmpty()));
    }

    @Test
    void largeFilesScoredBlockByBlockGiveTheSameRankings() {
        Classifier blockByBlock = new Classifier(standard, Classifier.Options.defaults().withStreamAboveBytes(0));
        List<FileResult> results = blockByBlock.classify(theo.subList(0, 3), Classifier.Mode.BATCH);
        assertRanking(new Expected("0_theo_0.wav", 37, "3", -4044.9974359688954, "5", -4078.522444994056), results.get(0));
        assertRanking(new Expected("0_theo_10.wav", 36, "3", -3850.836774398967, "8", -3858.8614855861197), results.get(2));
    }

    @Test
    void streamingGivesTheBatchRankingsAndTheDecisionsClassifyPrinted() {
        List<FileResult> results = classifier(standard).classify(theo, Classifier.Mode.STREAMING);
        assertEquals(BATCH_LABELS, bestLabels(results));
        assertRanking(new Expected("0_theo_0.wav", 37, "3", -4044.9974359688954, "5", -4078.522444994056), results.get(0));
        assertRanking(new Expected("0_theo_10.wav", 36, "3", -3850.836774398967, "8", -3858.8614855861197), results.get(2));
        int[] decidedAt = {32, 30, 34};
        for (int i = 0; i < 3; i++) {
            var decision = ((FileResult.Ranked) results.get(i)).decision().orElseThrow();
            assertEquals("3", decision.label());
            assertEquals(decidedAt[i], decision.frameIndex());
        }
        assertEquals(390.0, ((FileResult.Ranked) results.get(0)).decision().orElseThrow().audioMs());
        // 25 of the 40 files never reach posterior 0.99 for 20 frames
        assertEquals(25, results.stream().filter(r -> ((FileResult.Ranked) r).decision().isEmpty()).count());
    }

    @Test
    void sameSpeakerPoolsTheCmvnStatisticsAsClassifyPrinted() {
        List<FileResult> results = classifier(crossSpeaker).classifySameSpeaker(theo);
        assertEquals(POOLED_LABELS, bestLabels(results));
        assertRanking(new Expected("0_theo_0.wav", 37, "0", -1854.4336522979613, "3", -1889.7200142905915), results.get(0));
        assertRanking(new Expected("0_theo_1.wav", 33, "0", -1450.20179719032, "3", -1546.0051620395354), results.get(1));
        assertRanking(new Expected("0_theo_10.wav", 36, "3", -1661.5721786436657, "0", -1704.6101073209754), results.get(2));
        // each file alone: its own statistics, other scores
        FileResult alone = classifier(crossSpeaker).classify(theo.get(0));
        double aloneTotal = ((FileResult.Ranked) alone).ranking().top(1).get(0).totalLogLikelihood();
        assertTrue(Math.abs(aloneTotal - (-1854.4336522979613)) > 1, "alone " + aloneTotal);
    }

    @Test
    void sameSpeakerWithoutSpeakerCmvnIsBatch() {
        List<FileResult> results = classifier(standard).classify(theo.subList(0, 2), Classifier.Mode.SAME_SPEAKER);
        assertRanking(new Expected("0_theo_0.wav", 37, "3", -4044.9974359688954, "5", -4078.522444994056), results.get(0));
    }

    @Test
    void aBadFileIsSkippedWithItsReasonAndTheOthersGoOn(@TempDir Path dir) throws IOException {
        Path notWav = dir.resolve("notes.wav");
        Files.writeString(notWav, "# Co nothing here");
        Path missing = dir.resolve("missing.wav");
        for (Classifier.Mode mode : Classifier.Mode.values()) {
            ModelSet models = mode == Classifier.Mode.SAME_SPEAKER ? crossSpeaker : standard;
            List<FileResult> results = classifier(models).classify(List.of(theo.get(0), notWav, missing), mode);
            assertEquals(3, results.size(), mode.name());
            assertInstanceOf(FileResult.Ranked.class, results.get(0), mode.name());
            FileResult.Skipped bad = assertInstanceOf(FileResult.Skipped.class, results.get(1), mode.name());
            assertEquals(notWav, bad.file());
            assertEquals("not a RIFF/WAVE file (starts with '# Co')", bad.reason(), mode.name());
            FileResult.Skipped gone = assertInstanceOf(FileResult.Skipped.class, results.get(2), mode.name());
            assertEquals(missing, gone.file());
            assertTrue(gone.reason().endsWith("no such file") && !gone.reason().startsWith(missing.toString()),
                    mode.name() + ": " + gone.reason());
            assertEquals(Optional.of(bad.reason()), Optional.of(bad.toSkippedFile().reason()));
        }
    }
}
