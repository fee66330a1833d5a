package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cepstra.features.CmvnMode;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.FeatureConfig;
import org.cepstra.io.model.ModelSetFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-speaker recipe: per-speaker CMVN in train, evaluate and classify --same-speaker. */
class CrossSpeakerRecipeTest {
    static final Path CORPUS = Path.of("corpora/fsdd/recordings");
    static final String DIGIT_AND_SPEAKER = "^(\\d)_(?<speaker>[a-z]+)_";

    @TempDir
    static Path shared;
    static Path model;

    @BeforeAll
    static void trainOnJackson() {
        model = shared.resolve("jackson.npz");
        CliRunner.Result r = CliRunner.run("train", CORPUS.toString(), "--recipe", "cross-speaker", "--label-pattern",
                DIGIT_AND_SPEAKER, "--test-speakers", "theo", "-o", model.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void theRecipeIsTenCepstraFrom100HzWithPerSpeakerCmvnAfterTheDeltas() throws IOException {
        FeatureConfig c = ModelSetFile.read(model).featureConfig();
        assertEquals(CmvnMode.SPEAKER, c.cmvn().mode());
        assertTrue(c.cmvn().normVars());
        assertEquals(CmvnPlacement.AFTER_DELTAS, c.cmvnPlacement());
        assertEquals(10, c.mfcc().mfcc().numCeps());
        assertEquals(100.0, c.mfcc().mel().lowFreqHz());
        assertEquals(30, c.dimension());
    }

    @Test
    void classifyWithSameSpeakerGivesEvaluatesDecisionsOnTheUnseenSpeaker() throws IOException {
        CliRunner.Result eval = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern",
                DIGIT_AND_SPEAKER, "--test-speakers", "theo", "--json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode e = new ObjectMapper().readTree(eval.out());
        assertEquals(150, e.get("total").asInt());
        // trained on one speaker only, tested on another: well above chance (10%)
        assertTrue(e.get("accuracy").asDouble() > 0.6, eval.out());
        // jackson's held-out files were all classified right: the calibration could not soften, and evaluate says so
        assertTrue(ModelSetFile.read(model).calibration().keepsRawSharpness());
        assertTrue(eval.err().contains("cepstra: warning: " + model + " keeps the sharpness of the raw totals: its "
                + "held-out training data was classified right"), eval.err());

        List<String> args = new ArrayList<>(List.of("classify", model.toString(), "--same-speaker", "--json"));
        try (var files = Files.list(CORPUS)) {
            files.filter(p -> p.getFileName().toString().contains("_theo_")).sorted()
                    .forEach(p -> args.add(p.toString()));
        }
        CliRunner.Result classify = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, classify.exitCode(), classify.err());
        JsonNode ranked = new ObjectMapper().readTree(classify.out());
        assertEquals(150, ranked.size());
        assertEquals(e.get("correct").asInt(), correct(ranked));

        // without --same-speaker each file is its own speaker: other statistics, other scores
        CliRunner.Result alone = CliRunner.run("classify", model.toString(), "--json", args.get(4));
        CliRunner.Result pooled = CliRunner.run("classify", model.toString(), "--json", "--same-speaker", args.get(4));
        JsonNode a = new ObjectMapper().readTree(alone.out()).get(0).get("ranking").get(0);
        JsonNode p = new ObjectMapper().readTree(pooled.out()).get(0).get("ranking").get(0);
        assertEquals(a.get("totalLogLikelihood").asDouble(), p.get("totalLogLikelihood").asDouble(), 0.0,
                "one file pooled is the file alone");
        assertTrue(Math.abs(a.get("totalLogLikelihood").asDouble()
                - ranked.get(0).get("ranking").get(0).get("totalLogLikelihood").asDouble()) > 1e-3);
    }

    @Test
    void classifyAdaptedToTheSpeakerGivesEvaluatesAdaptedDecisions() throws IOException {
        CliRunner.Result eval = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern",
                DIGIT_AND_SPEAKER, "--test-speakers", "theo", "--json", "--adapt");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonNode e = new ObjectMapper().readTree(eval.out());
        CliRunner.Result plain = CliRunner.run("evaluate", model.toString(), CORPUS.toString(), "--label-pattern",
                DIGIT_AND_SPEAKER, "--test-speakers", "theo", "--json");
        JsonNode p = new ObjectMapper().readTree(plain.out());
        assertEquals(150, e.get("total").asInt());
        // the decisions change (30 files of each digit adapt its model); frames are still classified as before
        assertTrue(e.get("correct").asInt() != p.get("correct").asInt(), e.get("correct") + " " + p.get("correct"));
        assertEquals(p.get("frameCorrect").asLong(), e.get("frameCorrect").asLong());
        assertEquals(1, e.get("adaptedSpeakers").asInt());
        assertEquals(0, p.get("adaptedSpeakers").asInt());

        List<String> args = new ArrayList<>(List.of("classify", model.toString(), "--same-speaker", "--adapt", "--json"));
        try (var files = Files.list(CORPUS)) {
            files.filter(f -> f.getFileName().toString().contains("_theo_")).sorted()
                    .forEach(f -> args.add(f.toString()));
        }
        Path bad = shared.resolve("bad-adapt.wav");
        Files.writeString(bad, "RIFF....WAVEjunk");
        args.add(bad.toString());
        CliRunner.Result classify = CliRunner.run(args.toArray(new String[0]));
        assertEquals(ExitCode.SKIPPED_FILES, classify.exitCode(), classify.err());
        assertTrue(classify.err().contains("bad-adapt.wav"), classify.err());
        JsonNode ranked = new ObjectMapper().readTree(classify.out());
        assertEquals(150, ranked.size());
        assertEquals(e.get("correct").asInt(), correct(ranked));
    }

    @Test
    void perSpeakerCmvnNeedsSpeakersAndWholeFiles() throws IOException {
        CliRunner.Result features = CliRunner.run("features", "--cmvn", "speaker", CORPUS.resolve("0_theo_0.wav").toString());
        assertEquals(ExitCode.INPUT_ERROR, features.exitCode());
        assertTrue(features.err().contains("--cmvn speaker needs to know the speakers"), features.err());
        CliRunner.Result live = CliRunner.run("classify", model.toString(), "--same-speaker", "--streaming",
                CORPUS.resolve("0_theo_0.wav").toString());
        assertEquals(ExitCode.INPUT_ERROR, live.exitCode());
        assertTrue(live.err().contains("--same-speaker"), live.err());
    }

    @Test
    void aBadFileAmongOneSpeakersFilesIsSkippedAndNamed() throws IOException {
        Path bad = shared.resolve("bad.wav");
        Files.writeString(bad, "RIFF....WAVEjunk");
        CliRunner.Result r = CliRunner.run("classify", model.toString(), "--same-speaker",
                CORPUS.resolve("0_theo_0.wav").toString(), bad.toString());
        assertEquals(ExitCode.SKIPPED_FILES, r.exitCode(), r.err());
        assertTrue(r.err().contains("bad.wav"), r.err());
        assertTrue(r.out().contains("0_theo_0.wav"), r.out());
    }

    /** How many of classify's JSON results name the digit their file name starts with. */
    private static int correct(JsonNode ranked) {
        int correct = 0;
        for (JsonNode n : ranked) {
            String name = Path.of(n.get("file").asText()).getFileName().toString();
            correct += name.startsWith(n.get("label").asText() + "_") ? 1 : 0;
        }
        return correct;
    }
}
