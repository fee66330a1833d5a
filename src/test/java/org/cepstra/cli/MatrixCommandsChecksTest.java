package org.cepstra.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fit, select-k and score-frames: options and output paths checked before work, clear errors, JSON. */
class MatrixCommandsChecksTest {
    @TempDir
    Path tmp;

    private Path threeClusters() throws IOException {
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder();
        double[][] centres = {{0, 0}, {10, 0}, {5, 9}};
        for (int i = 0; i < 150; i++) {
            for (double[] c : centres) {
                csv.append(String.format(Locale.ROOT, "%.6f,%.6f%n", c[0] + r.nextGaussian(), c[1] + r.nextGaussian()));
            }
        }
        Path file = tmp.resolve("three.csv");
        Files.writeString(file, csv);
        return file;
    }

    private Path outliers() throws IOException {
        Path file = tmp.resolve("outliers.csv");
        try (InputStream in = getClass().getResourceAsStream("/org/cepstra/gmm/outliers.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static void assertOneLineError(CliRunner.Result r, String... fragments) {
        assertEquals(ExitCode.INPUT_ERROR, r.exitCode(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no Java names or stack: " + err);
        for (String f : fragments) {
            assertTrue(err.contains(f), "'" + f + "' in: " + err);
        }
    }

    // ------------------------------------------------------------------ finding 5: -o checked before work

    @Test
    void fitRefusesAnOutputThatIsItsInputAndLeavesItIntact() throws IOException {
        Path data = threeClusters();
        byte[] before = Files.readAllBytes(data);
        assertOneLineError(CliRunner.run("fit", data.toString(), "-k", "2", "-o", data.toString()),
                "-o", "is one of the inputs");
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(data));
    }

    @Test
    void fitChecksTheOutputPathBeforeReadingTheData() throws IOException {
        Path missing = tmp.resolve("nowhere.csv"); // no data: an -o error must come first
        assertOneLineError(CliRunner.run("fit", missing.toString(), "-o", tmp.resolve("no/such/m.txt").toString()),
                "-o", "does not exist");
        assertOneLineError(CliRunner.run("fit", missing.toString(), "-o", tmp.toString()), "-o", "is a folder");
        assertOneLineError(CliRunner.run("fit", missing.toString(), "-o", "/"), "-o");
    }

    // ------------------------------------------------------------------ finding 10: option values

    @Test
    void optionErrorsNameTheOptionBeforeAnyWork() throws IOException {
        String missing = tmp.resolve("nowhere.csv").toString();
        assertOneLineError(CliRunner.run("fit", missing, "-k", "0"), "-k must be >= 1");
        assertOneLineError(CliRunner.run("fit", missing, "--n-init", "100000"), "--n-init", "1000");
        assertOneLineError(CliRunner.run("fit", missing, "--tol", "NaN"), "--tol");
        assertOneLineError(CliRunner.run("fit", missing, "--max-iter", "-1"), "--max-iter");
        assertOneLineError(CliRunner.run("fit", missing, "--var-floor", "2"), "--var-floor");
        assertOneLineError(CliRunner.run("fit", missing, "--min-occupancy", "-3"), "--min-occupancy");
        assertOneLineError(CliRunner.run("fit", missing, "--min-occupancy", "lots"), "--min-occupancy");
        assertOneLineError(CliRunner.run("fit", missing, "--threads", "0"), "--threads");
        assertOneLineError(CliRunner.run("fit", missing, "--threads", "536870912"), "--threads");
        assertOneLineError(CliRunner.run("select-k", missing, "--n-init", "100000"), "--n-init");
        assertOneLineError(CliRunner.run("select-k", missing, "--k", "0,2"), "--k", ">= 1");
        assertOneLineError(CliRunner.run("select-k", missing, "--k", "2,2"), "--k", "twice");
        assertOneLineError(CliRunner.run("score-frames", missing, missing, "--below", "NaN"), "--below");
    }

    @Test
    void selectKRefusesMinusKInsteadOfIgnoringIt() throws IOException {
        Path data = threeClusters();
        assertOneLineError(CliRunner.run("select-k", data.toString(), "-k", "4"), "--k", "-k");
        assertOneLineError(CliRunner.run("select-k", data.toString(), "--k-candidates", "2,4"), "--k");
    }

    @Test
    void fitOnAModelFileSaysSoWithoutEchoingItsBytes() throws IOException {
        Path zip = tmp.resolve("digits.cepstra");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("header.json"));
            z.write("{\"format\": 1}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        CliRunner.Result r = CliRunner.run("fit", zip.toString());
        assertOneLineError(r, zip.toString(), "model file (zip), not a feature file");
        for (char c : r.err().strip().toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7F, "printable only: " + r.err());
        }
        Path binary = tmp.resolve("blob.bin");
        Files.write(binary, new byte[] {1, 2, 0, 3, 'a', 0, (byte) 0xff});
        assertOneLineError(CliRunner.run("select-k", binary.toString()), "binary file");
    }

    // ------------------------------------------------------------------ select-k: edge, JSON

    @Test
    void selectKSaysWhenTheChoiceIsAtTheEdge() throws IOException {
        Path data = threeClusters();
        CliRunner.Result r = CliRunner.run("select-k", data.toString(), "--k", "1,2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("chosen K (BIC): 2"), r.out());
        assertTrue(r.out().contains("warning: K=2 is the largest candidate"), r.out());
        CliRunner.Result inside = CliRunner.run("select-k", data.toString(), "--k", "2,3,4");
        assertFalse(inside.out().contains("warning"), inside.out());
        CliRunner.Result low = CliRunner.run("select-k", data.toString(), "--k", "3,4,5");
        assertTrue(low.out().contains("K=3 is the smallest candidate"), low.out());
    }

    @Test
    void selectKJson() throws IOException {
        Path data = threeClusters();
        CliRunner.Result r = CliRunner.run("select-k", data.toString(), "--k", "1,2,3,4,5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals(450, n.get("frames").asInt());
        assertEquals(3, n.get("chosenComponents").asInt());
        assertEquals(5, n.get("candidates").size());
        assertEquals(3, n.get("candidates").get(2).get("components").asInt());
        assertTrue(n.get("atEdge").isNull());
        double bic3 = n.get("candidates").get(2).get("bic").asDouble();
        for (JsonNode c : n.get("candidates")) {
            assertTrue(c.get("bic").asDouble() >= bic3);
        }
        JsonNode edge = new ObjectMapper().readTree(
                CliRunner.run("select-k", data.toString(), "--k", "1,2", "--json").out());
        assertEquals("largest", edge.get("atEdge").asText());
        assertTrue(edge.get("warning").asText().contains("add larger values to --k"));
    }

    // ------------------------------------------------------------------ score-frames JSON

    @Test
    void scoreFramesJsonHasEveryFrame() throws IOException {
        Path data = threeClusters();
        Path model = tmp.resolve("m.txt");
        assertEquals(0, CliRunner.run("fit", data.toString(), "-k", "3", "-o", model.toString()).exitCode());
        CliRunner.Result text = CliRunner.run("score-frames", model.toString(), data.toString());
        CliRunner.Result r = CliRunner.run("score-frames", model.toString(), data.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals(450, n.get("framesScored").asInt());
        assertEquals(450, n.get("frames").size());
        String[] lines = text.out().split("\n");
        assertEquals(450, lines.length);
        JsonNode f7 = n.get("frames").get(7);
        assertEquals(7, f7.get("frame").asInt());
        assertEquals(Double.parseDouble(lines[7].split(" ")[2]), f7.get("logLikelihood").asDouble(), 1e-6);
        JsonNode below = new ObjectMapper().readTree(CliRunner.run("score-frames", model.toString(), data.toString(),
                "--json", "--below", "-1e9").out());
        assertEquals(0, below.get("framesPrinted").asInt());
        assertEquals(0, below.get("frames").size());
    }

    // ------------------------------------------------------------------ finding 2 through the command line

    @Test
    void outliersDoNotMakeSelectKPreferOneComponent() throws IOException {
        Path data = outliers();
        CliRunner.Result r = CliRunner.run("select-k", data.toString(), "--k", "1,2,3,4,5,6,7,8", "--json",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertNotEquals(1, n.get("chosenComponents").asInt());
        double one = n.get("candidates").get(0).get("averageLogLikelihood").asDouble();
        double six = n.get("candidates").get(5).get("averageLogLikelihood").asDouble();
        assertTrue(six > one + 2, "K=6 " + six + " vs K=1 " + one);
    }

    @Test
    void minOccupancyOptionReachesTheFit() throws IOException {
        Path data = outliers();
        JsonNode auto = new ObjectMapper().readTree(CliRunner.run("fit", data.toString(), "-k", "6", "--json").out());
        assertEquals(3.0, auto.get("minOccupancyFrames").asDouble()); // D + 1 for 2-D data
        JsonNode set = new ObjectMapper().readTree(
                CliRunner.run("fit", data.toString(), "-k", "6", "--json", "--min-occupancy", "10").out());
        assertEquals(10.0, set.get("minOccupancyFrames").asDouble());
        assertTrue(set.get("reseededComponents").asInt() > 0);
        assertTrue(set.get("bestIteration").asInt() <= set.get("iterations").asInt());
    }

    // ------------------------------------------------------------------ finding 6: out of memory

    @Test
    void anArchiveLargerThanTheHeapIsAOneLineError() throws Exception {
        // 4 M values: 16 MB as floats, more while the reader grows its buffer; the JVM gets 24 MB
        Path big = tmp.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(big)) {
            String row = "1.5,2.5,3.5,4.5,5.5,6.5,7.5,8.5\n";
            for (int i = 0; i < 500_000; i++) {
                w.write(row);
            }
        }
        Path small = tmp.resolve("small.csv");
        Files.writeString(small, "1,2,3,4,5,6,7,8\n2,3,4,5,6,7,8,9\n0,1,3,2,5,6,7,7\n");
        Path model = tmp.resolve("model.txt");
        assertEquals(0, CliRunner.run("fit", small.toString(), "-k", "1", "-o", model.toString()).exitCode());
        for (String command : new String[] {"fit", "select-k", "score-frames"}) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx24m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    "org.cepstra.cli.Main", command));
            if (command.equals("score-frames")) {
                cmd.add(model.toString());
            }
            cmd.add(big.toString());
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), command + ": " + err);
            assertFalse(err.contains("\n"), "one line: " + err);
            assertTrue(err.contains(big.toString()) && err.contains("not enough memory") && err.contains("MB heap")
                    && err.contains("-Xmx"), err);
        }
    }
}
