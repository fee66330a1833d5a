package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.features.FeatureFileReader;
import org.cepstra.io.kaldi.NamedFeatures;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link FeatureFileReader}: any file content, whichever format it is taken for,
 * gives finite frames no more numerous than the file's bytes, or a {@link FeatureFileException}
 * naming the file.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class FeatureFileReaderFuzzTest {

    /** {@link FeatureFileReader#read(Path)} and {@link FeatureFileReader#readStacked(Path)} on a temp file. */
    @DictionaryEntries({"[", "]", "#", "nan", "NUMPY"})
    @FuzzTest
    void read(byte[] data) throws IOException {
        Path file = FuzzChecks.write(Folder.DIR.resolve("feats.txt"), data);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        try {
            List<NamedFeatures> entries = FeatureFileReader.read(file);
            long values = 0;
            for (NamedFeatures e : entries) {
                assertFalse(e.name().isEmpty(), "entry without a name");
                values += check(e.features(), data.length);
            }
            assertTrue(values <= data.length, values + " values from " + data.length + " bytes");
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        try {
            FeatureMatrix m = FeatureFileReader.readStacked(file);
            assertTrue(m.rows() > 0, "readStacked gave no frames");
            check(m, data.length);
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    private static long check(FeatureMatrix m, int inputBytes) {
        long n = (long) m.rows() * m.cols();
        assertTrue(n <= inputBytes, n + " values from " + inputBytes + " bytes");
        assertTrue(m.isFinite(), "non-finite value read");
        return n;
    }

    /** The folder the target writes into, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-features");
    }
}
