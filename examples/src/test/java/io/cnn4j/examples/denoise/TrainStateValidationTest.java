package io.cnn4j.examples.denoise;

import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.cnn4j.examples.denoise.BadInputTest.assertUserError;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A damaged train-state fails at load, before any training, with one line and exit code 2: malformed history,
 * step, train_seconds, configuration or data identity, and unexpected tensors.
 */
class TrainStateValidationTest {
    @TempDir Path dir;
    Path state;
    SafeTensorsFile good;

    @BeforeEach
    void trainTwoSteps() throws IOException {
        TinyImages.dataset(dir);
        CommandRun r = run(dir.resolve("first"), "--steps", "4", "--stop-after", "2");
        assertEquals(0, r.exitCode(), r.err());
        state = dir.resolve("first/train-state.safetensors");
        good = SafeTensors.read(state);
    }

    CommandRun run(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(),
                "--crop", "8", "--batch", "2", "--model", "seed", "--backend", "reference", "--quiet", "--out", out.toString()));
        a.addAll(List.of(extra));
        return CommandRun.of("denoise", a.toArray(String[]::new));
    }

    /** Resumes from a copy of the good state with one metadata entry replaced (null value: removed). */
    void assertRejected(String key, String value, String expected) throws IOException {
        Map<String, String> md = new LinkedHashMap<>(good.metadata());
        if (value == null) md.remove(key); else md.put(key, value);
        Path bad = dir.resolve("bad.safetensors");
        SafeTensors.write(bad, good.tensors(), md);
        Path out = dir.resolve("resumed");
        assertUserError(run(out, "--resume", bad.toString()), expected);
        assertFalse(Files.exists(out), "rejected before any work: no --out folder");
    }

    @Test
    void malformedHistoryEntries() throws IOException {
        assertRejected("history", "null", "it must be a JSON object");
        assertRejected("history", "{}", "'loss' must be an array");
        assertRejected("history", "{\"loss\":null,\"valPsnr\":[]}", "'loss' must be an array");
        assertRejected("history", "{\"loss\":[0.1],\"valPsnr\":[]}", "'loss' has 1 entries but the state is at step 2");
        assertRejected("history", "{\"loss\":[0.1,null],\"valPsnr\":[]}", "loss[1] is null");
        assertRejected("history", "{\"loss\":[0.1,\"NaN\"],\"valPsnr\":[]}", "loss[1]");
        assertRejected("history", "{\"loss\":[0.1,0.2],\"valPsnr\":[[1]]}", "valPsnr[0]");
        assertRejected("history", "{\"loss\":[0.1,0.2],\"valPsnr\":[[3,20.0]]}", "outside 1..2");
        assertRejected("history", "{\"loss\":[0.1,0.2],\"valPsnr\":[{}]}", "valPsnr[0]");
        assertRejected("history", "[1,2", "it is not JSON");
        assertRejected("history", null, "'history' metadata is missing");
    }

    @Test
    void malformedStepSecondsAndConfiguration() throws IOException {
        assertRejected("step", "two", "metadata 'step' is 'two', not an integer");
        assertRejected("step", "-1", "saved step -1 is outside 0..4");
        assertRejected("step", "99", "saved step 99 is outside 0..4");
        assertRejected("step", null, "metadata key 'step' missing");
        assertRejected("train_seconds", "fast", "metadata 'train_seconds' is 'fast', not a number");
        assertRejected("train_seconds", "-3", "not a finite number >= 0");
        assertRejected("train_seconds", "Infinity", "not a finite number >= 0");
        assertRejected("steps", "x", "malformed training configuration: metadata 'steps' is 'x'");
        assertRejected("noise2noise", "maybe", "metadata 'noise2noise' is 'maybe'");
        assertRejected("batch", "99999999999", "metadata 'batch' is '99999999999'");
        assertRejected("crop", "30", "invalid saved configuration: --crop must be a multiple of 4");
        assertRejected("eval_seed", "1.5", "metadata 'eval_seed' is '1.5', not an integer");
        assertRejected("train_sha256", "abc", "malformed train data identity");
        assertRejected("format", "something-else", "is not a denoiser training state");
    }

    @Test
    void unexpectedTensorsAreRejected() throws IOException {
        Map<String, HostTensor> t = new LinkedHashMap<>(good.tensors());
        t.put("extra.weight", new HostTensor(io.cnn4j.tensor.DType.FLOAT32, new int[]{1}, new double[]{0}));
        Path bad = dir.resolve("extra.safetensors");
        SafeTensors.write(bad, t, good.metadata());
        assertUserError(run(dir.resolve("r1"), "--resume", bad.toString()), "unexpected tensor 'extra.weight'");

        t = new LinkedHashMap<>(good.tensors());
        t.put("optim.bogus", new HostTensor(io.cnn4j.tensor.DType.FLOAT32, new int[]{1}, new double[]{0}));
        SafeTensors.write(bad, t, good.metadata());
        assertUserError(run(dir.resolve("r2"), "--resume", bad.toString()), "unexpected entries [bogus]");

        t = new LinkedHashMap<>(good.tensors());
        t.put("model.extra", new HostTensor(io.cnn4j.tensor.DType.FLOAT32, new int[]{1}, new double[]{0}));
        SafeTensors.write(bad, t, good.metadata());
        assertUserError(run(dir.resolve("r3"), "--resume", bad.toString()), "unexpected keys: [extra]");
    }
}
