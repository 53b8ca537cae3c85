package io.cnn4j.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads golden-vector cases: the bundled PyTorch vectors (137 cases: 74 from PyTorch 2.5.1, 63 from PyTorch 1.13; resources
 * {@code io/cnn4j/tck/vectors/}, see the README there) or every {@code *.safetensors} file of a directory, e.g.
 * vectors a user produced with PyTorch in the same format. Run them with {@link GoldenCaseRunner}.
 */
public final class GoldenVectors {
    private GoldenVectors() {}

    private static final String RESOURCE_DIR = "/io/cnn4j/tck/vectors/";
    private static volatile List<GoldenCase> bundled;

    /** The bundled PyTorch cases, in {@code index.json} order (read once, then cached). */
    public static List<GoldenCase> bundled() {
        List<GoldenCase> b = bundled;
        if (b == null) {
            try {
                b = List.copyOf(readBundled());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled golden vectors from the classpath (" + RESOURCE_DIR + ")", e);
            }
            bundled = b;
        }
        return b;
    }

    private static List<GoldenCase> readBundled() throws IOException {
        JsonNode index;
        try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE_DIR + "index.json")) {
            if (in == null) throw new IOException("index.json not found");
            index = new ObjectMapper().readTree(in);
        }
        List<GoldenCase> out = new ArrayList<>();
        for (JsonNode c : index.get("cases")) {
            String file = c.get("file").asText();
            try (InputStream in = GoldenVectors.class.getResourceAsStream(RESOURCE_DIR + file)) {
                if (in == null) throw new IOException("bundled vector " + file + " listed in index.json is missing");
                out.add(toCase(SafeTensors.read(in.readAllBytes(), "bundled:" + file), file));
            }
        }
        return out;
    }

    /**
     * Every {@code *.safetensors} file in {@code dir} (not recursive), sorted by file name. Throws
     * {@link IllegalArgumentException} when the directory has none, and an {@link IOException} naming the file when
     * one is not a valid safetensors file.
     */
    public static List<GoldenCase> fromDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("golden vectors: " + dir + " is not a directory");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        }
        if (files.isEmpty()) throw new IllegalArgumentException("golden vectors: no *.safetensors files in " + dir);
        List<GoldenCase> out = new ArrayList<>();
        for (Path f : files) out.add(read(f));
        return out;
    }

    /** One case from a file. */
    public static GoldenCase read(Path file) throws IOException {
        return toCase(SafeTensors.read(file), file.toString());
    }

    private static GoldenCase toCase(SafeTensorsFile f, String source) {
        String name = Path.of(source.replace("bundled:", "")).getFileName().toString().replaceFirst("\\.safetensors$", "");
        String id = f.metadata().getOrDefault("case", name);
        String op = f.metadata().get("op");
        if (op == null) throw new IllegalArgumentException(source + ": no 'op' in __metadata__ (see the golden vectors README for the format)");
        return new GoldenCase(id, op, f.metadata(), f.tensors(), source);
    }
}
