package org.cepstra.reliability;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code cepstra} ({@code org.cepstra.cli.Main}) in a separate JVM: the running JVM's
 * {@code java} binary and this test's class path, so that a test can kill it or cap its heap.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The java launcher of the running JVM. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A process builder for {@code cepstra ARGS} in a new JVM with the given JVM options (heap cap,
     * quick-start flags); standard output and error go to the given files.
     */
    static ProcessBuilder cepstra(List<String> jvmOptions, List<String> args, File stdout, File stderr) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.cepstra.cli.Main");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout));
        pb.redirectError(stderr == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stderr));
        return pb;
    }

    /** Flags that make a short-lived JVM start fast and stay small (C1 only, serial GC). */
    static List<String> quickStart(String maxHeap) {
        return List.of("-Xmx" + maxHeap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m");
    }

    /** Runs to completion and returns the exit code. */
    static int runToEnd(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.start();
        return p.waitFor();
    }
}
