package org.cepstra.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cepstra.features.KaldiConfigException;
import org.cepstra.features.KaldiConfigFile;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz target for {@link KaldiConfigFile}: any text gives options, or a {@link KaldiConfigException}
 * naming the source and the line; {@link KaldiConfigFile.Parsed#settings()} throws nothing but its
 * documented {@link IllegalArgumentException}.
 */
@Timeout(60) // seconds per input; in fuzzing mode Jazzer passes it on as libFuzzer's -timeout
class KaldiConfigFileFuzzTest {
    private static final String NAME = "fuzz.conf";

    /** {@link KaldiConfigFile#parse} on the lines of the text and {@link KaldiConfigFile#read} on a file. */
    @DictionaryEntries({"--frame-length=", "--frame-shift=", "--dither=", "--dither-seed=",
            "--preemphasis-coefficient=", "--remove-dc-offset=", "--window-type=", "--round-to-power-of-two=",
            "--blackman-coeff=", "--snip-edges=", "--num-mel-bins=", "--low-freq=", "--high-freq=", "--vtln-low=",
            "--vtln-high=", "--vtln-warp=", "--htk-mode", "--use-power", "--num-ceps=", "--use-energy=",
            "--energy-floor=", "--raw-energy=", "--cepstral-lifter=", "--htk-compat=", "--subtract-mean=",
            "--sample-frequency=", "--allow-downsample", "--allow-upsample", "--max-feature-vectors=",
            "--debug-mel", "--config=", "--no-", "povey", "hamming", "hanning", "rectangular", "blackman", "sine",
            "false", "true"})
    @FuzzTest
    void parse(byte[] data) throws IOException {
        List<String> lines = new String(data, StandardCharsets.UTF_8).lines().toList();
        FuzzChecks.Mark before = FuzzChecks.allocationMark();
        try {
            settings(KaldiConfigFile.parse(lines, NAME, KaldiConfigFile.Parsed.defaults()));
        } catch (KaldiConfigException e) {
            FuzzChecks.requireMessageNaming(e, NAME + " line ");
        }
        FuzzChecks.requireBoundedAllocation(before, data.length);
        Path file = FuzzChecks.write(Folder.DIR.resolve("mfcc.conf"), data);
        try {
            settings(KaldiConfigFile.read(file));
        } catch (KaldiConfigException e) {
            FuzzChecks.requireMessageNaming(e, file.toString());
        }
    }

    private static void settings(KaldiConfigFile.Parsed parsed) {
        assertNotNull(parsed);
        try {
            assertNotNull(parsed.settings());
        } catch (KaldiConfigException e) {
            throw new AssertionError("settings() threw a config exception", e);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "settings() failed without a message");
        }
    }

    /** The folder the file reading writes into, made once per test run. */
    private static final class Folder {
        static final Path DIR = FuzzChecks.tempFolder("cepstra-fuzz-conf");
    }
}
