package org.cepstra.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {
    private static final Resampler KALDI = new Resampler();

    static float[] tone(double hz, double rateHz, int n, double amplitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / rateHz + 0.3));
        }
        return x;
    }

    static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) y[i] * y[i];
        }
        return Math.sqrt(s / (to - from));
    }

    /** Frequency from upward zero crossings (linearly interpolated) between sample indices from and to. */
    static double zeroCrossingHz(float[] y, double rateHz, int from, int to) {
        double first = -1;
        double last = -1;
        int count = 0;
        for (int i = from; i < to - 1; i++) {
            if (y[i] <= 0 && y[i + 1] > 0) {
                double t = i + y[i] / (double) (y[i] - y[i + 1]);
                if (first < 0) {
                    first = t;
                }
                last = t;
                count++;
            }
        }
        return (count - 1) / ((last - first) / rateHz);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, tone {2} Hz")
    @CsvSource({
        "8000, 16000, 1000", "8000, 16000, 2400",
        "16000, 8000, 1000", "16000, 8000, 2400",
        "44100, 16000, 1000", "44100, 16000, 4800",
        "22050, 8000, 1000", "22050, 8000, 2400",
        "48000, 44100, 1000", "48000, 44100, 13230",
        "16000, 22050, 3200", "8000, 11025, 2000"})
    void toneKeepsItsFrequencyAndLevel(int inHz, int outHz, double toneHz) {
        double amplitude = 0.5;
        Audio out = KALDI.resample(Audio.wrap(tone(toneHz, inHz, inHz, amplitude), inHz), outHz);
        assertEquals(outHz, out.sampleRateHz());
        assertEquals(outHz, out.length(), "1 s in, 1 s out");
        float[] y = out.samples();
        int edge = outHz / 10;
        double gainDb = 20 * Math.log10(rms(y, edge, y.length - edge) / (amplitude / Math.sqrt(2)));
        assertEquals(0.0, gainDb, 0.1, "level change in dB");
        assertEquals(toneHz, zeroCrossingHz(y, outHz, edge, y.length - edge), 0.05);
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz, tone {2} Hz")
    @CsvSource({"16000, 8000, 6000", "44100, 16000, 12000", "22050, 8000, 7000", "16000, 8000, 5400"})
    void toneAboveTheTargetNyquistIsSuppressedByAtLeast40Db(int inHz, int outHz, double toneHz) {
        float[] y = KALDI.resample(Audio.wrap(tone(toneHz, inHz, inHz, 0.5), inHz), outHz).samples();
        int edge = outHz / 10;
        double db = 20 * Math.log10(rms(y, edge, y.length - edge) / (0.5 / Math.sqrt(2)));
        assertTrue(db < -40, "aliased tone at " + db + " dB");
    }

    @Test
    void highQualityFilterSuppressesAToneJustAboveNyquist() {
        // 23 kHz in 48 kHz audio would alias to 21.1 kHz at 44.1 kHz. Kaldi's short filter lets it
        // through (its cutoff is 0.99 × 22050 Hz); the sharper filter stops it.
        float[] x = tone(23000, 48000, 48000, 0.5);
        Resampler sharp = new Resampler(ResamplerConfig.highQuality());
        float[] y = sharp.resample(Audio.wrap(x, 48000), 44100).samples();
        double db = 20 * Math.log10(rms(y, 4410, y.length - 4410) / (0.5 / Math.sqrt(2)));
        assertTrue(db < -60, "aliased tone at " + db + " dB");
        float[] k = KALDI.resample(Audio.wrap(x, 48000), 44100).samples();
        double kaldiDb = 20 * Math.log10(rms(k, 4410, k.length - 4410) / (0.5 / Math.sqrt(2)));
        assertTrue(kaldiDb > -20, "Kaldi's filter is not expected to stop it: " + kaldiDb);
        // and its pass band is flat: a 18 kHz tone keeps its level
        float[] p = sharp.resample(Audio.wrap(tone(18000, 48000, 48000, 0.5), 48000), 44100).samples();
        assertEquals(0.0, 20 * Math.log10(rms(p, 4410, p.length - 4410) / (0.5 / Math.sqrt(2))), 0.1);
    }

    @Test
    void equalRatesReturnTheInput() {
        Audio a = Audio.of(tone(440, 8000, 100, 0.5), 8000);
        assertSame(a, KALDI.resample(a, 8000));
        float[] x = tone(440, 8000, 100, 0.5);
        float[] copy = KALDI.resample(x, 8000, 8000);
        assertTrue(copy != x && java.util.Arrays.equals(copy, x));
    }

    @Test
    void outputLengthIsKaldis() {
        // ceil(n × out / in): the output times t/out that fall before n/in; brute-force count.
        int[][] pairs = {{8000, 16000}, {16000, 8000}, {44100, 16000}, {8000, 11025}, {48000, 44100}, {8000, 6000}};
        for (int[] p : pairs) {
            for (int n = 0; n < 300; n++) {
                long brute = 0;
                while (brute * (long) p[0] < (long) n * p[1]) {
                    brute++;
                }
                assertEquals(brute, Resampler.outputLength(n, p[0], p[1]), n + " samples " + p[0] + "->" + p[1]);
                assertEquals(brute, KALDI.resample(new float[n], p[0], p[1]).length);
            }
        }
        assertEquals(690, Resampler.outputLength(500, 8000, 11025));
        assertEquals(28_800_000L * 2, Resampler.outputLength(28_800_000L, 8000, 16000));
    }

    /**
     * Against torchaudio 0.13.1 {@code functional.resample} (lowpass_filter_width 6, rolloff 0.99,
     * Hann-windowed sinc: Kaldi's filter), computed in float64 on the first 500 samples of
     * 0_george_0.wav, edges included.
     */
    @Test
    void matchesTorchaudioOnARealRecording() throws IOException {
        Audio george = new WavReader().read(FsddRecordingTest.resource("0_george_0.wav"));
        float[] x = new float[500];
        george.copySamples(0, 500, x, 0);
        Map<Integer, double[]> reference = readReference();
        assertEquals(List.of(16000, 6000, 11025), new ArrayList<>(reference.keySet()));
        for (Map.Entry<Integer, double[]> e : reference.entrySet()) {
            float[] y = KALDI.resample(x, 8000, e.getKey());
            double[] r = e.getValue();
            assertEquals(r.length, y.length, "length at " + e.getKey());
            double worst = 0;
            for (int i = 0; i < r.length; i++) {
                worst = Math.max(worst, Math.abs(r[i] - y[i]));
            }
            assertTrue(worst < 5e-8, "largest difference at " + e.getKey() + " Hz: " + worst);
        }
    }

    private static Map<Integer, double[]> readReference() throws IOException {
        Map<Integer, double[]> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ResamplerTest.class.getResourceAsStream("/audio/george500_torchaudio_resampled.txt"),
                StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] head = line.split(" ");
                int rate = Integer.parseInt(head[1]);
                double[] values = new double[Integer.parseInt(head[2])];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Double.parseDouble(r.readLine().trim());
                }
                out.put(rate, values);
            }
        }
        return out;
    }

    @Test
    void perPhaseTablesEqualDirectEvaluation() {
        float[] x = RoundTrip.signal(3001);
        for (int[] p : new int[][] {{8000, 16000}, {44100, 16000}, {8000, 11025}, {48000, 44100}}) {
            float[] fast = KALDI.resample(x, p[0], p[1]);
            float[] direct = KALDI.resampleWithoutPhaseTables(x, p[0], p[1]);
            assertEquals(direct.length, fast.length);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(direct[i], fast[i], 1e-6, p[0] + "->" + p[1] + " sample " + i);
            }
        }
    }

    @Test
    void nonIntegerRates() {
        double in = 8000.5;
        double out = 16001.25;
        Audio y = KALDI.resample(Audio.wrap(tone(1000, in, 8000, 0.5), in), out);
        assertEquals(out, y.sampleRateHz());
        assertEquals((long) Math.ceil(8000 * out / in), y.length());
        float[] s = y.samples();
        int edge = 1600;
        assertEquals(0.0, 20 * Math.log10(rms(s, edge, s.length - edge) / (0.5 / Math.sqrt(2))), 0.1);
        assertEquals(1000.0, zeroCrossingHz(s, out, edge, s.length - edge), 0.05);
    }

    @Test
    void impulseResponseIsTheWindowedSinc() {
        // Upsampling a unit impulse at input sample 10 by 2: output 20 falls on it, so
        // y[20] = h(0) / 8000 = 2 fc / 8000; outputs 19 and 21 are h(±1/16000) / 8000.
        float[] x = new float[21];
        x[10] = 1f;
        float[] y = KALDI.resample(x, 8000, 16000);
        double fc = 0.99 * 4000;
        assertEquals(2 * fc / 8000, y[20], 1e-7);
        double t = 1.0 / 16000;
        double width = 6 / (2 * fc);
        double h = Math.sin(2 * Math.PI * fc * t) / (Math.PI * t) * 0.5 * (1 + Math.cos(2 * Math.PI * fc / 6 * t));
        assertEquals(h / 8000, y[21], 1e-7);
        assertEquals(h / 8000, y[19], 1e-7);
        assertTrue(width * 16000 < 20, "impulse response fits in the output");
        assertEquals(0.0, y[0], 1e-7);
    }

    @Test
    void rejectsBadRatesAndConfigs() {
        Audio a = Audio.of(new float[10], 8000);
        assertThrows(IllegalArgumentException.class, () -> KALDI.resample(a, 0));
        assertThrows(IllegalArgumentException.class, () -> KALDI.resample(a, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> KALDI.resample(a, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new ResamplerConfig(0, 6));
        assertThrows(IllegalArgumentException.class, () -> new ResamplerConfig(1.01, 6));
        assertThrows(IllegalArgumentException.class, () -> new ResamplerConfig(0.9, 0));
    }

    /** A deterministic broadband test signal. */
    private static final class RoundTrip {
        static float[] signal(int n) {
            float[] x = new float[n];
            long s = 12345;
            for (int i = 0; i < n; i++) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                x[i] = (float) (((s >>> 40) / (double) (1L << 24)) - 0.5);
            }
            return x;
        }
    }
}
