package org.cepstra.io.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cepstra.base.FeatureFileException;
import org.cepstra.matrix.FeatureMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvMatrixReaderTest {

    private static final FeatureMatrix EXPECTED = FeatureMatrix.of(new float[][] {{1f, -2.5f, 3e-3f}, {4f, 5f, 6.25f}});

    private static FeatureMatrix read(String text) throws IOException {
        return CsvMatrixReader.read(new StringReader(text), "frames.csv");
    }

    private static FeatureFileException fails(String text) {
        return assertThrows(FeatureFileException.class, () -> read(text));
    }

    @Test
    void readsEverySeparator() throws IOException {
        assertEquals(EXPECTED, read("1,-2.5,3e-3\n4,5,6.25\n"));
        assertEquals(EXPECTED, read("1;-2.5;3e-3\n4;5;6.25\n"));
        assertEquals(EXPECTED, read("1\t-2.5\t3e-3\n4\t5\t6.25\n"));
        assertEquals(EXPECTED, read("  1  -2.5 3e-3\n4 \t 5 6.25  \n"));
        assertEquals(EXPECTED, read("1 , -2.5 , 3e-3\r\n4, 5 ,6.25\r\n"));
    }

    @Test
    void skipsHeaderCommentsAndBlankLines() throws IOException {
        assertEquals(EXPECTED, read("\uFEFF# written by hand\nc0,c1,c2\n\n1,-2.5,3e-3\n  # mid comment\n4,5,6.25\n\n"));
        assertEquals(EXPECTED, read("\"c0\",\"c1\",\"c2\"\n\"1\",\"-2.5\",\"3e-3\"\n4,5,6.25\n"));
        // a whitespace header above comma data
        assertEquals(EXPECTED, read("energy c1 c2\n1,-2.5,3e-3\n4,5,6.25\n"));
    }

    @Test
    void raggedRowNamesTheLine() {
        FeatureFileException e = fails("a,b,c\n1,2,3\n4,5\n");
        assertEquals("frames.csv: line 3: 2 columns, but line 2 has 3 (separator ',')", e.getMessage());
    }

    @Test
    void nonNumericCellNamesLineAndColumn() {
        FeatureFileException e = fails("1,2,3\n4,five,6\n");
        assertEquals("frames.csv: line 2, column 2: 'five' is not a number", e.getMessage());
    }

    @Test
    void nonFiniteAndOutOfRangeValuesAreErrors() {
        assertEquals("frames.csv: line 1, column 3: 'NaN' is not a finite number", fails("1,2,NaN\n").getMessage());
        assertEquals("line 2, column 1", fails("1 2\ninf 3\n").location());
        assertTrue(fails("1,-1e39\n").problem().contains("outside the float range"));
    }

    @Test
    void emptyCellIsAnError() {
        assertEquals("frames.csv: line 2, column 2: empty cell", fails("1,2,3\n4,,6\n").getMessage());
        assertEquals("line 1, column 3", fails("1,2,\n").location());
    }

    @Test
    void fileWithoutRowsIsAnError() {
        assertEquals("frames.csv: no rows of numbers found", fails("# only a comment\nc0,c1\n").getMessage());
        fails("");
    }

    @Test
    void secondNonNumericLineIsNotAHeader() {
        assertEquals("line 2, column 1", fails("a,b\nc,d\n1,2\n").location());
    }

    /** Found by CsvMatrixFuzzTest: the file reading let MalformedInputException ("Input length = 1") escape. */
    @Test
    void fileThatIsNotUtf8NamesTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("frames.csv"),
                new byte[] {'0', (byte) 0xF7, (byte) 0xCD, (byte) 0xF6, '5', '\t', '6', '\r', '\n'});
        FeatureFileException e = assertThrows(FeatureFileException.class, () -> CsvMatrixReader.read(file));
        assertEquals(file + ": not a UTF-8 text file", e.getMessage());
    }
}
