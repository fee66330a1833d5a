package org.cepstra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a peer benchmark script (Python) as a child process and reads the JSON figures it writes. */
final class PeerRunner {
    private final String python;
    private final PrintWriter log;

    PeerRunner(String python, PrintWriter log) {
        this.python = python;
        this.log = log;
    }

    /**
     * Runs {@code script args... --json TMP}, echoing its output lines to the log prefixed with
     * "  peer| ", and returns the parsed JSON (or throws with the script's exit code).
     */
    JsonNode runScript(Path script, List<String> args, Map<String, String> env) throws IOException {
        Path json = Files.createTempFile("cepstra-peer-", ".json");
        try {
            List<String> command = new ArrayList<>();
            command.add(python);
            command.add(script.toString());
            command.addAll(args);
            command.add("--json");
            command.add(json.toString());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            int code = runEchoing(pb);
            if (code != 0) {
                throw new IOException(script + " exited with code " + code);
            }
            return new ObjectMapper().readTree(json.toFile());
        } finally {
            Files.deleteIfExists(json);
        }
    }

    /** Runs a process to completion, echoing its combined output to the log; returns its exit code. */
    int runEchoing(ProcessBuilder pb) throws IOException {
        Process process = pb.start();
        try (var reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.println("  peer| " + line);
            }
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + pb.command().get(0), e);
        }
    }

    /**
     * The last {@code count} figures that {@code /usr/bin/time -f FORMAT -o FILE} wrote to {@code timesFile} (its
     * format's fields, e.g. {@code %U %S %M}; a line it writes first about the exit status is passed over).
     */
    static double[] timeFigures(Path timesFile, int count) throws IOException {
        String[] fields = Files.readString(timesFile).strip().split("\\s+");
        if (fields.length < count) {
            throw new IOException(timesFile + ": no figures from /usr/bin/time: " + String.join(" ", fields));
        }
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Double.parseDouble(fields[fields.length - count + i]);
        }
        return out;
    }

    /** Wall time in seconds of one run of a process, its output discarded; fails on a non-zero exit. */
    static double timeProcess(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process process = pb.start();
        String errors;
        try (var in = process.getErrorStream()) {
            errors = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int code;
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new IOException(String.join(" ", command) + " exited with code " + code + ": " + errors.strip());
        }
        return seconds;
    }
}
