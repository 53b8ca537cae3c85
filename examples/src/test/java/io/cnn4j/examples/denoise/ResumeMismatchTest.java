package io.cnn4j.examples.denoise;

import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.cnn4j.examples.denoise.BadInputTest.assertUserError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --resume} given an option or data that differs from the saved run refuses with one line; invalid values
 * are rejected as in a fresh run; {@code --steps} extends a finished run. (Bit-identity of an interrupted and
 * resumed run is {@link DenoiseCommandTest#resumedRunEqualsUninterruptedRun}.)
 */
class ResumeMismatchTest {
    @TempDir Path dir;
    Path out, state;

    @BeforeEach
    void stoppedRun() throws IOException {
        TinyImages.dataset(dir);
        out = dir.resolve("out");
        CommandRun r = CommandRun.of("denoise", base(out, "--steps", "4", "--stop-after", "2", "--eval-seed", "7"));
        assertEquals(0, r.exitCode(), r.err());
        state = out.resolve("train-state.safetensors");
    }

    String[] base(Path o, String... extra) {
        List<String> a = new ArrayList<>(List.of("--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(),
                "--crop", "8", "--batch", "2", "--model", "seed", "--backend", "reference", "--quiet", "--out", o.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    CommandRun resume(String... extra) {
        List<String> a = new ArrayList<>(List.of("--resume", state.toString(), "--backend", "reference", "--quiet", "--out", out.toString()));
        a.addAll(List.of(extra));
        return CommandRun.of("denoise", a.toArray(String[]::new));
    }

    @Test
    void everyDifferingOptionIsRefused() {
        String[][] cases = {{"--model", "unet"}, {"--batch", "3"}, {"--crop", "12"}, {"--lr", "0.5"}, {"--optimizer", "sgd"},
                {"--schedule", "constant"}, {"--sigma", "30"}, {"--noise2noise"}, {"--seed", "5"}, {"--eval-seed", "8"}};
        for (String[] c : cases) assertUserError(resume(c), c[0] + (c.length > 1 ? " " + c[1] : ""));
        assertUserError(resume("--steps", "1"), "--steps 1 is before the resumed run's step 2");
    }

    @Test
    void invalidValuesAreRejectedAsInAFreshRun() {
        assertUserError(resume("--steps", "-3", "--crop", "30"), "must be");
        assertUserError(resume("--crop", "30"), "--crop must be a multiple of 4");
        assertUserError(resume("--checkpoint-every", "-1"), "--checkpoint-every must be >= 0");
    }

    @Test
    void sameValuesGivenAgainAreAccepted() {
        CommandRun r = resume("--model", "seed", "--crop", "8", "--batch", "2", "--eval-seed", "7", "--train", dir.resolve("train").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("resuming seed from step 2 of 4"), r.out());
    }

    @Test
    void differentOrChangedDataIsRefused() throws IOException {
        Path other = dir.resolve("other");
        TinyImages.write(other.resolve("a.png"), 40, 36, 99);
        assertUserError(resume("--train", other.toString()), "is not the data the resumed run used");
        assertUserError(resume("--val", dir.resolve("train").toString()), "is not the data the resumed run used");
        TinyImages.write(dir.resolve("train/b.png"), 40, 36, 1234); // same name, new pixels
        assertUserError(resume(), "--train");
    }

    @Test
    void dataAndEvalSeedComeFromTheStateWhenNotGiven() throws IOException {
        CommandRun r = resume();
        assertEquals(0, r.exitCode(), r.err());
        SafeTensorsFile s = SafeTensors.read(state);
        assertEquals("7", s.metadata().get("eval_seed"));
        assertEquals(dir.resolve("train").toAbsolutePath().normalize().toString(), s.metadata().get("train_data"));
        assertTrue(Files.exists(out.resolve("metrics.json")));
    }

    @Test
    void stepsExtendsAFinishedRun() throws IOException {
        assertEquals(0, resume().exitCode());
        CommandRun r = resume("--steps", "6");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("resuming seed from step 4 of 6"), r.out());
        SafeTensorsFile s = SafeTensors.read(state);
        assertEquals("6", s.metadata().get("step"));
        assertEquals("6", s.metadata().get("steps"));
        assertEquals("6", SafeTensors.read(out.resolve("model.safetensors")).metadata().get("steps_trained"));
    }
}
