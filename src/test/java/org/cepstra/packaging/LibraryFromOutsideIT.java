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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.cepstra.corpus.Corpus;
import org.cepstra.corpus.FileNamePatternLabels;
import org.cepstra.docs.DocSnippets;
import org.cepstra.features.CmvnOptions;
import org.cepstra.features.CmvnPlacement;
import org.cepstra.features.DeltaOptions;
import org.cepstra.features.FeatureConfig;
import org.cepstra.gmm.TrainingConfig;
import org.cepstra.io.model.ModelSetFile;
import org.cepstra.models.ModelSetTrainer;
import org.cepstra.models.ModelTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The library as a user outside this repository depends on it: a Maven project in a temporary folder
 * declares {@code org.cepstra:cepstra:VERSION}, holds every Java program printed in the documentation,
 * and is compiled by Maven (no warning allowed); each program then runs on the class path that Maven
 * resolved for it. The thin jar and this POM are laid out in a temporary local repository as
 * {@code mvn install} would publish them; every other artifact comes offline from the user's local
 * repository, read as a {@code file:} remote repository and never written to. Run by failsafe after
 * {@code package}.
 */
class LibraryFromOutsideIT {
    private static final String VERSION = System.getProperty("cepstra.version", "");
    private static final Path LIBRARY_JAR = Path.of(System.getProperty("cepstra.library.jar", "")).toAbsolutePath();
    /** The repository root: relative paths in the programs (corpora/..., src/test/resources/...) start here. */
    private static final Path ROOT = Path.of("").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    /** A documented program, the arguments it is run with and what its standard output must show. */
    private record Program(List<String> args, Consumer<List<String>> check) {
    }

    @Test
    void everyDocumentedProgramCompilesWithMavenAgainstTheLibraryAndRuns() throws Exception {
        assertFalse(VERSION.isEmpty(), "cepstra.version is set by the build (mvn verify)");
        assertTrue(Files.isRegularFile(LIBRARY_JAR), "library jar " + LIBRARY_JAR);
        Path userRepository = Path.of(System.getProperty("cepstra.local.repository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        assertTrue(Files.isDirectory(userRepository), "the local repository the build filled: " + userRepository);

        // the library as `mvn install` publishes it: the thin jar and this POM
        Path repository = tmp.resolve("repository");
        Path published = repository.resolve(Path.of("org", "cepstra", "cepstra", VERSION));
        Files.createDirectories(published);
        Files.copy(LIBRARY_JAR, published.resolve("cepstra-" + VERSION + ".jar"));
        Files.copy(ROOT.resolve("pom.xml"), published.resolve("cepstra-" + VERSION + ".pom"));
        Path settings = tmp.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror>
                      <id>user-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(userRepository.toUri()));

        Path project = tmp.resolve("uses-cepstra");
        Path sources = Files.createDirectories(project.resolve(Path.of("src", "main", "java")));
        Files.writeString(project.resolve("pom.xml"), projectPom());
        List<String> classes = new ArrayList<>();
        for (DocSnippets.Snippet s : DocSnippets.all()) {
            String where = s.document() + " line " + s.line();
            assertTrue(s.className() != null, where + ": a java block without a public class");
            Path file = sources.resolve(s.className() + ".java");
            assertFalse(Files.exists(file), where + ": class " + s.className() + " is printed twice");
            Files.writeString(file, s.source(), StandardCharsets.UTF_8);
            classes.add(s.className());
        }

        Path classPathFile = project.resolve("classpath.txt");
        Run build = run(List.of(maven(), "-B", "-ntp", "-o", "-Daether.offline.protocols=file",
                "-s", settings.toString(), "-gs", settings.toString(), "-Dmaven.repo.local=" + repository,
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=" + classPathFile), project, 300,
                // Maven starts in half the time with the client compiler alone
                Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        assertEquals(0, build.exitCode(), "Maven could not build the project outside the repository in " + project
                + " (offline, third-party artifacts from " + userRepository + "):\n" + build.out() + build.err());
        String classPath = project.resolve(Path.of("target", "classes")) + File.pathSeparator
                + Files.readString(classPathFile).strip();
        assertTrue(classPath.contains(published.resolve("cepstra-" + VERSION + ".jar").toString()), classPath);
        assertFalse(classPath.contains(userRepository.toString()), "every jar copied into the project's own repository");

        Map<String, Program> programs = programs();
        assertEquals(new TreeMap<>(programs).keySet().stream().toList(), classes.stream().sorted().toList(),
                "every program in the documentation is run here, with its arguments and what it must print");
        for (String name : classes) {
            Program p = programs.get(name);
            List<String> command = new ArrayList<>(List.of(java(), "-cp", classPath, name));
            command.addAll(p.args());
            Run r = run(command, ROOT, 120, Map.of());
            assertEquals(0, r.exitCode(), name + " " + p.args() + ":\n" + r.out() + r.err());
            try {
                p.check().accept(r.out().lines().toList());
            } catch (AssertionError e) {
                throw new AssertionError(name + " " + p.args() + " printed:\n" + r.out() + r.err(), e);
            }
        }
    }

    /** The programs by class name; those that read a model get one trained here, as {@code train} would write it. */
    private Map<String, Program> programs() throws IOException {
        // digits from jackson's recordings, per-speaker CMVN (--recipe cross-speaker): classifies theo's
        Path model = tmp.resolve("jackson.npz");
        Corpus jackson = new FileNamePatternLabels(Pattern.compile("^(\\d)_(?<speaker>jackson)_"))
                .read(ROOT.resolve("corpora/fsdd/recordings"));
        ModelSetFile.write(model, new ModelSetTrainer(FeatureConfig.kaldiDefaults().withDeltas(DeltaOptions.kaldiDefaults())
                .withCmvn(CmvnOptions.speaker(true), CmvnPlacement.AFTER_DELTAS), TrainingConfig.defaults(4), 2)
                .withCalibrationFolds(0).train(jackson, ModelTrainingListener.none()).modelSet());
        List<String> theo = new ArrayList<>(List.of(model.toString()));
        try (Stream<Path> files = Files.list(Path.of("corpora/fsdd/recordings"))) {
            files.filter(f -> f.getFileName().toString().matches("\\d_theo_[0-2]\\.wav")).map(Path::toString).sorted()
                    .forEach(theo::add);
        }
        String george = "src/test/resources/kaldi-mfcc/wavs/0_george_0.wav";
        return Map.of(
                "ClassifyOneFile", new Program(List.of(model.toString(), "corpora/fsdd/recordings/3_theo_0.wav"),
                        lines -> assertTrue(lines.size() == 1 && lines.get(0).matches("\\d \\(posterior \\d\\.\\d{3}\\)"))),
                "SameSpeakerExample", new Program(theo, lines -> {
                    assertEquals(30, lines.size());
                    long right = lines.stream().filter(l -> l.matches("(\\d)_theo_\\d\\.wav \\1")).count();
                    assertTrue(right >= 18, right + " of 30 right for a speaker the models never heard");
                }),
                "GmmOnAnyMatrix", new Program(List.of(), lines -> assertTrue(lines.size() == 1 && lines.get(0).matches(
                        "-?\\d+\\.\\d{3} nats/point, first point in cluster [01] \\(p = 1\\.000\\), BIC \\d+\\.\\d, "
                                + "1000 samples, best K 2"))),
                "FitGmmExample", new Program(List.of(), lines -> {
                    assertEquals(7, lines.size());
                    assertTrue(lines.get(4).matches("lowest BIC: K=2, -\\d+\\.\\d{4} nats per point"));
                }),
                "ExtractFeaturesExample", new Program(List.of(george), lines -> {
                    assertEquals(List.of("28 frames x 13 coefficients", "28 frames x 39 features"),
                            List.of(lines.get(0), lines.get(2)));
                    assertKaldiFrame0(lines.get(1));
                }),
                "BatchClassifyExample", new Program(List.of(), lines -> {
                    assertEquals(5, lines.size());
                    assertEquals(List.of("8_jackson_20.wav -> 8", "from memory -> 8"), List.of(lines.get(0), lines.get(4)));
                }),
                "StreamingFromFileExample", new Program(List.of(), lines -> {
                    assertEquals(1, lines.stream().filter(l -> l.matches("decided 8 at frame \\d+, .*")).count());
                    assertEquals("final: 8 over 37 frames", lines.get(lines.size() - 1));
                }),
                "TrainFromFolderExample", new Program(List.of(), lines -> {
                    assertEquals(11, lines.size());
                    for (int digit = 0; digit < 10; digit++) {
                        assertTrue(lines.get(digit).matches("label " + digit + ": 24 recordings, \\d+ frames, K=[1248], "
                                + "-\\d+\\.\\d\\d nats/frame"), lines.get(digit));
                    }
                    Matcher m = Pattern.compile("accuracy on 60 held-out recordings: (\\d\\.\\d{3})").matcher(lines.get(10));
                    assertTrue(m.matches() && Double.parseDouble(m.group(1)) >= 0.9, lines.get(10));
                }));
    }

    /** Frame 0 of 0_george_0.wav as printed ("frame 0: c0 ... c12") against Kaldi's coefficients. */
    private static void assertKaldiFrame0(String printed) {
        String[] expected;
        try {
            expected = Files.readAllLines(Path.of("src/test/resources/kaldi-mfcc/default/0_george_0.txt")).get(1)
                    .trim().split("\\s+");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String[] got = printed.substring("frame 0: ".length()).split(" ");
        assertEquals(13, got.length);
        for (int i = 0; i < 13; i++) {
            double ref = Double.parseDouble(expected[i]);
            // Kaldi agreement within 1e-3 + 1e-4·|ref|, plus the 5e-5 of printing 4 decimals.
            assertEquals(ref, Double.parseDouble(got[i]), 1e-3 + 1e-4 * Math.abs(ref) + 5e-5, "coefficient " + i);
        }
    }

    /** A project depending on the library alone, built with the plugin versions of this build (present offline). */
    private static String projectPom() throws Exception {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>uses-cepstra</artifactId>
                  <version>1</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.cepstra</groupId>
                      <artifactId>cepstra</artifactId>
                      <version>%s</version>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <compilerArgs><arg>-Xlint:all</arg></compilerArgs>
                          <failOnWarning>true</failOnWarning>
                        </configuration>
                      </plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION, pluginVersion("maven-compiler-plugin"), pluginVersion("maven-dependency-plugin"));
    }

    /** The version of a plugin declared in this project's POM. */
    private static String pluginVersion(String artifactId) throws Exception {
        NodeList plugins = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile())
                .getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (artifactId.equals(child(plugin, "artifactId"))) {
                return child(plugin, "version");
            }
        }
        throw new AssertionError("pom.xml declares no " + artifactId);
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    /** Maven's launcher: the one running this build (maven.home), else {@code mvn} on the PATH. */
    private static String maven() {
        String script = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("maven.home", "");
        if (!home.isEmpty()) {
            candidates.add(Path.of(home, "bin", script));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, script));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Path::toString).orElseThrow(() ->
                new AssertionError("no Maven to build a project outside the repository: neither maven.home ('" + home
                        + "') nor the PATH holds " + script));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a command in {@code dir} with this JVM as JAVA_HOME and the given environment variables. */
    private Run run(List<String> command, Path dir, int timeoutSeconds, Map<String, String> variables)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        for (String name : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MAVEN_ARGS", "MAVEN_OPTS")) {
            env.remove(name);
        }
        env.putAll(variables);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + ": still running after " + timeoutSeconds + " s\n" + Files.readString(out)
                    + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
