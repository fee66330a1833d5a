package org.cepstra.io.kaldi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.cepstra.gmm.DiagonalGmm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiGmmTextTest {

    private static final DiagonalGmm SMALL = new DiagonalGmm(new double[] {0.25, 0.75},
            new double[][] {{1, -2}, {0.5, 3}}, new double[][] {{4, 0.5}, {1, 2}});

    /** Expected bytes, from Kaldi's write code paths (float gconsts computed as ComputeGconsts does). */
    private static final String SMALL_TEXT = "<DiagGMM> \n"
            + "<GCONSTS>  [ -7.695745 -4.847133 ]\n"
            + "<WEIGHTS>  [ 0.25 0.75 ]\n"
            + "<MEANS_INVVARS>  [\n  0.25 -4 \n  0.5 1.5 ]\n"
            + "<INV_VARS>  [\n  0.25 2 \n  1 0.5 ]\n"
            + "</DiagGMM> \n";

    @Test
    void writesExactlyWhatKaldiPrints() {
        assertEquals(SMALL_TEXT, KaldiGmmText.format(SMALL));
    }

    @Test
    void everyCWhiteSpaceSeparatesTokensAndAStrayOneIsAnErrorNotACrash() throws IOException {
        String spaced = SMALL_TEXT.replace("  [ ", "\u000B[\f").replace(" ]", "\t\u000B]");
        DiagonalGmm g = KaldiGmmText.read(new StringReader(spaced), "spaced.gmm");
        assertArrayEquals(SMALL.weights(), g.weights(), 1e-7);
        // a vertical tab right after a matrix row used to give an empty token
        String cut = "<DiagGMM> \n<GCONSTS>  [ -7.695745 -4.847133 ]\n<WEIGHTS>  [ 0.25 0.75 ]\n"
                + "<MEANS_INVVARS>  [\u000B  0.25 -4 \n /DiagGMM> \n";
        IOException e = assertThrows(IOException.class, () -> KaldiGmmText.read(new StringReader(cut), "cut.gmm"));
        assertTrue(e.getMessage().startsWith("cut.gmm, line "), e.getMessage());
    }

    @Test
    void numbersArePrintedLikeCppStreamsWithPrecision7() {
        assertEquals("0.5", KaldiGmmText.formatFloat(0.5f));
        assertEquals("1e-05", KaldiGmmText.formatFloat(1e-5f));
        assertEquals("0.0001", KaldiGmmText.formatFloat(1e-4f));
        assertEquals("123456.7", KaldiGmmText.formatFloat(123456.7f));
        assertEquals("1234568", KaldiGmmText.formatFloat(1234567.8f));
        assertEquals("1.234568e+07", KaldiGmmText.formatFloat(12345678f));
        assertEquals("-56.12346", KaldiGmmText.formatFloat(-56.123456f));
        assertEquals("1", KaldiGmmText.formatFloat(1f));
        assertEquals("100", KaldiGmmText.formatFloat(100f));
        assertEquals("0.1", KaldiGmmText.formatFloat(0.1f));
        assertEquals("1e+07", KaldiGmmText.formatFloat(9999999.5f));
        assertEquals("-0.0001234568", KaldiGmmText.formatFloat(-0.000123456789f));
        assertEquals("3.4e+38", KaldiGmmText.formatFloat(3.4e38f));
        assertEquals("1.175494e-38", KaldiGmmText.formatFloat(1.17549435e-38f));
        assertEquals("0.3", KaldiGmmText.formatFloat(0.3f));
        assertEquals("0", KaldiGmmText.formatFloat(0f));
        assertEquals("-inf", KaldiGmmText.formatFloat(Float.NEGATIVE_INFINITY));
    }

    @Test
    void readsBackWhatItWrites(@TempDir Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        int k = 7;
        int d = 4;
        double[] w = new double[k];
        double[][] mu = new double[k][d];
        double[][] var = new double[k][d];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = 0.1 + r.nextDouble();
            sum += w[c];
            for (int j = 0; j < d; j++) {
                mu[c][j] = 20 * r.nextGaussian();
                var[c][j] = Math.exp(3 * r.nextGaussian());
            }
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        DiagonalGmm g = new DiagonalGmm(w, mu, var);
        Path file = dir.resolve("ubm.txt");
        KaldiGmmText.write(g, file);
        DiagonalGmm back = KaldiGmmText.read(file);
        for (int c = 0; c < k; c++) {
            assertEquals(g.weight(c), back.weight(c), 1e-6);
            for (int j = 0; j < d; j++) {
                assertEquals(g.mean(c)[j], back.mean(c)[j], 2e-6 * Math.abs(g.mean(c)[j]) + 1e-12);
                assertEquals(g.variance(c)[j], back.variance(c)[j], 2e-6 * g.variance(c)[j]);
            }
        }
        // a second round trip is stable: the values are single precision already
        DiagonalGmm again = KaldiGmmText.read(new StringReader(KaldiGmmText.format(back)), "memory");
        for (int c = 0; c < k; c++) {
            assertArrayEquals(back.mean(c), again.mean(c), 1e-6);
        }
        assertEquals(KaldiGmmText.format(back).length(), KaldiGmmText.format(again).length());
        assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("ubm.txt")), "no temp file left");
        assertEquals(SMALL, KaldiGmmText.read(new StringReader(SMALL_TEXT), "small"));
    }

    @Test
    void acceptsKaldisVariants() throws IOException {
        String old = "<DiagGMMBegin>\n<WEIGHTS> [ 0.25 0.75]\n<MEANS_INVVARS> [\n 0.25 -4\n 0.5 1.5 ]\r\n"
                + "<INV_VARS> [\n 0.25 2\n 1 0.5 ]\n<DiagGMMEnd>\n";
        DiagonalGmm g = KaldiGmmText.read(new StringReader(old), "old");
        assertEquals(SMALL, g);
        String zeroWeight = "<DiagGMM>\n<GCONSTS> [ -inf -1.418939 ]\n<WEIGHTS> [ 0 1 ]\n<MEANS_INVVARS> [\n 0\n 0 ]\n"
                + "<INV_VARS> [\n 1\n 1 ]\n</DiagGMM>\n";
        assertEquals(0.0, KaldiGmmText.read(new StringReader(zeroWeight), "z").weight(0));
    }

    @Test
    void rejectsBadFilesNamingTheProblem(@TempDir Path dir) throws IOException {
        assertBad(dir, "", "file ends");
        assertBad(dir, "<FullGMM>\n", "expected <DiagGMM>");
        assertBad(dir, SMALL_TEXT.replace("<WEIGHTS>  [ 0.25 0.75 ]", "<WEIGHTS>  [ 0.25 0.7 ]"), "weights sum to");
        assertBad(dir, SMALL_TEXT.replace("<WEIGHTS>  [ 0.25 0.75 ]", "<WEIGHTS>  [ 0.25 0.5 0.25 ]"), "<WEIGHTS> has 3");
        assertBad(dir, SMALL_TEXT.replace("<WEIGHTS>  [ 0.25 0.75 ]", "<WEIGHTS>  [ 1.25 -0.25 ]"), ">= 0");
        assertBad(dir, SMALL_TEXT.replace("  1 0.5 ]", "  1 0 ]"), "must be > 0");
        assertBad(dir, SMALL_TEXT.replace("  1 0.5 ]", "  1 -0.5 ]"), "must be > 0");
        assertBad(dir, SMALL_TEXT.replace("  0.5 1.5 ]", "  0.5 nan ]"), "finite");
        assertBad(dir, SMALL_TEXT.replace("  0.5 1.5 ]", "  0.5 inf ]"), "finite");
        assertBad(dir, SMALL_TEXT.replace("  0.5 1.5 ]", "  0.5 x1.5 ]"), "expected a number");
        assertBad(dir, SMALL_TEXT.replace("  0.5 1.5 ]", "  0.5 ]"), "row 1 has 1 values");
        assertBad(dir, SMALL_TEXT.replace("  0.25 2 \n  1 0.5 ]", "  0.25 2 1 \n  1 0.5 3 ]"), "<INV_VARS> has 3");
        assertBad(dir, SMALL_TEXT.replace("  0.25 2 \n  1 0.5 ]", "  0.25 2 ]"), "1 rows in <INV_VARS>");
        assertBad(dir, SMALL_TEXT.replace("<INV_VARS>", "<VARS>"), "expected <INV_VARS>");
        assertBad(dir, SMALL_TEXT.replace("</DiagGMM> \n", ""), "file ends");
        assertBad(dir, SMALL_TEXT + "extra", "unexpected text");
        assertBad(dir, SMALL_TEXT.substring(0, 60), "file ends");
        assertBad(dir, SMALL_TEXT.replace("<WEIGHTS>  [ 0.25 0.75 ]", "<WEIGHTS>  [ ]"), "empty");
        assertBad(dir, "\0B<DiagGMM> ", "binary");
    }

    private static void assertBad(Path dir, String text, String expected) throws IOException {
        Path f = dir.resolve("bad.txt");
        Files.write(f, text.getBytes(StandardCharsets.ISO_8859_1));
        IOException e = assertThrows(IOException.class, () -> KaldiGmmText.read(f), text);
        assertTrue(e.getMessage().contains("bad.txt"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void refusesModelsOutsideFloatRange() {
        DiagonalGmm tiny = new DiagonalGmm(new double[] {1}, new double[][] {{0}}, new double[][] {{1e-50}});
        assertThrows(IllegalArgumentException.class, () -> KaldiGmmText.format(tiny));
    }
}
