package org.cepstra.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line, run as a user runs it: {@code java -jar target/cepstra.jar} (every
 * dependency inside, relocated), the thin library jar with its dependencies on the class path, and
 * the launcher {@code target/bin/cepstra}. The three must give the same exit codes and the same
 * output for a representative set of commands. Run by failsafe after {@code package}.
 */
class PackagedCliIT {
    /** Build folder, library jar and its run-time class path, handed over by the build. */
    private static final Path BUILD = Path.of(System.getProperty("cepstra.build.dir", "target")).toAbsolutePath();
    private static final Path CLI_JAR = BUILD.resolve("cepstra.jar");
    private static final Path LAUNCHER = BUILD.resolve("bin").resolve("cepstra");
    private static final Path RECORDINGS = Path.of("corpora/fsdd/recordings");
    /** Timings differ from run to run ("in 2.06 s", "seconds: 0.261", "seconds" : 0.58); everything else must not. */
    private static final Pattern TIMING = Pattern.compile("\\d+(\\.\\d+)? s\\b|seconds\"? ?: [0-9.E-]+");

    @TempDir
    static Path shared;

    private static Path corpus;
    private static Path thinJar;
    private static String runtimeClassPath;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void corpus() throws IOException {
        thinJar = Path.of(System.getProperty("cepstra.library.jar", BUILD.resolve("cepstra.jar").toString()));
        runtimeClassPath = Files.readString(Path.of(System.getProperty("cepstra.runtime.classpath.file"))).strip();
        // three digits, twelve recordings each: files 0-7 train, 8-11 test
        corpus = shared.resolve("digits");
        Files.createDirectories(corpus);
        for (String digit : List.of("0", "1", "2")) {
            for (int i = 0; i < 12; i++) {
                String name = digit + "_jackson_" + i + ".wav";
                Files.copy(RECORDINGS.resolve(name), corpus.resolve(name));
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private enum Packaging {
        CLI_JAR, THIN_JAR, LAUNCHER
    }

    private static List<String> command(Packaging how, List<String> args) {
        List<String> command = new ArrayList<>();
        switch (how) {
            case CLI_JAR -> command.addAll(List.of(java(), "-jar", CLI_JAR.toString()));
            case THIN_JAR -> command.addAll(List.of(java(), "-cp",
                    thinJar + File.pathSeparator + runtimeClassPath, "org.cepstra.cli.Main"));
            case LAUNCHER -> command.add(LAUNCHER.toString());
        }
        command.addAll(args);
        return command;
    }

    static Run run(List<String> command, Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        Path out = Files.createTempFile(shared, "out", ".txt");
        Path err = Files.createTempFile(shared, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("CEPSTRA_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + ": still running after 120 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * Runs one command line three ways, each in its own empty working folder holding the given
     * inputs; relative paths in {@code args} name files there. Returns the three runs.
     */
    private static Map<Packaging, Run> runAllWays(String name, List<String> args, Map<String, Path> inputs)
            throws IOException, InterruptedException {
        Map<Packaging, Run> runs = new TreeMap<>();
        for (Packaging how : Packaging.values()) {
            Path dir = shared.resolve(name + "-" + how.name().toLowerCase());
            Files.createDirectories(dir);
            for (Map.Entry<String, Path> in : inputs.entrySet()) {
                Files.copy(in.getValue(), dir.resolve(in.getKey()), StandardCopyOption.REPLACE_EXISTING);
            }
            runs.put(how, run(command(how, args), dir, Map.of()));
        }
        Run reference = runs.get(Packaging.CLI_JAR);
        for (Map.Entry<Packaging, Run> r : runs.entrySet()) {
            String what = name + " through " + r.getKey();
            assertEquals(reference.exitCode(), r.getValue().exitCode(), what + ": exit code; stderr " + r.getValue().err());
            assertEquals(TIMING.matcher(reference.out()).replaceAll("T"), TIMING.matcher(r.getValue().out()).replaceAll("T"),
                    what + ": standard output");
            assertEquals(TIMING.matcher(reference.err()).replaceAll("T"), TIMING.matcher(r.getValue().err()).replaceAll("T"),
                    what + ": standard error");
        }
        return runs;
    }

    private static String c(String file) {
        return corpus.resolve(file).toString();
    }

    @Test
    void commandsGiveTheSameOutputsThroughEveryPackaging() throws Exception {
        String dir = corpus.toString();
        Run features = runAllWays("features", List.of("features", "--deltas", dir, "-o", "feats.ark"), Map.of())
                .get(Packaging.CLI_JAR);
        assertEquals(0, features.exitCode(), features.err());
        Path ark = shared.resolve("features-cli_jar").resolve("feats.ark");
        for (Packaging how : Packaging.values()) {
            assertEquals(Files.readString(ark), Files.readString(shared.resolve("features-" + how.name().toLowerCase())
                    .resolve("feats.ark")), "features archive through " + how);
        }
        assertTrue(Files.readString(ark).contains("1_jackson_3  ["), "an entry per recording");

        Run stdout = runAllWays("features-stdout", List.of("features", c("2_jackson_0.wav")), Map.of()).get(Packaging.CLI_JAR);
        assertTrue(stdout.out().startsWith("2_jackson_0  ["), stdout.out());

        Run train = runAllWays("train", List.of("train", dir, "--label-pattern", "^(\\d)_", "-k", "4",
                "--test-pattern", "_(8|9|10|11)\\.wav$", "-o", "digits.npz", "--json"), Map.of()).get(Packaging.CLI_JAR);
        assertEquals(0, train.exitCode(), train.err());
        for (Packaging how : Packaging.values()) {
            assertTrue(Files.readAllBytes(shared.resolve("train-" + how.name().toLowerCase()).resolve("digits.npz")).length > 0);
        }
        Path model = shared.resolve("train-cli_jar").resolve("digits.npz");
        Map<String, Path> withModel = Map.of("digits.npz", model);

        Run classify = runAllWays("classify", List.of("classify", "digits.npz", c("1_jackson_9.wav"), "--top", "3"), withModel)
                .get(Packaging.CLI_JAR);
        assertEquals(0, classify.exitCode(), classify.err());
        Run streaming = runAllWays("classify-streaming", List.of("classify", "digits.npz", "--streaming", c("2_jackson_10.wav")),
                withModel).get(Packaging.CLI_JAR);
        assertEquals(0, streaming.exitCode(), streaming.err());
        Run evaluate = runAllWays("evaluate", List.of("evaluate", "digits.npz", dir, "--label-pattern", "^(\\d)_",
                "--test-pattern", "_(8|9|10|11)\\.wav$", "--json"), withModel).get(Packaging.CLI_JAR);
        assertEquals(0, evaluate.exitCode(), evaluate.err());
        assertTrue(evaluate.out().contains("\"accuracy\""), evaluate.out());

        Map<String, Path> withArk = Map.of("feats.ark", ark);
        Run fit = runAllWays("fit", List.of("fit", "feats.ark", "-k", "4", "-o", "feats.gmm"), withArk).get(Packaging.CLI_JAR);
        assertEquals(0, fit.exitCode(), fit.err());
        Run selectK = runAllWays("select-k", List.of("select-k", "feats.ark", "--k", "1,2,4"), withArk).get(Packaging.CLI_JAR);
        assertEquals(0, selectK.exitCode(), selectK.err());
        assertTrue(selectK.out().contains("chosen K"), selectK.out());
        Path gmm = shared.resolve("fit-cli_jar").resolve("feats.gmm");
        Run scoreFrames = runAllWays("score-frames", List.of("score-frames", "feats.gmm", "feats.ark", "--below", "-95"),
                Map.of("feats.ark", ark, "feats.gmm", gmm)).get(Packaging.CLI_JAR);
        assertEquals(0, scoreFrames.exitCode(), scoreFrames.err());

        Run help = runAllWays("help", List.of("--help"), Map.of()).get(Packaging.CLI_JAR);
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("evaluate"), help.out());
        Run trainHelp = runAllWays("train-help", List.of("train", "--help"), Map.of()).get(Packaging.CLI_JAR);
        assertTrue(trainHelp.out().contains("--label-pattern"), trainHelp.out());

        Run bad = runAllWays("bad-input", List.of("classify", "missing.npz", c("0_jackson_0.wav")), Map.of())
                .get(Packaging.CLI_JAR);
        assertEquals(1, bad.exitCode(), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), "one line: " + bad.err());
        assertTrue(bad.err().contains("missing.npz"), bad.err());
        assertEquals("", bad.out());
        Run unknown = runAllWays("unknown-option", List.of("features", "--no-such-option", dir), Map.of()).get(Packaging.CLI_JAR);
        assertEquals(2, unknown.exitCode(), unknown.err());
    }

    @Test
    void cliJarHoldsOnlyRelocatedClassesAndItsServices() throws IOException {
        List<String> foreign = new ArrayList<>();
        try (JarFile jar = new JarFile(CLI_JAR.toFile())) {
            assertEquals("org.cepstra.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.endsWith(".class") && !name.startsWith("org/cepstra/")) {
                    foreign.add(name);
                }
                assertFalse(name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)"), "signature file " + name);
            }
            assertTrue(foreign.isEmpty(), "classes outside org/cepstra: " + foreign.subList(0, Math.min(10, foreign.size())));
            assertTrue(jar.getEntry("org/cepstra/shaded/picocli/CommandLine.class") != null, "picocli relocated");
            assertTrue(jar.getEntry("org/cepstra/shaded/com/fasterxml/jackson/databind/ObjectMapper.class") != null,
                    "jackson relocated");
            assertTrue(jar.getEntry("org/cepstra/shaded/be/tarsos/dsp/AudioDispatcher.class") != null, "TarsosDSP relocated");
            ZipEntry services = jar.getEntry("META-INF/services/org.cepstra.shaded.com.fasterxml.jackson.core.JsonFactory");
            assertTrue(services != null, "Jackson's service file under its relocated name");
            String provider = new String(jar.getInputStream(jar.getEntry("META-INF/services/org/jline/terminal/provider/exec"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(provider.contains("class = org.cepstra.shaded.org.jline.terminal.impl.exec.ExecTerminalProvider"), provider);
        }
    }

    @Test
    void libraryJarHoldsOnlyCepstraAndItsPomDeclaresTheDependencies() throws IOException {
        try (JarFile jar = new JarFile(thinJar.toFile())) {
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                assertTrue(name.startsWith("org/cepstra/") || name.startsWith("META-INF/") || name.equals("org/"), name);
                assertFalse(name.startsWith("org/cepstra/shaded/"), name);
            }
            String pom = new String(jar.getInputStream(jar.getEntry("META-INF/maven/org.cepstra/cepstra/pom.xml"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String artifact : List.of("TarsosDSP", "JTransforms", "ejml-ddense", "picocli", "jackson-databind", "progressbar")) {
                assertTrue(pom.contains("<artifactId>" + artifact + "</artifactId>"), artifact + " declared");
            }
        }
        for (String jar : List.of("picocli", "jackson-databind", "TarsosDSP", "JTransforms", "ejml-ddense", "progressbar")) {
            assertTrue(runtimeClassPath.contains(jar), jar + " on the run-time class path: " + runtimeClassPath);
        }
        assertFalse(runtimeClassPath.contains("junit"), "no test dependency at run time: " + runtimeClassPath);
    }

    /** A small program compiled against the library jar alone and run with its dependencies. */
    @Test
    void programUsingTheLibraryCompilesAndRuns() throws Exception {
        Path src = shared.resolve("program").resolve("src");
        Path classes = shared.resolve("program").resolve("classes");
        Files.createDirectories(src);
        Files.createDirectories(classes);
        Path program = src.resolve("CountFrames.java");
        Files.writeString(program, String.join("\n",
                "import java.nio.file.Path;",
                "import org.cepstra.features.FeatureConfig;",
                "import org.cepstra.features.FeaturePipeline;",
                "import org.cepstra.matrix.FeatureMatrix;",
                "public class CountFrames {",
                "    public static void main(String[] args) throws Exception {",
                "        FeatureMatrix m = new FeaturePipeline(FeatureConfig.kaldiDefaults()).extract(Path.of(args[0]));",
                "        System.out.println(m.rows() + \" x \" + m.cols());",
                "    }",
                "}", ""));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17",
                "-cp", thinJar.toString(), "-d", classes.toString(), program.toString());
        assertEquals(0, compiled, "javac against " + thinJar);
        Run run = run(List.of(java(), "-cp", classes + File.pathSeparator + thinJar + File.pathSeparator + runtimeClassPath,
                "CountFrames", c("0_jackson_0.wav")), shared, Map.of());
        assertEquals(0, run.exitCode(), run.err());
        Run frames = run(command(Packaging.CLI_JAR, List.of("features", c("0_jackson_0.wav"))), shared, Map.of());
        long rows = frames.out().lines().filter(l -> !l.contains("[")).count();
        assertEquals(rows + " x 13", run.out().strip(), "the library gives the frames the command line gives");
    }

    /**
     * The class-data archive made at package time, or null if the build could not make one and said why
     * (a Java runtime without class-data sharing, say); then the launcher runs the jar as it is.
     */
    private static Path archive() {
        Path archive = BUILD.resolve("cepstra.jsa");
        if (Files.isRegularFile(archive)) {
            return archive;
        }
        Path reason = BUILD.resolve("cds").resolve("no-archive.txt");
        assertTrue(Files.isRegularFile(reason), "no class-data archive " + archive + ", and no reason for it in " + reason);
        return null;
    }

    /** The launcher works from any folder, through a link, in a path with spaces, with or without its archive. */
    @Test
    void launcherRunsFromAnywhereWithOrWithoutItsArchive() throws Exception {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " executable");
        Path archive = archive();
        Run reference = run(command(Packaging.CLI_JAR, List.of("features", c("0_jackson_1.wav"))), shared, Map.of());
        assertEquals(0, reference.exitCode(), reference.err());

        if (archive != null) {
            // the archive in use: classes come from the shared objects file
            Run archived = run(List.of(LAUNCHER.toString(), "--version"), Path.of("/"),
                    Map.of("CEPSTRA_JAVA_OPTS", "-Xlog:class+load=info"));
            assertTrue(archived.out().contains("org.cepstra.cli.Main source: shared objects file"),
                    "Main from the archive: " + archived.out().lines().filter(l -> l.contains("org.cepstra.cli.Main")).toList());
        }

        Path home = shared.resolve("a folder with spaces").resolve("cepstra home");
        Files.createDirectories(home.resolve("bin"));
        Files.copy(LAUNCHER, home.resolve("bin").resolve("cepstra"));
        Files.copy(CLI_JAR, home.resolve("cepstra.jar"));
        Path moved = home.resolve("bin").resolve("cepstra");
        Path link = shared.resolve("links with spaces").resolve("cepstra");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, moved);

        // no archive beside the jar
        for (Path launcher : List.of(moved, link)) {
            Run r = run(List.of(launcher.toString(), "features", c("0_jackson_1.wav")), link.getParent(), Map.of());
            assertEquals(reference, r, launcher + " without an archive");
        }
        // an archive that does not match (made for another jar) and one that is not an archive at all
        if (archive != null) {
            Files.copy(archive, home.resolve("cepstra.jsa"));
            Run stale = run(List.of(moved.toString(), "features", c("0_jackson_1.wav")), Path.of("/"), Map.of());
            assertEquals(reference, stale, "with another jar's archive");
            Files.delete(home.resolve("cepstra.jsa"));
        }
        Files.write(home.resolve("cepstra.jsa"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Run garbage = run(List.of(link.toString(), "features", c("0_jackson_1.wav")), Path.of("/"), Map.of());
        assertEquals(reference, garbage, "with a damaged archive");
        // options for Java pass through; arguments with spaces stay whole
        Path spaced = shared.resolve("out put").resolve("feats with spaces.ark");
        Files.createDirectories(spaced.getParent());
        Run options = run(List.of(link.toString(), "features", c("0_jackson_1.wav"), "-o", spaced.toString()),
                Path.of("/"), Map.of("CEPSTRA_JAVA_OPTS", "-XX:ActiveProcessorCount=1 -XX:TieredStopAtLevel=1"));
        assertEquals(0, options.exitCode(), options.err());
        assertEquals(reference.out(), Files.readString(spaced));
        // a collector named there replaces the launcher's own for features (Java refuses two)
        Run collector = run(List.of(link.toString(), "features", c("0_jackson_1.wav")), Path.of("/"),
                Map.of("CEPSTRA_JAVA_OPTS", "-XX:+UseParallelGC"));
        assertEquals(reference, collector, "with CEPSTRA_JAVA_OPTS=-XX:+UseParallelGC");
        // a heap smaller than the launcher's young generation (16 MB for features): Java shrinks the young
        // generation without writing its note into the output (Java's notes go to standard output)
        Run small = run(List.of(link.toString(), "features", c("0_jackson_1.wav")), Path.of("/"),
                Map.of("CEPSTRA_JAVA_OPTS", "-Xmx12m"));
        assertEquals(reference, small, "with CEPSTRA_JAVA_OPTS=-Xmx12m");
    }

    /**
     * The launcher writes the same outputs as {@code java -jar}, with its archive and without it
     * ({@code -Xshare:off}): the archive and the quick-start options it gives short commands (C1 alone for
     * features and classify) change how fast a command starts, never what it writes. With the archive, every
     * class of the jar that {@code features} loads comes from the archive.
     */
    @Test
    void launcherWritesTheSameWithAndWithoutItsArchive() throws Exception {
        Path archive = archive();
        Path model = shared.resolve("archive-model.npz");
        Run train = run(command(Packaging.CLI_JAR, List.of("train", corpus.toString(), "--label-pattern", "^(\\d)_", "-k", "2",
                "--test-pattern", "_(8|9|10|11)\\.wav$", "-o", model.toString())), shared, Map.of());
        assertEquals(0, train.exitCode(), train.err());
        Map<String, Map<String, String>> ways = new TreeMap<>(Map.of(
                "with the archive", Map.of(),
                "without the archive", Map.of("CEPSTRA_JAVA_OPTS", "-Xshare:off")));
        List<List<String>> commands = List.of(
                List.of("features", corpus.toString(), "-o", "feats.ark"),
                List.of("features", "--deltas", c("1_jackson_2.wav")),
                List.of("classify", model.toString(), c("1_jackson_9.wav"), c("2_jackson_8.wav"), "--top", "3"),
                List.of("evaluate", model.toString(), corpus.toString(), "--label-pattern", "^(\\d)_",
                        "--test-pattern", "_(8|9|10|11)\\.wav$", "--json"));
        for (int i = 0; i < commands.size(); i++) {
            List<String> args = commands.get(i);
            Path refDir = Files.createDirectories(shared.resolve("archive-" + i + "-jar"));
            Run reference = run(command(Packaging.CLI_JAR, args), refDir, Map.of());
            assertEquals(0, reference.exitCode(), args + ": " + reference.err());
            for (Map.Entry<String, Map<String, String>> way : ways.entrySet()) {
                String what = args.get(0) + " through the launcher " + way.getKey();
                Path dir = Files.createDirectories(shared.resolve("archive-" + i + "-" + way.getKey().replace(' ', '-')));
                Run r = run(command(Packaging.LAUNCHER, args), dir, way.getValue());
                assertEquals(reference.exitCode(), r.exitCode(), what + ": exit code; stderr " + r.err());
                assertEquals(TIMING.matcher(reference.out()).replaceAll("T"), TIMING.matcher(r.out()).replaceAll("T"),
                        what + ": standard output");
                assertEquals(TIMING.matcher(reference.err()).replaceAll("T"), TIMING.matcher(r.err()).replaceAll("T"),
                        what + ": standard error");
                if (args.contains("-o")) {
                    assertEquals(Files.readString(refDir.resolve("feats.ark")), Files.readString(dir.resolve("feats.ark")),
                            what + ": the archive file");
                }
            }
        }
        assertTrue(Files.readString(shared.resolve("archive-0-jar").resolve("feats.ark")).contains("2_jackson_11  ["));

        if (archive != null) {
            Path log = shared.resolve("features-class-load.txt");
            Run logged = run(command(Packaging.LAUNCHER, List.of("features", corpus.toString(), "-o", "feats.ark")),
                    Files.createDirectories(shared.resolve("archive-logged")),
                    Map.of("CEPSTRA_JAVA_OPTS", "-Xlog:class+load=info:file=" + log));
            assertEquals(0, logged.exitCode(), logged.err());
            List<String> ours = Files.readAllLines(log).stream().filter(l -> l.contains("] org.cepstra.")).toList();
            assertTrue(ours.size() > 100, "features loads Cepstra's classes: " + ours.size());
            List<String> fromJar = ours.stream().filter(l -> !l.endsWith("source: shared objects file")).toList();
            assertEquals(List.of(), fromJar, "classes features loads from the jar instead of the archive");
        }
    }
}
