package io.cnn4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Temporary files left by a killed writer are recognised by their exact name form and nothing else is touched. */
class AtomicFilesTest {
    @TempDir Path dir;

    @Test
    void removesOnlyTheTemporariesWriteCreates() throws IOException {
        AtomicFiles.write(dir.resolve("model.safetensors"), new byte[]{1, 2, 3});
        Path stale1 = Files.write(dir.resolve(".model.safetensors.123456789.tmp"), new byte[10]);
        Path stale2 = Files.write(dir.resolve(".metrics.json.5.tmp"), new byte[1]);
        List<String> kept = List.of("model.safetensors", ".hidden", "notes.tmp", ".x.tmp", ".model.safetensors.12a.tmp", "a.1.tmp");
        for (String k : kept) if (!Files.exists(dir.resolve(k))) Files.write(dir.resolve(k), new byte[1]);
        Files.createDirectories(dir.resolve(".dir.7.tmp"));

        List<Path> removed = AtomicFiles.removeStaleTemporaries(dir);
        assertEquals(Set.of(stale1, stale2), Set.copyOf(removed));
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> left = s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            assertTrue(left.containsAll(kept), left.toString());
            assertTrue(left.contains(".dir.7.tmp"), "directories are never removed");
            assertEquals(kept.size() + 1, left.size(), left.toString());
        }
        assertEquals(List.of(), AtomicFiles.removeStaleTemporaries(dir.resolve("missing")));
    }

    @Test
    void theNamesWriteUsesMatchThePattern() throws IOException {
        Path target = dir.resolve("t.bin");
        Path[] seen = new Path[1];
        AtomicFiles.write(target, out -> {
            try (Stream<Path> s = Files.list(dir)) {
                seen[0] = s.filter(p -> !p.equals(target)).findFirst().orElseThrow();
            }
            out.write(1);
        });
        Files.copy(target, seen[0]); // as if the process had been killed before the rename
        assertEquals(List.of(seen[0]), AtomicFiles.removeStaleTemporaries(dir));
        assertTrue(Files.exists(target));
    }
}
