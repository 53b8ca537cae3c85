package io.cnn4j.examples.data;

import io.cnn4j.examples.readme.DocSnippetsCompileTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The photos that {@code tools/data/more_photos.py} downloads are recorded in three places that must agree: the
 * script's list, {@code tools/data/SHA256SUMS} (the files the measured runs used) and the provenance table of
 * {@code tools/data/README.md}. Every recorded file needs a table row with a package, a source path and a licence,
 * and none may share a name with a bundled training photo (the script writes both into one folder).
 */
class MorePhotosManifestTest {
    private static final Path DATA = DocSnippetsCompileTest.repositoryRoot().resolve("tools/data");

    @Test
    void sumsReadmeAndScriptListTheSameTwentyFivePhotos() throws IOException {
        List<String> summed = new ArrayList<>();
        for (String line : Files.readAllLines(DATA.resolve("SHA256SUMS"))) {
            String[] f = line.trim().split("\\s+");
            assertEquals(2, f.length, "SHA256SUMS line: " + line);
            assertTrue(f[0].matches("[0-9a-f]{64}"), "not a SHA-256: " + line);
            summed.add(f[1]);
        }
        assertEquals(25, summed.size());
        assertEquals(25, new HashSet<>(summed).size(), "duplicate names in SHA256SUMS");

        String readme = Files.readString(DATA.resolve("README.md"));
        String script = Files.readString(DATA.resolve("more_photos.py"));
        for (String name : summed) {
            String row = readme.lines().filter(l -> l.startsWith("| `" + name + "` |")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no row in tools/data/README.md"));
            String[] cells = row.split("\\|");
            assertEquals(9, cells.length, "README row of " + name + " should have 8 cells: " + row); // a leading empty string, then the cells
            assertTrue(cells[3].trim().matches("\\S+ \\S+"), "package and version of " + name + ": " + cells[3]);
            assertTrue(cells[4].contains("usr/"), "path inside the .deb of " + name + ": " + cells[4]);
            assertFalse(cells[7].isBlank(), "licence of " + name);
            String stored = name.substring(name.indexOf('-') + 1, name.length() - ".png".length());
            assertTrue(script.contains("\"" + stored + "\"") || script.contains("\"" + name.replace(".png", "") + "\""),
                    name + " is not in more_photos.py's list");
        }
        assertEquals(25, readme.lines().filter(l -> l.startsWith("| `") && l.contains(".png` |")).count(),
                "rows in tools/data/README.md");
    }

    @Test
    void noNameCollidesWithABundledTrainingPhoto() throws IOException {
        Set<String> bundled = new HashSet<>();
        for (RgbImage img : ImageSet.bundled("train")) bundled.add(img.name());
        assertEquals(20, bundled.size());
        for (String line : Files.readAllLines(DATA.resolve("SHA256SUMS")))
            assertFalse(bundled.contains(line.trim().split("\\s+")[1]), line);
    }
}
