package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.kaldi.KaldiTextArchiveReader;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link KaldiTextArchiveReader}: any bytes give entries whose values are finite and
 * no more numerous than the input bytes, or a {@link FeatureFileException} naming the source.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class KaldiTextArchiveFuzzTest {
    private static final String NAME = "fuzz.ark";

    /** {@link KaldiTextArchiveReader#readAll()} and {@link KaldiTextArchiveReader#stackAll()}. */
    @DictionaryEntries({"[", "]", ";", "nan", "inf", "1e39", "-0.5e-3"})
    @FuzzTest
    void read(byte[] data) throws IOException {
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        long all = -1;
        try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new ByteArrayInputStream(data), NAME)) {
            Map<String, FeatureMatrix> entries = r.readAll();
            all = 0;
            for (Map.Entry<String, FeatureMatrix> e : entries.entrySet()) {
                assertFalse(e.getKey().isEmpty(), "empty utterance id");
                assertFalse(e.getKey().chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n'),
                        "utterance id with whitespace: " + e.getKey());
                all += checkMatrix(e.getValue(), data.length);
            }
            assertTrue(all <= data.length, all + " values from " + data.length + " bytes");
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, NAME);
        }
        try (KaldiTextArchiveReader r = new KaldiTextArchiveReader(new ByteArrayInputStream(data), NAME)) {
            FeatureMatrix stacked = r.stackAll();
            checkMatrix(stacked, data.length);
            assertTrue(stacked.rows() > 0, "stackAll gave no frames");
            if (all >= 0) {
                assertEquals(all, (long) stacked.rows() * stacked.cols(), "stackAll and readAll disagree");
            }
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, NAME);
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    private static long checkMatrix(FeatureMatrix m, int inputBytes) {
        long n = (long) m.rows() * m.cols();
        assertTrue(n <= inputBytes, n + " values from " + inputBytes + " bytes");
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                assertTrue(Float.isFinite(m.get(r, c)), "value at " + r + ", " + c + " is " + m.get(r, c));
            }
        }
        return n;
    }
}
