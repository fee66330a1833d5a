package org.cepstra.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import org.cepstra.models.ModelSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every single-byte change and every truncation of a model file is either rejected with a
 * {@link ModelFileException} or (for zip fields that carry no model data, such as entry times and the
 * names in local headers) gives back exactly the original model set; never a different model and
 * never another kind of exception.
 */
class ModelSetFileCorruptionTest {
    @TempDir
    Path tmp;

    private static boolean sameSet(ModelSet a, ModelSet b) {
        return a.models().equals(b.models()) && a.featureConfig().equals(b.featureConfig())
                && a.training().equals(b.training()) && a.labels().equals(b.labels())
                && a.skippedFiles() == b.skippedFiles();
    }

    /** Reads {@code f}: the set, or null if rejected with a ModelFileException naming the file. */
    private static ModelSet readOrNull(Path f, String what) throws IOException {
        try {
            return ModelSetFile.read(f);
        } catch (ModelFileException e) {
            assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
            return null;
        } catch (Exception e) {
            throw new AssertionError(what + ": expected a ModelFileException, got " + e, e);
        }
    }

    /**
     * Changes one byte at a time (xor a seeded random non-zero mask) at every position, or at
     * {@code sample} seeded positions if {@code sample > 0}, and reads the file after each change.
     */
    private void flipBytes(byte[] original, ModelSet expected, int sample) throws IOException {
        Path f = tmp.resolve("flipped.npz");
        Files.write(f, original);
        Random r = new Random(42);
        int[] positions = sample > 0 ? r.ints(sample, 0, original.length).toArray()
                : IntStream.range(0, original.length).toArray();
        List<int[]> dataRanges = entryDataRanges(original);
        assertEquals(expected.size() * 3 + 1, dataRanges.size());
        int accepted = 0;
        int inData = 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            for (int pos : positions) {
                int mask = 1 + r.nextInt(255);
                ch.write(ByteBuffer.wrap(new byte[] {(byte) (original[pos] ^ mask)}), pos);
                ModelSet read = readOrNull(f, "byte " + pos + " xor " + mask);
                ch.write(ByteBuffer.wrap(original, pos, 1), pos);
                boolean data = dataRanges.stream().anyMatch(d -> pos >= d[0] && pos < d[1]);
                inData += data ? 1 : 0;
                if (read != null) {
                    accepted++;
                    if (!sameSet(expected, read)) {
                        fail("byte " + pos + " xor " + mask + " gave a different model set");
                    }
                    if (data) {
                        fail("byte " + pos + " xor " + mask + " lies in an entry's data but was not caught");
                    }
                }
            }
        }
        assertTrue(sameSet(expected, ModelSetFile.read(f)), "file restored after the changes");
        assertTrue(inData > positions.length / 3, inData + " of " + positions.length + " changes in entry data");
        assertTrue(accepted > 0, "some zip fields (times, local header copies) carry no model data");
    }

    /**
     * Where each entry's stored (compressed) bytes lie in a zip file: [start, end) per entry, from the
     * central directory's local header offsets and compressed sizes and the local headers' name and
     * extra-field lengths. The last byte of a DEFLATE stream is left out: the bits after its end-of-block
     * code are padding that the inflater ignores, so changing only them changes nothing.
     */
    private static List<int[]> entryDataRanges(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        while (b.getInt(end) != 0x06054b50) {
            end--;
        }
        int entries = b.getShort(end + 10) & 0xffff;
        int cen = b.getInt(end + 16);
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            assertEquals(0x02014b50, b.getInt(cen));
            int method = b.getShort(cen + 10) & 0xffff;
            int compressed = b.getInt(cen + 20);
            int nameLength = b.getShort(cen + 28) & 0xffff;
            int extraLength = b.getShort(cen + 30) & 0xffff;
            int commentLength = b.getShort(cen + 32) & 0xffff;
            int local = b.getInt(cen + 42);
            assertEquals(0x04034b50, b.getInt(local));
            int start = local + 30 + (b.getShort(local + 26) & 0xffff) + (b.getShort(local + 28) & 0xffff);
            ranges.add(new int[] {start, start + compressed - (method == ZipEntry.DEFLATED ? 1 : 0)});
            cen += 46 + nameLength + extraLength + commentLength;
        }
        return ranges;
    }

    /** Cuts the file to every length below its own (or every {@code step}-th), reading after each cut. */
    private void cutAtEveryLength(byte[] original, int step) throws IOException {
        Path f = tmp.resolve("cut.npz");
        Files.write(f, original);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            for (int length = original.length - 1; length >= 0; length -= step) {
                ch.truncate(length);
                assertNull(readOrNull(f, "cut to " + length + " bytes"), "cut to " + length + " bytes");
            }
        }
    }

    private byte[] writtenFile() throws IOException {
        Path f = tmp.resolve("small.npz");
        ModelSetFile.write(f, ModelFileFixtures.smallSet(), Instant.parse("2024-05-01T12:00:00Z"));
        return Files.readAllBytes(f);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ModelSetFileCorruptionTest.class.getResourceAsStream("/models/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void everyChangedByteOfAWrittenFileIsCaughtOrHarmless() throws IOException {
        byte[] original = writtenFile();
        ModelSet expected = ModelSetFile.read(tmp.resolve("small.npz"));
        assertTrue(sameSet(ModelFileFixtures.smallSet(), expected));
        flipBytes(original, expected, 0);
    }

    @Test
    void changedBytesOfANumpyWrittenFileAreCaughtOrHarmless() throws IOException {
        byte[] original = resource("small-v1-numpy.npz");
        flipBytes(original, ModelFileFixtures.smallSet(), 600);
    }

    @Test
    void everyTruncationIsCaught() throws IOException {
        cutAtEveryLength(writtenFile(), 1);
        cutAtEveryLength(resource("small-v1-numpy.npz"), 7);
    }
}
