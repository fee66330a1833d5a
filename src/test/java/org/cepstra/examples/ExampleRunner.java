package org.cepstra.examples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs an example's {@code main} with its standard output captured, and lays out its input files. */
final class ExampleRunner {
    /** The 8 kHz FSDD recordings of the test resources. */
    static final List<String> WAVS_8K = List.of("0_george_0", "1_jackson_1", "2_nicolas_2", "3_theo_3", "4_yweweler_4",
            "5_nicolas_33", "6_yweweler_3", "6_yweweler_45", "7_george_12", "8_jackson_20", "8_nicolas_31",
            "9_theo_16");

    /** An example's main method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    private ExampleRunner() {
    }

    /** Runs {@code main} with {@code args} and returns what it printed on standard output. */
    static synchronized String run(Main main, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            main.run(args);
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The test resource {@code kaldi-mfcc/wavs/NAME.wav}. */
    static Path wav(String name) {
        try {
            return Path.of(ExampleRunner.class.getResource("/kaldi-mfcc/wavs/" + name + ".wav").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the named recordings into {@code folder}. */
    static void copy(Path folder, List<String> names) {
        try {
            for (String name : names) {
                Files.copy(wav(name), folder.resolve(name + ".wav"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
