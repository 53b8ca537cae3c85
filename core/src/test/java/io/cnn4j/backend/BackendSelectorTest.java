package io.cnn4j.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BackendSelectorTest {

    private final FakeProvider reference = FakeProvider.up("reference", 100);
    private final FakeProvider nd4j = FakeProvider.up("nd4j", 200);
    private final FakeProvider jcuda = FakeProvider.down("jcuda", 300, "no CUDA driver (libcuda.so.1 not found)");

    private Map<String, BackendProvider> all() {
        Map<String, BackendProvider> m = new LinkedHashMap<>();
        m.put("reference", reference);
        m.put("nd4j", nd4j);
        m.put("jcuda", jcuda);
        return m;
    }

    private static SelectionSources sources(String prop, String env, List<Path> files) {
        return new SelectionSources(k -> k.equals("cnn4j.backend") ? prop : null,
                k -> k.equals("CNN4J_BACKEND") ? env : null, files);
    }

    private static Path props(Path dir, String content) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve("cnn4j.properties");
        Files.writeString(f, content);
        return f;
    }

    @Test
    void explicitBeatsPropertyEnvironmentAndFile(@TempDir Path tmp) throws IOException {
        Path file = props(tmp, "backend=reference\n");
        BackendSelector s = new BackendSelector(all(), sources("nd4j", "jcuda", List.of(file)));
        BackendRequest r = s.request("Reference ");
        assertEquals("reference", r.name());
        assertEquals("--backend argument", r.source());
    }

    @Test
    void systemPropertyBeatsEnvironmentAndFile(@TempDir Path tmp) throws IOException {
        Path file = props(tmp, "backend=jcuda\n");
        BackendSelector s = new BackendSelector(all(), sources("nd4j", "reference", List.of(file)));
        assertEquals(new BackendRequest("nd4j", "system property cnn4j.backend"), s.request(null));
        assertEquals(new BackendRequest("nd4j", "system property cnn4j.backend"), s.request("  "), "blank explicit counts as unset");
    }

    @Test
    void environmentBeatsFile(@TempDir Path tmp) throws IOException {
        Path file = props(tmp, "backend=jcuda\n");
        BackendSelector s = new BackendSelector(all(), sources(null, "REFERENCE", List.of(file)));
        assertEquals(new BackendRequest("reference", "environment variable CNN4J_BACKEND"), s.request(null));
    }

    @Test
    void fileInFirstLocationBeatsSecond(@TempDir Path tmp) throws IOException {
        Path cwd = props(tmp.resolve("cwd"), "# comment\nbackend = nd4j\n");
        Path home = props(tmp.resolve("home"), "backend=reference\n");
        BackendSelector s = new BackendSelector(all(), sources(null, "", List.of(cwd, home)));
        BackendRequest r = s.request(null);
        assertEquals("nd4j", r.name());
        assertTrue(r.source().startsWith("file ") && r.source().contains("cwd"), r.source());
    }

    @Test
    void missingFileOrFileWithoutKeyFallsThroughToNextThenAuto(@TempDir Path tmp) throws IOException {
        Path absent = tmp.resolve("absent/cnn4j.properties");
        Path noKey = props(tmp.resolve("nokey"), "threads=2\n");
        Path home = props(tmp.resolve("home"), "backend=reference\n");
        assertEquals("reference", new BackendSelector(all(), sources(null, null, List.of(absent, noKey, home))).request(null).name());
        assertEquals(new BackendRequest("auto", "default"),
                new BackendSelector(all(), sources(null, null, List.of(absent, noKey))).request(null));
    }

    @Test
    void autoPicksHighestPriorityAvailable() {
        BackendSelector s = new BackendSelector(all(), SelectionSources.none());
        assertEquals("nd4j", s.autoChoice().orElseThrow().name());
        assertSame(nd4j, s.provider((String) null));
        assertEquals("nd4j", s.select("auto").name());
        assertEquals(1, nd4j.creations.get());
    }

    @Test
    void autoPicksGpuWhenAvailable() {
        Map<String, BackendProvider> m = all();
        m.put("jcuda", FakeProvider.up("jcuda", 300));
        assertEquals("jcuda", new BackendSelector(m, SelectionSources.none()).select(null).name());
    }

    @Test
    void statusesAreSortedByPriorityAndAvailabilityIsAskedOnce() {
        BackendSelector s = new BackendSelector(all(), SelectionSources.none());
        List<BackendStatus> st = s.statuses();
        assertEquals(List.of("jcuda", "nd4j", "reference"), st.stream().map(BackendStatus::name).toList());
        assertFalse(st.get(0).available());
        s.statuses();
        s.select("reference");
        assertEquals(1, jcuda.availabilityCalls.get());
        assertEquals(1, reference.availabilityCalls.get());
    }

    @Test
    void unavailableBackendErrorListsEveryBackendWithReasonAndHowToChoose() {
        BackendSelector s = new BackendSelector(all(), SelectionSources.none());
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> s.select("jcuda"));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("Backend 'jcuda' (from --backend argument) is not available here: no CUDA driver"), msg);
        assertTrue(msg.contains("jcuda") && msg.contains("unavailable — no CUDA driver (libcuda.so.1 not found)"), msg);
        assertTrue(msg.contains("nd4j") && msg.contains("available — nd4j ok"), msg);
        assertTrue(msg.contains("reference") && msg.contains("available — reference ok"), msg);
        assertTrue(msg.contains("auto picks: nd4j"), msg);
        assertTrue(msg.contains("--backend NAME") && msg.contains("cnn4j.backend") && msg.contains("CNN4J_BACKEND")
                && msg.contains("cnn4j.properties"), msg);
        assertEquals(0, jcuda.creations.get());
    }

    @Test
    void unknownBackendNamesItsSource() {
        BackendSelector s = new BackendSelector(all(), sources("cuda", null, List.of()));
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> s.select(null));
        assertTrue(e.getMessage().startsWith("Unknown backend 'cuda' (from system property cnn4j.backend)."), e.getMessage());
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }

    @Test
    void noAvailableBackendForAuto() {
        Map<String, BackendProvider> m = Map.of("jcuda", FakeProvider.down("jcuda", 300, "no GPU"));
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> new BackendSelector(m, SelectionSources.none()).select(null));
        assertTrue(e.getMessage().startsWith("No backend is available for 'auto' (from default)."), e.getMessage());
        assertTrue(e.getMessage().contains("auto picks: nothing"), e.getMessage());
    }

    @Test
    void throwingAvailabilityCheckCountsAsUnavailable() {
        BackendProvider broken = new FakeProvider("broken", 500, null) {
            @Override public Availability availability() { throw new UnsatisfiedLinkError("libfoo.so missing"); }
        };
        Map<String, BackendProvider> m = all();
        m.put("broken", broken);
        BackendSelector s = new BackendSelector(m, SelectionSources.none());
        assertEquals("nd4j", s.autoChoice().orElseThrow().name());
        assertTrue(s.describe().contains("availability check failed: java.lang.UnsatisfiedLinkError: libfoo.so missing"), s.describe());
    }

    @Test
    void failingCreateIsReportedWithTheBackendName() {
        Map<String, BackendProvider> m = Map.of("reference", new FakeProvider("reference", 100, Availability.yes("ok")) {
            @Override public io.cnn4j.tensor.Backend create() { throw new IllegalStateException("out of memory"); }
        });
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> new BackendSelector(m, SelectionSources.none()).select(null));
        assertTrue(e.getMessage().startsWith("Backend 'reference' (requested 'auto' (from default)) failed to start: java.lang.IllegalStateException: out of memory"), e.getMessage());
    }

    @Test
    void unreadablePropertiesFileIsAClearError(@TempDir Path tmp) throws IOException {
        Path bad = props(tmp, "backend=\\u00zz\n"); // malformed \\u escape makes Properties.load throw
        BackendSelector s = new BackendSelector(all(), sources(null, null, List.of(bad)));
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> s.request(null));
        assertTrue(e.getMessage().startsWith("Cannot read backend setting from " + bad.toAbsolutePath().normalize()), e.getMessage());
    }

    @Test
    void loadProblemsAreShown() {
        BackendSelector s = new BackendSelector(all(), SelectionSources.none(), List.of("io.example.Broken: Provider not found"));
        assertTrue(s.describe().contains("(failed to load) io.example.Broken: Provider not found"), s.describe());
    }

    @Test
    void rejectsAutoAsProviderName() {
        assertThrows(IllegalArgumentException.class,
                () -> new BackendSelector(Map.of("auto", FakeProvider.up("auto", 1)), SelectionSources.none()));
    }
}
