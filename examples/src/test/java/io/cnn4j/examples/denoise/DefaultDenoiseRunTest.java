package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The main command (`cnn4j denoise`, all defaults) beats NL-means (30.07 dB) on the val photos. 5-20 minutes. */
class DefaultDenoiseRunTest {
    @TempDir Path dir;

    @Test
    @Tag("slow")
    void defaultRunBeatsNlMeansOnFullImages() throws IOException {
        CommandRun r = CommandRun.of("denoise", "--quiet", "--backend", "reference", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        double full = m.get("mean_psnr_full").asDouble();
        assertTrue(full > 30.1, "mean PSNR on full val images " + full + " dB, NL-means scores 30.07 dB");
    }
}
