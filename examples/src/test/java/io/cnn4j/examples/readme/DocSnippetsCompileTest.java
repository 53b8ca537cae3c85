package io.cnn4j.examples.readme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every fenced {@code ```java} block of README.md and docs/*.md compiles as written, against the modules on this
 * test's class path (core, the backends, the kit, Guice) plus the example third-party backend's sources
 * ({@code examples/third-party-backend/src/main/java}, which docs/writing-a-backend.md builds on). So a block must be
 * a whole compilation unit, imports included. The blocks of one document are compiled together (one may use a type
 * another defines); documents are compiled separately. Blocks that are not meant to compile use another fence
 * language ({@code text}, {@code xml}, {@code bash}).
 */
public class DocSnippetsCompileTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java[ \\t]*\\n(.*?)^```[ \\t]*$", Pattern.DOTALL);
    private static final Pattern TYPE_NAME = Pattern.compile(
            "(?m)^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)");

    /** One {@code java} block: where it is (for failure messages) and its text. */
    record Snippet(Path document, int line, String code) {
        String typeName() {
            Matcher m = TYPE_NAME.matcher(code);
            if (!m.find()) throw new AssertionError(this + " declares no class, interface, record or enum: write it as a whole file");
            return m.group(1);
        }

        @Override public String toString() { return document.getFileName() + ":" + line; }
    }

    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent())
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) return p;
        throw new AssertionError("no README.md with a docs/ folder above " + dir);
    }

    static List<Path> documents(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    static List<Snippet> snippets(Path document) throws IOException {
        String text = Files.readString(document, StandardCharsets.UTF_8);
        List<Snippet> out = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(text);
        while (m.find()) {
            int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
            out.add(new Snippet(document, line, m.group(1)));
        }
        return out;
    }

    @Test
    void extractionFindsEveryJavaBlockAndOnlyThose() throws IOException {
        Path doc = Files.createTempFile("snippets", ".md");
        try {
            Files.writeString(doc, "text\n```java\nclass A {}\n```\n```bash\nls\n```\n```java\nrecord B() {}\n```\n");
            List<Snippet> s = snippets(doc);
            assertEquals(2, s.size(), s.toString());
            assertEquals("A", s.get(0).typeName());
            assertEquals(2, s.get(0).line());
            assertEquals("B", s.get(1).typeName());
        } finally {
            Files.delete(doc);
        }
    }

    @Test
    void aBlockThatDoesNotCompileIsReportedWithDocumentAndLine(@TempDir Path work) throws IOException {
        Path doc = work.resolve("broken.md");
        Files.writeString(doc, "intro\n\n```java\nclass Broken {\n    int x = \"not a number\";\n}\n```\n");
        String problems = compile(repositoryRoot(), snippets(doc), work.resolve("out"));
        assertTrue(problems.contains("broken.md:5: "), problems);
        assertTrue(problems.contains("incompatible types"), problems);
    }

    @Test
    void everyJavaBlockInTheDocsCompiles(@TempDir Path work) throws IOException {
        Path root = repositoryRoot();
        int blocks = 0;
        List<String> failures = new ArrayList<>();
        for (Path doc : documents(root)) {
            List<Snippet> snippets = snippets(doc);
            if (snippets.isEmpty()) continue;
            blocks += snippets.size();
            String problems = compile(root, snippets, work.resolve(doc.getFileName().toString()));
            if (!problems.isEmpty()) failures.add(problems);
        }
        // README (training step), user guide (backend choice), checkpoints, writing a backend (provider, kit test)
        assertTrue(blocks >= 5, "expected the documented Java examples, found " + blocks + " java blocks");
        if (!failures.isEmpty()) fail("Java blocks in the docs do not compile:\n" + String.join("\n", failures));
    }

    /** Compiles one document's blocks together; returns the errors (with document and line), empty when clean. */
    private static String compile(Path root, List<Snippet> snippets, Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src")), out = Files.createDirectories(dir.resolve("classes"));
        List<File> files = new ArrayList<>();
        List<Snippet> byFile = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            Snippet s = snippets.get(i);
            Path file = Files.createDirectories(src.resolve("block" + i)).resolve(s.typeName() + ".java");
            Files.writeString(file, s.code(), StandardCharsets.UTF_8);
            files.add(file.toFile());
            byFile.add(s);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "-classpath", System.getProperty("java.class.path"),
                    "-sourcepath", root.resolve("examples/third-party-backend/src/main/java").toString(),
                    "-d", out.toString(), "-proc:none", "-encoding", "UTF-8");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
            StringBuilder sb = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                Snippet s = d.getSource() == null ? null : byFile.get(files.indexOf(new File(d.getSource().toUri())));
                String where = s == null ? "?" : s.document().getFileName() + ":" + (s.line() + (int) d.getLineNumber());
                sb.append("  ").append(where).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
            if (!ok && sb.length() == 0) sb.append("  ").append(snippets.get(0).document()).append(": javac failed\n");
            return sb.toString();
        }
    }
}
