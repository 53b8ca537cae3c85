package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The main command ({@code cnn4j denoise}, all defaults, the default backend) against its targets: at least 31.3 dB
 * on the validation photos, full images and 32×32 tiles, and more than 1 dB above NL-means on the test photos it
 * never saw (NL-means with known σ, {@code tools/classical/nl_means.py}: 29.53 dB full images). 8-25 minutes.
 */
class DefaultDenoiseRunTest {
    static final double NL_MEANS_TEST_FULL = 29.53;

    @TempDir Path dir;

    @Test
    @Tag("slow")
    void defaultRunMeetsItsTargets() throws IOException {
        CommandRun r = CommandRun.of("denoise", "--quiet", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        double full = m.get("mean_psnr_full").asDouble(), tiles = m.get("mean_psnr_tiles").asDouble();
        assertTrue(full >= 31.3, "mean PSNR on full val images " + full + " dB, target 31.3 dB");
        assertTrue(tiles >= 31.3, "mean PSNR on val 32x32 tiles " + tiles + " dB, target 31.3 dB");
        double test = m.get("test").get("mean_psnr_full").asDouble();
        assertTrue(test > NL_MEANS_TEST_FULL + 1, "mean PSNR on the test photos " + test + " dB, NL-means " + NL_MEANS_TEST_FULL + " dB");
    }
}
