package org.cepstra.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The Java programs printed in the documentation (README.md and the pages under src/site/markdown),
 * compiled from the Markdown itself as they are printed, so that the documentation cannot drift from the
 * library. Every {@code ```java} block must be a whole compilation unit: its imports, then one public
 * top-level class (in the unnamed package) named after the program.
 */
public final class DocSnippets {
    /** The documents whose Java blocks are compiled. */
    public static List<Path> documents() {
        List<Path> docs = new ArrayList<>();
        docs.add(Path.of("README.md"));
        try (Stream<Path> pages = Files.list(Path.of("src/site/markdown"))) {
            pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern CLASS = Pattern.compile("(?m)^public (?:final )?class (\\w+)");

    /** A program found in a document. */
    public record Snippet(Path document, int line, String className, String source) {
    }

    /** Every Java block of every document, in order. */
    public static List<Snippet> all() {
        List<Snippet> found = new ArrayList<>();
        for (Path doc : documents()) {
            String text;
            try {
                text = Files.readString(doc, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                Matcher c = CLASS.matcher(m.group(1));
                String name = c.find() ? c.group(1) : null;
                found.add(new Snippet(doc, line, name, m.group(1)));
            }
        }
        return found;
    }

    /** The outcome of compiling every snippet: class loader and the compiler's messages. */
    public record Compiled(ClassLoader loader, List<String> errors, List<String> warnings) {
    }

    private static Compiled compiled;

    /** Compiles every snippet once per test run (against the test class path) and returns the result. */
    public static synchronized Compiled compile() {
        if (compiled == null) {
            compiled = compileAll(all());
        }
        return compiled;
    }

    private static Compiled compileAll(List<Snippet> snippets) {
        try {
            Path dir = Files.createTempDirectory("cepstra-doc-snippets");
            Path src = Files.createDirectories(dir.resolve("src"));
            Path out = Files.createDirectories(dir.resolve("classes"));
            Map<Path, Snippet> files = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            for (Snippet s : snippets) {
                if (s.className() == null) {
                    errors.add(s.document() + " line " + s.line() + ": a java block without a public class");
                    continue;
                }
                Path file = src.resolve(s.className() + ".java");
                if (files.containsKey(file)) {
                    errors.add(s.document() + " line " + s.line() + ": class " + s.className() + " is printed twice");
                    continue;
                }
                Files.writeString(file, s.source(), StandardCharsets.UTF_8);
                files.put(file, s);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<String> warnings = new ArrayList<>();
            try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d",
                        out.toString(), "-Xlint:all", "-proc:none");
                compiler.getTask(null, fm, diagnostics, options, null,
                        fm.getJavaFileObjectsFromPaths(files.keySet())).call();
            }
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                Snippet s = d.getSource() == null ? null : files.get(Path.of(d.getSource().toUri()));
                String where = s == null ? "" : s.document() + " line " + (s.line() + d.getLineNumber()) + ": ";
                String message = where + d.getMessage(null);
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(message);
                } else if (d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING) {
                    warnings.add(message);
                }
            }
            ClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, DocSnippets.class.getClassLoader());
            return new Compiled(loader, errors, warnings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code main} method of the printed program {@code className}, ready to run. */
    public static MainMethod main(String className) {
        Compiled c = compile();
        if (!c.errors().isEmpty()) {
            throw new IllegalStateException("the documentation's programs do not compile: " + c.errors());
        }
        Method main;
        try {
            main = Class.forName(className, true, c.loader()).getMethod("main", String[].class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no program " + className + " in the documentation", e);
        }
        return args -> {
            try {
                main.invoke(null, (Object) args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        };
    }

    /** A program's {@code main}. */
    @FunctionalInterface
    public interface MainMethod {
        /** Runs it with {@code args}. */
        void run(String[] args) throws Exception;
    }

    private DocSnippets() {
    }
}
