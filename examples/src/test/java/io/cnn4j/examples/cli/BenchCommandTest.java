package io.cnn4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class BenchCommandTest {

    private static final String[] TINY = {"--backend", "reference", "--model", "seed", "--batch", "2", "--steps", "1", "--warmup", "0", "--repeats", "1"};

    private static String[] tiny(String... more) {
        String[] a = new String[1 + TINY.length + more.length];
        a[0] = "bench";
        System.arraycopy(TINY, 0, a, 1, TINY.length);
        System.arraycopy(more, 0, a, 1 + TINY.length, more.length);
        return a;
    }

    @Test
    void writesJsonWithTheRequiredKeys(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("bench.json");
        CliRun r = CliRun.of(tiny("--dtype", "f64", "--json", json.toString()));
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("train:") && r.out().contains("infer:"), r::toString);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("reference", j.get("backend").asText());
        assertEquals("seed", j.get("model").asText());
        assertEquals(2, j.get("batch").asInt());
        assertEquals("f64", j.get("dtype").asText());
        assertTrue(j.get("train_images_per_s").asDouble() > 0, j.toString());
        assertTrue(j.get("infer_images_per_s").asDouble() > 0, j.toString());
        assertEquals(1, j.get("train_images_per_s_runs").size());
        assertTrue(Double.isFinite(j.get("final_loss").asDouble()), j.toString());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void unknownBackendIsExit2WithTheBackendList() {
        CliRun r = CliRun.of("bench", "--backend", "nosuch", "--steps", "1");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("Unknown backend 'nosuch' (from --backend argument)"), r::toString);
        assertTrue(r.err().contains("reference") && r.err().contains("auto picks:"), r::toString);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void unknownModelIsExit2NamingTheKnownOnes() {
        CliRun r = CliRun.of("bench", "--backend", "reference", "--model", "resnet");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("unknown model 'resnet'; known models: seed"), r::toString);
    }

    @Test
    void badDtypeAndBadNumbersAreUsageErrors() {
        CliRun dtype = CliRun.of("bench", "--dtype", "f16");
        assertEquals(2, dtype.exitCode(), dtype::toString);
        assertTrue(dtype.err().contains("unknown dtype 'f16'; use f32 or f64"), dtype::toString);
        CliRun batch = CliRun.of("bench", "--batch", "0");
        assertEquals(2, batch.exitCode(), batch::toString);
        assertTrue(batch.err().contains("--batch must be >= 1, got 0"), batch::toString);
        CliRun steps = CliRun.of("bench", "--steps", "many");
        assertEquals(2, steps.exitCode(), steps::toString);
    }

    @Test
    void unwritableJsonTargetFailsBeforeBenchmarking(@TempDir Path tmp) {
        Path json = tmp.resolve("missing-dir/bench.json");
        CliRun r = CliRun.of(tiny("--json", json.toString()));
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("cannot write JSON to") && r.err().contains("does not exist"), r::toString);
        assertFalse(r.out().contains("train:"), "must fail before running: " + r);
    }

    @Test
    void existingJsonIsReplacedAtomically(@TempDir Path tmp) throws IOException {
        Path json = tmp.resolve("bench.json");
        Files.writeString(json, "old");
        CliRun r = CliRun.of(tiny("--json", json.toString()));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("reference", new ObjectMapper().readTree(json.toFile()).get("backend").asText());
    }
}
