package org.cepstra.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path p = dir.resolve("mfcc.conf");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsATypicalMfccConf() throws IOException {
        Path p = write("""
                # MFCC for 16 kHz speech
                --sample-frequency=16000
                --use-energy=false   # C0 instead of energy

                --num-mel-bins=40
                --num-ceps=20
                --low-freq=40
                --high-freq=-400
                --window_type=hamming
                --snip-edges=f
                --dither=0.5
                --htk-compat
                --allow-downsample=true
                """);
        KaldiConfigFile.Parsed c = KaldiConfigFile.read(p);
        assertEquals(OptionalDouble.of(16000), c.sampleFrequencyHz());
        assertFalse(c.mfcc().useEnergy());
        assertEquals(40, c.mel().numBins());
        assertEquals(20, c.mfcc().numCeps());
        assertEquals(40.0, c.mel().lowFreqHz());
        assertEquals(-400.0, c.mel().highFreqHz());
        assertEquals(WindowType.HAMMING, c.frame().windowType());
        assertFalse(c.frame().snipEdges());
        assertEquals(0.5, c.frame().dither());
        assertTrue(c.mfcc().htkCompat());
        // Untouched options keep Kaldi's defaults.
        assertEquals(25.0, c.frame().frameLengthMs());
        assertEquals(22.0, c.mfcc().cepstralLifter());
        assertEquals(c.frame(), c.settings().frame());
    }

    @Test
    void everyOptionMapsToItsField() {
        String[] lines = {"--frame-length=20", "--frame-shift=8", "--dither=0.1", "--dither-seed=9",
            "--preemphasis-coefficient=0", "--remove-dc-offset=0", "--window-type=blackman",
            "--round-to-power-of-two=false", "--blackman-coeff=0.4", "--snip-edges=false", "--num-mel-bins=30",
            "--low-freq=10", "--high-freq=3000", "--vtln-low=200", "--vtln-high=2500", "--vtln-warp=1.1",
            "--htk-mode=true", "--use-power=false", "--num-ceps=30", "--use-energy=false", "--energy-floor=1.5",
            "--raw-energy=F", "--cepstral-lifter=0", "--htk-compat=TRUE", "--subtract-mean=1",
            "--sample-frequency=8000", "--max-feature-vectors=-1", "--debug-mel=false", "--allow-upsample"};
        KaldiConfigFile.Parsed c = KaldiConfigFile.parse(List.of(lines), "test", KaldiConfigFile.Parsed.defaults());
        assertEquals(new FrameExtractionOptions(20, 8, 0.1, 9, 0, false, WindowType.BLACKMAN, false, 0.4, false),
                c.frame());
        assertEquals(new MelBanksOptions(30, 10, 3000, 200, 2500, 1.1, true, false), c.mel());
        assertEquals(new MfccOptions(30, false, 1.5, false, 0, true, true), c.mfcc());
        assertEquals(OptionalDouble.of(8000), c.sampleFrequencyHz());
        assertTrue(KaldiConfigFile.isIgnoredOption("--allow-downsample"));
        assertFalse(KaldiConfigFile.isIgnoredOption("--num-ceps"));
    }

    @Test
    void applyOptionServesCommandLines() {
        KaldiConfigFile.Parsed p = KaldiConfigFile.Parsed.of(MfccPresets.htk(true));
        p = KaldiConfigFile.applyOption(p, "--num-ceps", "10");
        p = KaldiConfigFile.applyOption(p, "snip_edges", "false");
        p = KaldiConfigFile.applyOption(p, "raw-energy", null);
        assertEquals(10, p.mfcc().numCeps());
        assertFalse(p.frame().snipEdges());
        assertTrue(p.mfcc().rawEnergy());
        assertTrue(p.mel().htkMode(), "the rest of the preset is kept");
    }

    @Test
    void unknownOptionNamesFileLineAndOption() throws IOException {
        Path p = write("--num-ceps=13\n\n--frame-lenght=25\n");
        KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p));
        assertEquals(p.toString(), e.source());
        assertEquals(3, e.line());
        assertEquals("--frame-lenght", e.option());
        assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("line 3")
                && e.getMessage().contains("--frame-lenght") && e.getMessage().contains("unknown option"),
                e.getMessage());
    }

    @Test
    void noPrefixFormIsExplained() {
        KaldiConfigException e = assertThrows(KaldiConfigException.class,
                () -> KaldiConfigFile.applyOption(KaldiConfigFile.Parsed.defaults(), "--no-use-energy", null));
        assertTrue(e.getMessage().contains("--use-energy=false"), e.getMessage());
    }

    @Test
    void badNumberIsRejected() throws IOException {
        for (String bad : new String[] {"--frame-length=25ms", "--frame-length=", "--frame-length",
            "--frame-length=NaN", "--frame-length=1e999", "--num-mel-bins=23.5", "--num-ceps=99999999999",
            "--frame-length=0x19"}) {
            Path p = write("# comment\n" + bad + "\n");
            KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p), bad);
            assertEquals(2, e.line(), bad);
            assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        }
    }

    @Test
    void badBooleanIsRejected() throws IOException {
        Path p = write("--use-energy=yes\n");
        KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p));
        assertEquals("--use-energy", e.option());
        assertTrue(e.getMessage().contains("'yes' is not a boolean"), e.getMessage());
    }

    @Test
    void badWindowTypeIsRejected() throws IOException {
        Path p = write("--window-type=hamm\n");
        KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p));
        assertTrue(e.getMessage().contains("unknown window type 'hamm'"), e.getMessage());
    }

    @Test
    void valuesTheOptionsRejectAreReportedWithTheOption() throws IOException {
        Path p = write("--num-mel-bins=2\n");
        KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p));
        assertEquals("--num-mel-bins", e.option());
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
        KaldiConfigException rate = assertThrows(KaldiConfigException.class,
                () -> KaldiConfigFile.applyOption(KaldiConfigFile.Parsed.defaults(), "sample-frequency", "0"));
        assertTrue(rate.getMessage().contains("positive"), rate.getMessage());
    }

    @Test
    void linesWithoutDashesAndNestedConfigsAreRejected() throws IOException {
        Path p = write("num-ceps=13\n");
        KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("--name=value"), e.getMessage());
        Path q = write("--config=other.conf\n");
        assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(q));
    }

    @Test
    void tooManyCepstraIsCaughtWhenTheSettingsAreBuilt() {
        KaldiConfigFile.Parsed p = KaldiConfigFile.applyOption(KaldiConfigFile.Parsed.defaults(), "num-ceps", "30");
        assertThrows(IllegalArgumentException.class, p::settings);
        // The order of options does not matter: raising the bins afterwards makes it valid.
        assertEquals(30, KaldiConfigFile.applyOption(p, "num-mel-bins", "40").settings().mfcc().numCeps());
    }

    @Test
    void nonUtf8FileIsRejected() throws IOException {
        Path p = dir.resolve("latin1.conf");
        Files.write(p, new byte[] {'-', '-', 'd', 'i', 't', 'h', 'e', 'r', '=', (byte) 0xe9, '\n'});
        KaldiConfigException e = assertThrows(KaldiConfigException.class, () -> KaldiConfigFile.read(p));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    /**
     * The number pattern was {@code \d+\.?\d*}, which backtracks quadratically on a long run of
     * digits that is not a number in the end: 32000 digits took over 20 s to reject.
     */
    @Test
    void longNonNumberIsRejectedQuickly() {
        String value = "1".repeat(40_000) + "x";
        KaldiConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                KaldiConfigException.class, () -> KaldiConfigFile.parse(List.of("--frame-length=" + value),
                        "mfcc.conf", KaldiConfigFile.Parsed.defaults())));
        assertTrue(e.getMessage().startsWith("mfcc.conf line 1: option --frame-length: '111"), e.getMessage());
        assertTrue(e.getMessage().endsWith("1x' is not a number"), e.getMessage());
        assertEquals(2.5, KaldiConfigFile.parse(List.of("--frame-length=2.5"), "mfcc.conf",
                KaldiConfigFile.Parsed.defaults()).frame().frameLengthMs());
        assertEquals(12.0, KaldiConfigFile.parse(List.of("--frame-length=12."), "mfcc.conf",
                KaldiConfigFile.Parsed.defaults()).frame().frameLengthMs());
    }
}
