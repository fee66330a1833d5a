package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write to standard output is checked: a failed write is one line naming the destination with
 * exit code 1, a closed pipe stops the command quietly with exit code 141, for every command.
 */
class LosslessOutputTest {
    private static final Path WAVS = Path.of("src/test/resources/kaldi-mfcc/wavs");
    private static final Path FSDD = Path.of("corpora/fsdd/recordings");

    @TempDir
    Path tmp;

    /** A standard output that accepts {@code capacity} bytes, then fails every write with {@code message}. */
    static final class FailingStream extends OutputStream {
        final int capacity;
        final String message;
        final ByteArrayOutputStream accepted = new ByteArrayOutputStream();
        int failedWrites;

        FailingStream(int capacity, String message) {
            this.capacity = capacity;
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (accepted.size() + len > capacity) {
                failedWrites++;
                throw new IOException(message);
            }
            accepted.write(b, off, len);
        }
    }

    record Run(int exitCode, String err, FailingStream out) {
    }

    private static Run run(FailingStream out, String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, out, Main.STANDARD_OUTPUT, new PrintWriter(err, true));
        return new Run(code, err.toString(), out);
    }

    private Path archive() throws IOException {
        Path ark = tmp.resolve("feats.ark");
        CliRunner.Result r = CliRunner.run("features", WAVS.toString(), "-o", ark.toString());
        assertEquals(0, r.exitCode(), r.err());
        return ark;
    }

    @Test
    void aFullDiskOnStandardOutputIsAnErrorNamingIt() throws IOException {
        Path ark = archive();
        Path gmm = tmp.resolve("model.gmm");
        CliRunner.Result fit = CliRunner.run("fit", ark.toString(), "-k", "2", "-o", gmm.toString());
        assertEquals(0, fit.exitCode(), fit.err());
        List<String[]> commands = new ArrayList<>();
        commands.add(new String[] {"features", WAVS.toString()});
        commands.add(new String[] {"fit", ark.toString(), "-k", "2"});
        commands.add(new String[] {"fit", ark.toString(), "-k", "2", "--json"});
        commands.add(new String[] {"score-frames", gmm.toString(), ark.toString()});
        commands.add(new String[] {"features", "--help"});
        for (String[] args : commands) {
            // nothing fits: the first write fails
            Run r = run(new FailingStream(0, "No space left on device"), args);
            assertEquals(1, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertEquals("cepstra: standard output: No space left on device\n", r.err(), String.join(" ", args));
        }
        // part of an archive fits: still an error, and nothing is written after the failure
        Run partial = run(new FailingStream(5000, "No space left on device"), "features", WAVS.toString());
        assertEquals(1, partial.exitCode(), partial.err());
        assertEquals("cepstra: standard output: No space left on device\n", partial.err());
        assertEquals(1, partial.out().failedWrites, "the command stops at the first failed write");
    }

    @Test
    void aClosedPipeStopsQuietly() {
        Run r = run(new FailingStream(100, "Broken pipe"), "features", FSDD.toString(), "--threads", "1");
        assertEquals(ExitCode.CLOSED_PIPE, r.exitCode());
        assertEquals("", r.err());
        assertEquals(1, r.out().failedWrites, "no write is tried after the pipe closed");
        assertTrue(r.out().accepted.size() <= 100);
    }

    @Test
    void aPrintWriterThatSwallowedAnErrorFailsTheRun() {
        // the PrintWriter form of Main.run cannot stop the command, but must not report success
        PrintWriter out = new PrintWriter(new FailingStream(0, "No space left on device"), true);
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"features", WAVS.toString()}, out, new PrintWriter(err, true));
        assertEquals(1, code, err.toString());
        assertEquals("cepstra: standard output: write failed\n", err.toString());
    }

    @Test
    void theArchiveOnAWorkingStandardOutputIsComplete() throws IOException {
        Run r = run(new FailingStream(Integer.MAX_VALUE, "never"), "features", WAVS.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Files.readString(archive()), r.out().accepted.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertFalse(r.err().contains("\tat "));
    }
}
