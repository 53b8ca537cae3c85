package io.cnn4j.examples.denoise;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.examples.models.SeedNet;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.nn.Context;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Bad input → exit code 2 and one clear line on stderr, no stack trace, nothing already written destroyed. */
class BadInputTest {
    @TempDir Path dir;
    Path train, val;

    @BeforeEach
    void data() throws IOException {
        TinyImages.dataset(dir);
        train = dir.resolve("train");
        val = dir.resolve("val");
    }

    static void assertUserError(CommandRun r, String expectedPart) {
        assertEquals(2, r.exitCode(), "exit code; stderr: " + r.err());
        assertTrue(r.err().contains(expectedPart), "stderr should mention '" + expectedPart + "': " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    CommandRun denoise(String... extra) {
        String[] base = {"--train", train.toString(), "--val", val.toString(), "--crop", "8", "--batch", "2", "--steps", "1",
                "--backend", "reference", "--quiet", "--out", dir.resolve("out").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return CommandRun.of("denoise", all);
    }

    @Test
    void cropNotAMultipleOfTheModelsSide() {
        assertUserError(denoise("--model", "unet-w32-d3", "--crop", "36"), "--crop must be a multiple of 8 and >= 8 for model unet-w32-d3, got 36");
    }

    @Test
    void unknownModel() { assertUserError(denoise("--model", "resnet9000"), "unknown model 'resnet9000'; known models: unet, wide-unet, unet-w32, unet-w32-d3, seed"); }

    @Test
    void missingImageFolderAndUnreadableImage() throws IOException {
        assertUserError(denoise("--val", dir.resolve("nope").toString()), "does not exist");
        Files.writeString(train.resolve("broken.png"), "this is not a PNG");
        assertUserError(denoise(), "cannot decode image");
    }

    @Test
    void imageSmallerThanCrop() { assertUserError(denoise("--crop", "64"), "smaller than the crop size 64"); }

    @Test
    void nonWritableOut() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertUserError(denoise("--out", file.resolve("sub").toString()), "is not a writable directory");
    }

    @Test
    void failedRunDoesNotTouchExistingOutputs() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("metrics.json"), "{\"previous\": true}");
        assertUserError(denoise("--model", "nope"), "unknown model");
        assertEquals("{\"previous\": true}", Files.readString(out.resolve("metrics.json")));
    }

    @Test
    void corruptWrongOrMissingCheckpoint() throws IOException {
        Path img = val.resolve("c.png"), outImg = dir.resolve("o.png");
        Path corrupt = Files.write(dir.resolve("corrupt.safetensors"), new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        assertUserError(CommandRun.of("denoise-image", "--checkpoint", corrupt.toString(), "--backend", "reference", img.toString(), outImg.toString()),
                "is corrupt or not a safetensors file");
        Path seed = dir.resolve("seed.safetensors");
        Checkpoint.save(new SeedNet(Context.of(new ReferenceBackend(), DType.FLOAT32, 0)), seed);
        assertUserError(CommandRun.of("denoise-image", "--checkpoint", seed.toString(), "--model", "unet", "--backend", "reference",
                img.toString(), outImg.toString()), "does not fit architecture 'unet'");
        assertUserError(CommandRun.of("denoise-eval", "--checkpoint", seed.toString(), "--backend", "reference", "--images", val.toString()),
                "does not say which architecture");
        assertUserError(CommandRun.of("denoise-image", "--checkpoint", dir.resolve("none.safetensors").toString(), "--backend", "reference",
                img.toString(), outImg.toString()), "does not exist");
        assertUserError(CommandRun.of("denoise-image", "--checkpoint", seed.toString(), "--model", "seed", "--backend", "reference",
                dir.resolve("missing.png").toString(), outImg.toString()), "does not exist");
        assertFalse(Files.exists(outImg));
        assertUserError(denoise("--resume", corrupt.toString()), "is not a valid safetensors file");
        assertUserError(denoise("--resume", seed.toString()), "is not a denoiser training state");
    }

    @Test
    void unknownBackendIsAUserError() {
        CommandRun r = denoise("--backend", "quantum");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("quantum"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
