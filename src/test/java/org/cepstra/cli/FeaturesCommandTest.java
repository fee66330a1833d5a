package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.cepstra.io.kaldi.KaldiTextArchiveReader;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
    private static final Path WAVS = Path.of("src/test/resources/kaldi-mfcc/wavs");
    private static final Path REFERENCE = Path.of("src/test/resources/kaldi-mfcc");

    @TempDir
    Path tmp;

    /** Reads a reference matrix: first line "rows cols", then one frame per line. */
    static FeatureMatrix reference(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] shape = lines.get(0).trim().split("\\s+");
        int rows = Integer.parseInt(shape[0]);
        int cols = Integer.parseInt(shape[1]);
        double[][] x = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            String[] v = lines.get(r + 1).trim().split("\\s+");
            for (int c = 0; c < cols; c++) {
                x[r][c] = Double.parseDouble(v[c]);
            }
        }
        return FeatureMatrix.of(x);
    }

    static void assertClose(FeatureMatrix expected, FeatureMatrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what + ": rows");
        assertEquals(expected.cols(), actual.cols(), what + ": cols");
        for (int r = 0; r < expected.rows(); r++) {
            for (int c = 0; c < expected.cols(); c++) {
                double ref = expected.get(r, c);
                double tol = 1e-3 + 1e-4 * Math.abs(ref);
                double got = actual.get(r, c);
                assertTrue(Math.abs(got - ref) <= tol, what + " [" + r + "," + c + "]: " + got + " vs " + ref);
            }
        }
    }

    private Map<String, FeatureMatrix> archive(String text) throws IOException {
        return new KaldiTextArchiveReader(new StringReader(text), "stdout").readAll();
    }

    @Test
    void folderToStandardOutputMatchesKaldiReference() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("in/sub"));
        for (String name : List.of("0_george_0", "6_yweweler_3", "8_nicolas_31")) {
            Files.copy(WAVS.resolve(name + ".wav"), dir.resolve(name + ".wav"));
        }
        CliRunner.Result r = CliRunner.run("features", tmp.resolve("in").toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, FeatureMatrix> got = archive(r.out());
        assertEquals(List.of("0_george_0", "6_yweweler_3", "8_nicolas_31"), List.copyOf(got.keySet()));
        for (var e : got.entrySet()) {
            assertClose(reference(REFERENCE.resolve("default/" + e.getKey() + ".txt")), e.getValue(), e.getKey());
        }
    }

    @Test
    void kaldiOptionsOnTheCommandLineChangeTheNumbers() throws IOException {
        Path out = tmp.resolve("out.ark");
        CliRunner.Result r = CliRunner.run("features", "--num-mel-bins", "40", "--num-ceps", "20",
                WAVS.resolve("3_theo_3.wav").toString(), "-o", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        FeatureMatrix got = KaldiTextArchiveReader.readAll(out).get("3_theo_3");
        assertClose(reference(REFERENCE.resolve("mel40-ceps20/3_theo_3.txt")), got, "mel40-ceps20");

        r = CliRunner.run("features", "--use-energy=false", WAVS.resolve("8_nicolas_31.wav").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertClose(reference(REFERENCE.resolve("no-energy/8_nicolas_31.txt")), archive(r.out()).get("8_nicolas_31"),
                "no-energy");
    }

    /** A recipe gives the frames train and evaluate make with it; one that needs speakers or labels is refused. */
    @Test
    void aRecipeGivesItsFramesOrIsRefusedByName() throws IOException {
        // a word with 0.4 s of silence on each side, which the recipe's VAD drops
        float[] word = new org.cepstra.audio.WavReader().read(WAVS.resolve("3_theo_3.wav")).samples();
        float[] padded = new float[word.length + 6400];
        System.arraycopy(word, 0, padded, 3200, word.length);
        Path wav = tmp.resolve("3_theo_3.wav");
        new org.cepstra.audio.WavWriter(org.cepstra.audio.SampleEncoding.PCM_SIGNED_16).write(wav,
                org.cepstra.audio.Audio.wrap(padded, 8000));
        CliRunner.Result r = CliRunner.run("features", "--recipe", "keywords", wav.toString());
        assertEquals(0, r.exitCode(), r.err());
        FeatureMatrix expected = new org.cepstra.features.FeaturePipeline(
                org.cepstra.app.Recipe.KEYWORDS.featureConfig()).extract(wav);
        FeatureMatrix got = archive(r.out()).get("3_theo_3");
        assertEquals(39, got.cols());
        int all = archive(CliRunner.run("features", wav.toString()).out()).get("3_theo_3").rows();
        assertTrue(got.rows() < all - 60, "the VAD keeps " + got.rows() + " of " + all + " frames");
        assertClose(expected, got, "keywords");
        r = CliRunner.run("features", "--recipe", "keywords", "--no-deltas", wav.toString());
        assertEquals(13, archive(r.out()).get("3_theo_3").cols());
        r = CliRunner.run("features", "--recipe", "cross-speaker", wav.toString());
        assertEquals(1, r.exitCode());
        assertEquals("cepstra: --recipe cross-speaker normalises each speaker's frames together, which needs the "
                + "speakers: use it with train or evaluate, or add --cmvn utterance\n", r.err());
        r = CliRunner.run("features", "--recipe", "standard", "--cmvn", "speaker", wav.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("cepstra: --cmvn speaker needs to know the speakers"), r.err());
        r = CliRunner.run("features", "--recipe", "auto", wav.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().startsWith("cepstra: --recipe auto chooses a recipe"), r.err());
    }

    @Test
    void kaldiConfigFileIsRead() throws IOException {
        Path conf = tmp.resolve("mfcc.conf");
        Files.writeString(conf, "# 40 bins\n--num-mel-bins=40\n--num-ceps=20\n");
        CliRunner.Result r = CliRunner.run("features", "--config", conf.toString(),
                WAVS.resolve("3_theo_3.wav").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertClose(reference(REFERENCE.resolve("mel40-ceps20/3_theo_3.txt")), archive(r.out()).get("3_theo_3"),
                "config");
    }

    @Test
    void deltasMatchKaldiAddDeltas() throws IOException {
        CliRunner.Result r = CliRunner.run("features", "--deltas", WAVS.resolve("6_yweweler_3.wav").toString());
        assertEquals(0, r.exitCode(), r.err());
        FeatureMatrix got = archive(r.out()).get("6_yweweler_3");
        assertClose(reference(Path.of("src/test/resources/kaldi-deltas/6_yweweler_3.deltas.txt")), got, "deltas");
    }

    @Test
    void resamplesWhenSampleFrequencyIsGiven() throws IOException {
        // an 8 kHz file resampled to 16 kHz gives as many frames as the same file resampled by sox
        CliRunner.Result r = CliRunner.run("features", "--sample-frequency", "16000",
                WAVS.resolve("0_george_0.wav").toString());
        assertEquals(0, r.exitCode(), r.err());
        FeatureMatrix got = archive(r.out()).get("0_george_0");
        FeatureMatrix soxResampled = reference(REFERENCE.resolve("default-16k/0_george_0_16k.txt"));
        assertEquals(soxResampled.rows(), got.rows());
        // resampling filters differ (Kaldi's vs sox's), so only the broad shape is compared: the log energy
        for (int t = 0; t < got.rows(); t++) {
            assertEquals(soxResampled.get(t, 0), got.get(t, 0), 0.5, "log energy of frame " + t);
        }
    }

    @Test
    void badFilesAreReportedAndSkippedAndTheExitCodeSaysSo() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("corpus"));
        Files.copy(WAVS.resolve("0_george_0.wav"), dir.resolve("a.wav"));
        Files.writeString(dir.resolve("b.wav"), "this is not audio");
        byte[] good = Files.readAllBytes(WAVS.resolve("3_theo_3.wav"));
        Files.write(dir.resolve("c.wav"), java.util.Arrays.copyOf(good, 200));
        Files.copy(WAVS.resolve("6_yweweler_3.wav"), dir.resolve("d.wav"), StandardCopyOption.REPLACE_EXISTING);
        Path out = tmp.resolve("out.ark");
        CliRunner.Result r = CliRunner.run("features", dir.toString(), "-o", out.toString());
        assertEquals(ExitCode.SKIPPED_FILES, r.exitCode());
        assertTrue(r.err().contains("b.wav") && r.err().contains("not a RIFF/WAVE file"), r.err());
        assertTrue(r.err().contains("c.wav") && r.err().contains("truncated"), r.err());
        assertTrue(r.err().contains("2 of 4 files skipped"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(List.of("a", "d"), List.copyOf(KaldiTextArchiveReader.readAll(out).keySet()));
    }

    @Test
    void tooShortFileIsSkippedWithAReason() throws IOException {
        Path wav = tmp.resolve("short.wav");
        new org.cepstra.audio.WavWriter(org.cepstra.audio.SampleEncoding.PCM_SIGNED_16)
                .write(wav, org.cepstra.audio.Audio.of(new float[100], 8000));
        CliRunner.Result r = CliRunner.run("features", wav.toString());
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode());
        assertTrue(r.err().contains("short.wav: too short for one frame"), r.err());
    }

    @Test
    void usageAndInputErrorsHaveDistinctCodesAndNoStackTrace() throws IOException {
        CliRunner.Result missing = CliRunner.run("features", tmp.resolve("nope.wav").toString());
        assertEquals(ExitCode.INPUT_ERROR, missing.exitCode());
        assertTrue(missing.err().contains("nope.wav: no such file or folder"), missing.err());

        CliRunner.Result badOption = CliRunner.run("features", "--frobnicate", WAVS.resolve("0_george_0.wav").toString());
        assertEquals(ExitCode.USAGE, badOption.exitCode());

        CliRunner.Result badValue = CliRunner.run("features", "--window-type", "triangle",
                WAVS.resolve("0_george_0.wav").toString());
        assertEquals(ExitCode.INPUT_ERROR, badValue.exitCode());
        assertTrue(badValue.err().contains("triangle"), badValue.err());
        assertFalse(badValue.err().contains("\tat "), badValue.err());

        Path conf = tmp.resolve("bad.conf");
        Files.writeString(conf, "--num-mel-bins=23\n--no-such-option=1\n");
        CliRunner.Result badConf = CliRunner.run("features", "--config", conf.toString(),
                WAVS.resolve("0_george_0.wav").toString());
        assertEquals(ExitCode.INPUT_ERROR, badConf.exitCode());
        assertTrue(badConf.err().contains("bad.conf") && badConf.err().contains("line 2"), badConf.err());
    }
}
