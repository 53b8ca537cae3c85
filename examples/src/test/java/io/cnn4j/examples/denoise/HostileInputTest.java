package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.examples.data.PngBomb;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.tensor.Tensor;
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
 * Hostile input and faults, tried as a new user would: each ends in one clear line and exit code 2, or in a correct
 * result; never a crash, a NaN written as a number, or an accepted-but-invalid checkpoint.
 */
class HostileInputTest {
    @TempDir Path dir;
    Path train, val, out;

    @BeforeEach
    void data() throws IOException {
        TinyImages.dataset(dir);
        train = dir.resolve("train");
        val = dir.resolve("val");
        out = dir.resolve("out");
    }

    CommandRun denoise(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--train", train.toString(), "--val", val.toString(), "--crop", "8", "--batch", "2",
                "--steps", "2", "--backend", "reference", "--quiet", "--out", out.toString()));
        a.addAll(List.of(extra));
        return CommandRun.of("denoise", a.toArray(String[]::new));
    }

    Path trainedModel() {
        CommandRun r = denoise("--model", "seed", "--eval-every", "0");
        assertEquals(0, r.exitCode(), r.err());
        return out.resolve("model.safetensors");
    }

    @Test
    void imageBombIsRejectedBeforeDecodingInEveryCommand() throws IOException {
        Path bomb = Files.write(dir.resolve("bomb.png"), PngBomb.declaring(20000, 20000));
        Path model = trainedModel();
        assertUserError(CommandRun.of("denoise-image", "--checkpoint", model.toString(), "--backend", "reference", bomb.toString(),
                dir.resolve("o.png").toString()), "declares 20000x20000");
        Files.copy(bomb, train.resolve("zz-bomb.png"));
        assertUserError(denoise("--out", dir.resolve("out2").toString()), "declares 20000x20000");
        assertFalse(Files.exists(dir.resolve("out2")), "no empty --out folder after a failed run");
        CommandRun raised = CommandRun.of("denoise-image", "--checkpoint", model.toString(), "--backend", "reference",
                "--max-image-pixels", "10", val.resolve("c.png").toString(), dir.resolve("o.png").toString());
        assertUserError(raised, "more than the limit of 10");
    }

    @Test
    void twoByTwoIsRejectedAndThreeByThreeDenoises() throws IOException {
        Path model = trainedModel();
        for (int side : new int[]{1, 2, 3}) {
            Path img = dir.resolve("s" + side + ".png");
            TinyImages.write(img, side, side, side);
            CommandRun r = CommandRun.of("denoise-image", "--checkpoint", model.toString(), "--backend", "reference", img.toString(),
                    dir.resolve("o" + side + ".png").toString());
            if (side < 3) assertUserError(r, "must be at least 3x3");
            else assertEquals(0, r.exitCode(), r.err());
        }
    }

    @Test
    void nonFiniteScoresAreNullWithAReasonNeverANumber() throws IOException {
        Path model = trainedModel();
        Path json = dir.resolve("eval.json");
        CommandRun r = CommandRun.of("denoise-eval", "--checkpoint", model.toString(), "--images", val.toString(), "--backend", "reference",
                "--sigma", "0", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("noisy inf"), r.out());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertTrue(j.get("mean_psnr_noisy").isNull(), j.toString());
        assertTrue(j.get("mean_psnr_noisy_null_reason").asText().contains("identical"), j.toString());
        assertTrue(j.get("per_image").get(0).get("psnr_noisy").isNull(), j.toString());
        double full = j.get("mean_psnr_full").asDouble();
        assertTrue(full > 5 && full < 80, "a finite score stays a number: " + full);
        String text = Files.readString(json);
        assertFalse(text.contains("NaN") || text.contains("Infinity") || text.contains("9.2233"), text);
    }

    @Test
    void nonFiniteWeightsAreRefusedForEvaluationAndResume() throws IOException {
        Path model = trainedModel();
        SafeTensorsFile f = SafeTensors.read(model);
        Map<String, HostTensor> t = new LinkedHashMap<>(f.tensors());
        String victim = t.keySet().iterator().next();
        double[] d = t.get(victim).data().clone();
        d[d.length - 1] = Double.NaN;
        t.put(victim, new HostTensor(t.get(victim).dtype(), t.get(victim).shape(), d));
        Path bad = dir.resolve("nan.safetensors");
        SafeTensors.write(bad, t, f.metadata());
        assertUserError(CommandRun.of("denoise-eval", "--checkpoint", bad.toString(), "--images", val.toString(), "--backend", "reference"),
                "'" + victim + "' (NaN at index " + (d.length - 1) + ") is not finite");
        assertUserError(CommandRun.of("denoise-image", "--checkpoint", bad.toString(), "--backend", "reference", val.resolve("c.png").toString(),
                dir.resolve("o.png").toString()), "is not finite");

        SafeTensorsFile s = SafeTensors.read(out.resolve("train-state.safetensors"));
        Map<String, HostTensor> st = new LinkedHashMap<>(s.tensors());
        HostTensor w = st.get("model." + victim);
        double[] wd = w.data().clone();
        wd[0] = Double.POSITIVE_INFINITY;
        st.put("model." + victim, new HostTensor(w.dtype(), w.shape(), wd));
        Path badState = dir.resolve("inf-state.safetensors");
        SafeTensors.write(badState, st, s.metadata());
        assertUserError(denoise("--resume", badState.toString()), "model weight '" + victim + "' (Infinity at index 0) is not finite");
    }

    @Test
    void divergenceIsAUserErrorThatKeepsAndNamesTheLastGoodCheckpoint() throws IOException {
        CommandRun r = denoise("--model", "seed", "--optimizer", "sgd", "--lr", "1e30", "--steps", "20", "--checkpoint-every", "1", "--eval-every", "0");
        assertUserError(r, "training diverged at step");
        assertTrue(r.err().contains("smaller --lr"), r.err());
        assertFalse(Files.exists(out.resolve("model.safetensors")), "no model from diverged weights");
        Path state = out.resolve("train-state.safetensors");
        if (Files.exists(state)) {
            assertTrue(r.err().contains("last good checkpoint") && r.err().contains(state.toString()), r.err());
            TrainState kept = TrainState.read(state); // validates: finite weights, consistent history
            assertTrue(kept.step() >= 1);
        } else {
            assertTrue(r.err().contains("no checkpoint was written"), r.err());
        }
    }

    @Test
    void divergenceOnTheFinalStepIsCaughtBeforeSaving() throws IOException {
        DenoiseConfig c = new DenoiseConfig("seed", 1, 2, 8, 1e-3, "adam", "cosine", 0.1, false, 0);
        RgbImage img = new RgbImage("x", 16, 16, new float[3 * 16 * 16]);
        DenoiseTrainer t = new DenoiseTrainer(c, new ReferenceBackend(), List.of(img));
        t.trainStep();
        Tensor w = t.model().stateDict().values().iterator().next();
        double[] v = w.toDoubleArray();
        v[0] = Double.NaN;
        w.backend().copy(w.backend().fromHost(v, w.dtype(), w.shape()), w);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> t.saveModel(dir.resolve("m.safetensors")));
        assertTrue(e.getMessage().contains("training diverged at step 1") && e.getMessage().contains("not finite"), e.getMessage());
        assertThrows(TrainingDivergedException.class, () -> t.saveState(dir.resolve("s.safetensors"), Map.of()));
        assertFalse(Files.exists(dir.resolve("m.safetensors")) || Files.exists(dir.resolve("s.safetensors")));
    }

    @Test
    void parseErrorsAreOneLineWithWhereTheHelpIs() {
        for (String[] bad : new String[][]{{"--bogus"}, {"--lr", "abc"}, {"--steps", "99999999999"}}) {
            CommandRun r = denoise(bad);
            assertUserError(r, bad[bad.length - 1].equals("--bogus") ? "--bogus" : bad[1]);
            assertTrue(r.err().contains("see `cnn4j denoise --help`"), r.err());
        }
        CommandRun b = CommandRun.of("bench", "--batch", "0", "--backend", "reference");
        assertUserError(b, "--batch must be >= 1");
        assertTrue(b.err().contains("see `cnn4j bench --help`"), b.err());
    }

    @Test
    void negativeLoopOptionsAreRejectedAndNoOutFolderIsCreated() {
        for (String opt : new String[]{"--eval-every", "--checkpoint-every", "--stop-after"}) {
            assertUserError(denoise(opt, "-1"), opt + " must be >=");
            assertFalse(Files.exists(out), "no --out folder after a failed run (" + opt + ")");
        }
    }

    @Test
    void staleTemporaryFilesAreRemovedAtStartAndCheckpointsKept() throws IOException {
        Files.createDirectories(out.resolve("images"));
        Path stale = Files.write(out.resolve(".train-state.safetensors.8812766318230.tmp"), new byte[1000]);
        Path staleImage = Files.write(out.resolve("images/.c.png.42.tmp"), new byte[10]);
        Path keep = Files.writeString(out.resolve("notes.tmp"), "mine");
        CommandRun r = denoise("--stop-after", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("removed 2 temporary files"), r.out());
        assertFalse(Files.exists(stale) || Files.exists(staleImage));
        assertTrue(Files.exists(keep));
        try (var s = Files.list(out)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp") && n.startsWith(".")).toList());
        }
    }
}
