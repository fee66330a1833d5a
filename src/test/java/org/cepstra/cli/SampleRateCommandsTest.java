package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cepstra.audio.Audio;
import org.cepstra.audio.Resampler;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavWriter;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audio at another rate than the model's is resampled to it, and the output says so: models trained on
 * 8 kHz digits evaluate 16 and 44.1 kHz copies of the test recordings as well as the originals (before:
 * 7.2% and 8.0%, with exit 0 and no warning). Older model files that do not record their rate are refused
 * until the rate is stated.
 */
class SampleRateCommandsTest {
    static final Path CORPUS = ModelCommandsTest.CORPUS;

    @TempDir
    static Path dir;
    static Path model;
    static Path copies16k;
    static Path copies44k;

    @BeforeAll
    static void trainAndResample() throws IOException {
        model = dir.resolve("digits.npz");
        CliRunner.Result r = CliRunner.run("train", CORPUS.toString(), "--label-pattern", ModelCommandsTest.DIGIT,
                "--test-pattern", ModelCommandsTest.TEST, "-o", model.toString(), "--quiet");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("features at 8000 Hz"), r.out());
        copies16k = Files.createDirectories(dir.resolve("16k"));
        copies44k = Files.createDirectories(dir.resolve("44k"));
        WavReader reader = new WavReader();
        WavWriter writer = new WavWriter(SampleEncoding.PCM_SIGNED_16);
        Resampler resampler = new Resampler();
        List<Path> test;
        try (Stream<Path> files = Files.list(CORPUS)) {
            test = files.filter(p -> p.getFileName().toString().matches(".*_[0-4]\\.wav$")).sorted().toList();
        }
        for (Path wav : test) {
            Audio audio = reader.read(wav);
            writer.write(copies16k.resolve(wav.getFileName()), resampler.resample(audio, 16000));
            writer.write(copies44k.resolve(wav.getFileName()), resampler.resample(audio, 44100));
        }
    }

    private static double accuracy(Path folder) throws IOException {
        CliRunner.Result r = CliRunner.run("evaluate", model.toString(), folder.toString(), "--label-pattern",
                ModelCommandsTest.DIGIT, "--all-test", "--json");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("100 of 100 files resampled to 8000 Hz"), r.err());
        return new ObjectMapper().readTree(r.out()).get("accuracy").asDouble();
    }

    @Test
    void evaluateResamplesTestFilesToTheModelsRate() throws IOException {
        assertTrue(accuracy(copies16k) >= 0.95);
        assertTrue(accuracy(copies44k) >= 0.95);
    }

    @Test
    void classifyResamplesBatchAndStreamingAlike() throws IOException {
        Path wav = copies44k.resolve("4_theo_2.wav");
        CliRunner.Result batch = CliRunner.run("classify", model.toString(), wav.toString(), "--json");
        CliRunner.Result streamed = CliRunner.run("classify", model.toString(), wav.toString(), "--json", "--streaming");
        assertEquals(0, batch.exitCode(), batch.err());
        assertEquals(0, streamed.exitCode(), streamed.err());
        assertTrue(batch.err().contains("1 of 1 files resampled to 8000 Hz (from 44100 Hz: 1)"), batch.err());
        JsonNode a = new ObjectMapper().readTree(batch.out()).get(0);
        JsonNode b = new ObjectMapper().readTree(streamed.out()).get(0);
        assertEquals("4", a.get("label").asText());
        assertEquals(a.get("frames").asInt(), b.get("frames").asInt());
        double ta = a.get("ranking").get(0).get("totalLogLikelihood").asDouble();
        double tb = b.get("ranking").get(0).get("totalLogLikelihood").asDouble();
        assertEquals(ta, tb, 1e-6 * Math.abs(ta));
    }

    @Test
    void aModelFileWithoutItsRateIsRefusedUntilTheRateIsStated() throws IOException {
        ModelSet current = ModelSetFile.read(model);
        Path old = dir.resolve("old.npz");
        ModelSetFile.write(old, new ModelSet(current.models(), current.featureConfig().withTargetSampleRateHz(0),
                current.training(), current.labels(), 0));
        Path wav = CORPUS.resolve("4_theo_2.wav");
        CliRunner.Result refused = CliRunner.run("classify", old.toString(), wav.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().startsWith("cepstra: " + old + ": the model set does not record the sample rate"),
                refused.err());
        CliRunner.Result stated = CliRunner.run("classify", old.toString(), wav.toString(), "--sample-frequency", "8000");
        assertEquals(0, stated.exitCode(), stated.err());
        CliRunner.Result evaluated = CliRunner.run("evaluate", old.toString(), CORPUS.toString(), "--label-pattern",
                ModelCommandsTest.DIGIT, "--test-pattern", ModelCommandsTest.TEST);
        assertEquals(1, evaluated.exitCode());
        assertTrue(evaluated.err().contains("does not record the sample rate"), evaluated.err());
        CliRunner.Result contradicted = CliRunner.run("classify", model.toString(), wav.toString(),
                "--sample-frequency", "16000");
        assertEquals(1, contradicted.exitCode());
        assertTrue(contradicted.err().contains("trained at 8000.0 Hz, not 16000.0 Hz"), contradicted.err());
    }
}
