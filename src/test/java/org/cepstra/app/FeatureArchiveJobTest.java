package org.cepstra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cepstra.audio.SampleEncoding;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavWriter;
import org.cepstra.corpus.SkippedFile;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.features.FeaturePipeline;
import org.cepstra.io.kaldi.KaldiTextArchiveWriter;
import org.cepstra.models.UnusableFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature archive job: entries in file order, streamed ones equal to whole ones, bad files skipped. */
class FeatureArchiveJobTest {
    static final Path CORPUS = Path.of("corpora/fsdd/recordings");
    static final Function<Path, String> NAME_WITHOUT_WAV = p -> p.getFileName().toString().replaceFirst("\\.wav$", "");

    private static List<Path> files(String... names) {
        List<Path> files = new ArrayList<>();
        for (String n : names) {
            files.add(CORPUS.resolve(n));
        }
        return files;
    }

    /** The archive text written for {@code files}, and the skipped files. */
    private static String run(FeatureConfig config, long streamAboveBytes, List<Path> files, List<SkippedFile> skipped)
            throws IOException {
        StringWriter text = new StringWriter();
        FeatureArchiveJob job = new FeatureArchiveJob(new FeaturePipeline(config),
                new FeatureArchiveJob.Options(2, streamAboveBytes, false), NAME_WITHOUT_WAV);
        int written = job.run(files, new KaldiTextFeatureArchive(text), skipped::add);
        assertEquals(files.size() - skipped.size(), written);
        return text.toString();
    }

    /** The archive a whole-matrix writer gives for the same files, one after the other. */
    private static String expected(FeatureConfig config, List<Path> files) throws IOException {
        StringBuilder text = new StringBuilder();
        FeaturePipeline pipeline = new FeaturePipeline(config);
        for (Path f : files) {
            text.append(KaldiTextArchiveWriter.entry(NAME_WITHOUT_WAV.apply(f), pipeline.extract(f)));
        }
        return text.toString();
    }

    @Test
    void wholeAndStreamedFilesGiveTheSameArchiveInFileOrder() throws IOException {
        List<Path> files = files("3_theo_7.wav", "0_jackson_0.wav", "9_theo_1.wav", "1_jackson_4.wav", "5_theo_2.wav",
                "2_jackson_9.wav", "7_theo_0.wav", "8_theo_3.wav", "4_jackson_1.wav", "6_theo_4.wav");
        for (FeatureConfig config : List.of(FeatureConfig.kaldiDefaults(),
                FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults()).withTargetSampleRateHz(16000))) {
            String reference = expected(config, files);
            List<SkippedFile> skipped = new ArrayList<>();
            assertEquals(reference, run(config, Long.MAX_VALUE, files, skipped), "whole");
            assertEquals(reference, run(config, 0, files, skipped), "streamed");
            assertEquals(List.of(), skipped);
        }
    }

    @Test
    void unusableFilesAreSkippedWithTheirReasonsAndTheRestWritten(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.wav"), "garbage text here");
        Path space = Files.copy(CORPUS.resolve("1_theo_0.wav"), dir.resolve("sp ace.wav"));
        Path twin = Files.copy(CORPUS.resolve("0_theo_0.wav"), dir.resolve("0_theo_0.wav"));
        List<Path> files = List.of(CORPUS.resolve("0_theo_0.wav"), bad, space, twin, CORPUS.resolve("1_theo_0.wav"));
        for (long streamAbove : new long[] {Long.MAX_VALUE, 0}) {
            List<SkippedFile> skipped = new ArrayList<>();
            String archive = run(FeatureConfig.kaldiDefaults(), streamAbove, files, skipped);
            assertEquals(expected(FeatureConfig.kaldiDefaults(), List.of(files.get(0), files.get(4))), archive);
            assertEquals(List.of(
                    new SkippedFile(bad, "not a RIFF/WAVE file (starts with 'garb')"),
                    new SkippedFile(space, "utterance id 'sp ace' contains whitespace or a control character at index 2"),
                    new SkippedFile(twin, "utterance id '0_theo_0' is already used by " + files.get(0))), skipped);
        }
    }

    @Test
    void strictStopsAtTheFirstUnusableFile(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.wav"), "garbage text here");
        FeatureArchiveJob job = new FeatureArchiveJob(new FeaturePipeline(FeatureConfig.kaldiDefaults()),
                new FeatureArchiveJob.Options(1, 0, true), NAME_WITHOUT_WAV);
        StringWriter text = new StringWriter();
        UnusableFileException e = assertThrows(UnusableFileException.class, () -> job.run(
                List.of(CORPUS.resolve("0_theo_0.wav"), bad), new KaldiTextFeatureArchive(text), s -> { }));
        assertEquals(new SkippedFile(bad, "not a RIFF/WAVE file (starts with 'garb')"), e.report());
        assertTrue(text.toString().startsWith("0_theo_0  ["));
    }

    @Test
    void aStreamedFileFailingAfterItsFirstFramesStopsTheJob(@TempDir Path dir) throws IOException {
        float[] speech = new WavReader().read(CORPUS.resolve("1_jackson_1.wav")).samples();
        float[] samples = new float[60000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = speech[i % speech.length];
        }
        Path late = dir.resolve("late_nan.wav");
        new WavWriter(SampleEncoding.FLOAT_32).write(late, new float[][] {samples}, 8000);
        byte[] bytes = Files.readAllBytes(late);
        int data = new String(bytes, 0, 100, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("data") + 8;
        try (RandomAccessFile raf = new RandomAccessFile(late.toFile(), "rw")) {
            raf.seek(data + 4L * 40000); // float sample 40000, past the first block of 32768 samples
            raf.write(new byte[] {0, 0, (byte) 0xc0, 0x7f}); // NaN, little-endian
        }
        FeatureArchiveJob job = new FeatureArchiveJob(new FeaturePipeline(FeatureConfig.kaldiDefaults()),
                new FeatureArchiveJob.Options(1, 0, false), NAME_WITHOUT_WAV);
        FeatureArchiveJob.IncompleteEntryException e = assertThrows(FeatureArchiveJob.IncompleteEntryException.class,
                () -> job.run(List.of(late), new KaldiTextFeatureArchive(new StringWriter()), s -> { }));
        // (32768 - 200) / 80 + 1 = 408 frames of 25 ms every 10 ms at 8 kHz were out when the NaN was read
        assertEquals(late + ": float sample 40000 (channel 0, byte " + (data + 160000) + ") is NaN; NaN and infinite samples are not allowed"
                + " (after 408 frames had been written, so the archive is incomplete)", e.getMessage());
    }
}
