package org.cepstra.io.kaldi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KaldiConfigTextTest {
    @TempDir
    Path dir;

    @Test
    void parsesNameValueFlagsCommentsAndBlankLines() {
        assertEquals(new KaldiConfigText.Option("--frame-length", "25"), KaldiConfigText.parseLine(" --frame-length = 25 # ms"));
        assertEquals(new KaldiConfigText.Option("--snip-edges", null), KaldiConfigText.parseLine("--snip-edges"));
        assertEquals(new KaldiConfigText.Option("--window-type", ""), KaldiConfigText.parseLine("--window-type="));
        assertNull(KaldiConfigText.parseLine("   # only a comment"));
        assertNull(KaldiConfigText.parseLine(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KaldiConfigText.parseLine("frame-length=25"));
        assertEquals("'frame-length=25' is not of the form --name=value (shell-style config files lack the '--')",
                e.getMessage());
    }

    @Test
    void readsLinesAndRefusesWhatIsNotAConfigFile() throws IOException {
        Path ok = Files.writeString(dir.resolve("mfcc.conf"), "\uFEFF--num-ceps=13\r\n--use-energy=false\n");
        assertEquals(List.of("--num-ceps=13", "--use-energy=false"), KaldiConfigText.readLines(ok));

        KaldiConfigText.NotConfigFileException e = assertThrows(KaldiConfigText.NotConfigFileException.class,
                () -> KaldiConfigText.readLines(dir));
        assertEquals(dir + ": is a folder, not a config file", e.getMessage());
        Path nul = Files.write(dir.resolve("nul.conf"), new byte[] {'-', '-', 'a', 0});
        e = assertThrows(KaldiConfigText.NotConfigFileException.class, () -> KaldiConfigText.readLines(nul));
        assertEquals(nul + ": not a text file (byte 3 is NUL)", e.getMessage());
        Path latin1 = Files.write(dir.resolve("latin1.conf"), "--dither=\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(KaldiConfigText.NotConfigFileException.class, () -> KaldiConfigText.readLines(latin1));
        assertEquals(latin1 + ": not a UTF-8 text file", e.getMessage());
        Path longLine = Files.writeString(dir.resolve("long.conf"), "--a=1\n--b=2\n#" + "x".repeat(4096) + "\n");
        e = assertThrows(KaldiConfigText.NotConfigFileException.class, () -> KaldiConfigText.readLines(longLine));
        assertEquals(3, e.line());
        assertEquals(longLine + " line 3: line longer than 4096 characters: not a config file", e.getMessage());
    }
}
