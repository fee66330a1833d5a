package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.cepstra.audio.Audio;
import org.cepstra.audio.AudioFileException;
import org.cepstra.audio.ChannelSelection;
import org.cepstra.audio.WavReader;
import org.cepstra.audio.WavStream;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets for {@link WavReader} and {@link WavStream}: any bytes either decode to finite
 * samples, no more than there are input bytes, or fail with an {@link AudioFileException} (or its
 * subclasses {@code CorruptWavException} / {@code UnsupportedWavException}) naming the source.
 * The stream, file and chunked readings of the same bytes must agree.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class WavReaderFuzzTest {
    private static final String STREAM_NAME = "fuzz-stream.wav";
    private static final int[] CHUNK_SAMPLES = {1, 7, 64, 4097};

    private final WavReader averaging = new WavReader();
    private final WavReader secondChannel = new WavReader(ChannelSelection.channel(1));

    /** {@link WavReader#read(java.io.InputStream, String)} on the bytes. */
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "LIST", "fact", "RIFX", "RF64"})
    @FuzzTest
    void readStream(byte[] data) throws IOException {
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        readFromStream(averaging, data);
        readFromStream(secondChannel, data);
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    /** {@link WavReader#read(Path)} on the bytes written to a file; agrees with the stream reading. */
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "LIST", "fact", "RIFX", "RF64"})
    @FuzzTest
    void readPath(byte[] data) throws IOException {
        Path file = FuzzChecks.write(Folder.DIR.resolve("fuzz.wav"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        Audio fromFile = null;
        try {
            fromFile = averaging.read(file);
            checkAudio(fromFile, data.length);
        } catch (AudioFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        try {
            checkAudio(secondChannel.read(file), data.length);
        } catch (AudioFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
        Audio fromStream = readFromStream(averaging, data);
        assertEquals(fromStream == null, fromFile == null, "file and stream readings disagree on failure");
        assertEquals(fromStream, fromFile, "file and stream readings give different audio");
    }

    /** {@link WavStream#read} in chunks of varying size; agrees with the whole-stream reading. */
    @DictionaryEntries({"RIFF", "WAVE", "fmt ", "data", "LIST", "fact", "RIFX", "RF64"})
    @FuzzTest
    void readChunked(byte[] data) throws IOException {
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        float[] collected = new float[16];
        int total = 0;
        boolean failed = false;
        try (WavStream stream = averaging.open(new ByteArrayInputStream(data), STREAM_NAME)) {
            float[] buffer = new float[CHUNK_SAMPLES[CHUNK_SAMPLES.length - 1]];
            for (int call = 0; ; call++) {
                int want = CHUNK_SAMPLES[(call + data.length) % CHUNK_SAMPLES.length];
                int n = stream.read(buffer, 0, want);
                if (n < 0) {
                    break;
                }
                assertTrue(n > 0 && n <= want, "read returned " + n + " for " + want + " wanted");
                if (total + n > collected.length) {
                    collected = Arrays.copyOf(collected, Math.max(2 * collected.length, total + n));
                }
                System.arraycopy(buffer, 0, collected, total, n);
                total += n;
                assertTrue(total <= data.length, total + " samples from " + data.length + " bytes");
                assertEquals(total, stream.samplesRead());
            }
            assertEquals(0, stream.read(buffer, 0, 0));
        } catch (AudioFileException e) {
            FuzzChecks.requireMessageNaming(e, STREAM_NAME);
            failed = true;
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
        Audio whole = readFromStream(averaging, data);
        assertEquals(whole == null, failed, "chunked and whole readings disagree on failure");
        if (whole != null) {
            assertArrayEquals(whole.samples(), Arrays.copyOf(collected, total));
        }
    }

    /** The audio read from a stream of {@code data}, or null when the reader rejected it as documented. */
    private static Audio readFromStream(WavReader reader, byte[] data) throws IOException {
        try {
            Audio audio = reader.read(new ByteArrayInputStream(data), STREAM_NAME);
            checkAudio(audio, data.length);
            return audio;
        } catch (AudioFileException e) {
            FuzzChecks.requireMessageNaming(e, STREAM_NAME);
            return null;
        }
    }

    private static void checkAudio(Audio audio, int inputBytes) {
        assertTrue(audio.length() <= inputBytes, audio.length() + " samples decoded from " + inputBytes + " bytes");
        assertTrue(audio.length() > 0, "audio without samples");
        assertTrue(audio.sampleRateHz() >= 1, "sample rate " + audio.sampleRateHz());
        for (int i = 0; i < audio.length(); i++) {
            float v = audio.sample(i);
            assertTrue(Float.isFinite(v), "sample " + i + " is " + v);
        }
    }

    /** The folder the file target writes into, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-wav");
    }
}
