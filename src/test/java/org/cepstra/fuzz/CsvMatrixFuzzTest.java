package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cepstra.base.FeatureFileException;
import org.cepstra.io.csv.CsvMatrixReader;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link CsvMatrixReader}: any text gives a non-empty matrix of finite values, no
 * more than there are characters, or a {@link FeatureFileException} naming the source; the file
 * reading (strict UTF-8) fails the same way on bytes that are not UTF-8.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class CsvMatrixFuzzTest {
    private static final String NAME = "fuzz.csv";

    /** {@link CsvMatrixReader#read(java.io.Reader, String)} and {@link CsvMatrixReader#read(Path)}. */
    @DictionaryEntries({"\"", "#", "1e39", "nan", "-inf"})
    @FuzzTest
    void read(byte[] data) throws IOException {
        String text = new String(data, StandardCharsets.UTF_8);
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        try {
            check(CsvMatrixReader.read(new StringReader(text), NAME), text.length());
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, NAME);
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
        Path file = FuzzChecks.write(Folder.DIR.resolve("fuzz.csv"), data);
        before = FuzzChecks.allocationMark();
        try {
            check(CsvMatrixReader.read(file), text.length());
        } catch (FeatureFileException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
    }

    private static void check(FeatureMatrix m, int chars) {
        assertTrue(m.rows() > 0 && m.cols() > 0, "matrix " + m.rows() + " x " + m.cols());
        assertTrue((long) m.rows() * m.cols() <= chars, m.rows() + " x " + m.cols() + " from " + chars + " chars");
        assertTrue(m.isFinite(), "non-finite value read");
    }

    /** The folder the file reading writes into, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-csv");
    }
}
