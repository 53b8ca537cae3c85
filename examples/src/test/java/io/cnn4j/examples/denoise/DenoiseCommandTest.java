package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Tiny end-to-end runs of denoise, denoise-image and denoise-eval on synthetic images, and exact resume. */
class DenoiseCommandTest {
    @TempDir Path dir;

    @BeforeEach
    void data() throws IOException { TinyImages.dataset(dir); }

    String[] tiny(Path out, String... extra) {
        String[] base = {"--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(), "--crop", "8", "--batch", "4",
                "--steps", "4", "--backend", "reference", "--quiet", "--out", out.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void tinyRunWritesEveryOutput() throws IOException {
        Path out = dir.resolve("out");
        CommandRun r = CommandRun.of("denoise", tiny(out));
        assertEquals(0, r.exitCode(), r.err());
        for (String f : new String[]{"images/c.png", "contact-sheet.png", "training.png", "model.safetensors", "train-state.safetensors", "metrics.json"})
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        BufferedImage side = ImageIO.read(out.resolve("images/c.png").toFile());
        assertEquals(3 * 42 + 2 * 4, side.getWidth(), "noisy | denoised | clean side by side");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("wide-unet", m.get("model").asText(), "the default model");
        assertEquals("reference", m.get("backend").asText());
        assertEquals(4, m.get("steps").asInt());
        assertEquals(1, m.get("tiles").asInt());
        assertEquals(1, m.get("per_image").size());
        double full = m.get("mean_psnr_full").asDouble();
        assertEquals(full, m.get("per_image").get(0).get("psnr_full").asDouble(), 1e-9);
        assertTrue(full > 5 && full < 60, "PSNR " + full);
        assertTrue(r.out().contains("mean PSNR"), r.out());

        // The checkpoint loads in denoise-image and denoise-eval, which reproduce the run's evaluation exactly.
        Path json = dir.resolve("eval.json");
        CommandRun e = CommandRun.of("denoise-eval", "--checkpoint", out.resolve("model.safetensors").toString(),
                "--images", dir.resolve("val").toString(), "--backend", "reference", "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode ej = new ObjectMapper().readTree(json.toFile());
        assertEquals(full, ej.get("mean_psnr_full").asDouble(), 1e-9);
        assertEquals(m.get("mean_psnr_tiles").asDouble(), ej.get("mean_psnr_tiles").asDouble(), 1e-9);

        Path denoised = dir.resolve("d.png");
        CommandRun d = CommandRun.of("denoise-image", "--checkpoint", out.resolve("model.safetensors").toString(),
                "--backend", "reference", dir.resolve("val/c.png").toString(), denoised.toString());
        assertEquals(0, d.exitCode(), d.err());
        BufferedImage di = ImageIO.read(denoised.toFile());
        assertEquals(42, di.getWidth());
        assertEquals(34, di.getHeight());
    }

    @Test
    void seedModelWithNoise2NoiseRunsAndPadsOddSizes() throws IOException {
        Path out = dir.resolve("seed");
        CommandRun r = CommandRun.of("denoise", tiny(out, "--model", "seed", "--optimizer", "sgd", "--momentum", "0.9", "--eval-every", "0", "--noise2noise"));
        assertEquals(0, r.exitCode(), r.err());
        SafeTensorsFile f = SafeTensors.read(out.resolve("model.safetensors"));
        assertTrue(f.has("0.weight") && f.has("6.bias"), f.tensors().keySet().toString());
        assertEquals("seed", f.metadata().get("model"));
        SafeTensorsFile st = SafeTensors.read(out.resolve("train-state.safetensors"));
        assertEquals("true", st.metadata().get("noise2noise"));
        assertTrue(st.has("optim.0.weight.momentum_buffer"), st.tensors().keySet().toString());
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        assertEquals(0, CommandRun.of("denoise", tiny(a)).exitCode());
        CommandRun first = CommandRun.of("denoise", tiny(b, "--stop-after", "2"));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("stopped at step 2 of 4"), first.out());
        assertFalse(Files.exists(b.resolve("metrics.json")));
        CommandRun second = CommandRun.of("denoise", "--resume", b.resolve("train-state.safetensors").toString(),
                "--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(), "--backend", "reference", "--quiet", "--out", b.toString());
        assertEquals(0, second.exitCode(), second.err());
        SafeTensorsFile ma = SafeTensors.read(a.resolve("model.safetensors")), mb = SafeTensors.read(b.resolve("model.safetensors"));
        assertEquals(ma.tensors().keySet(), mb.tensors().keySet());
        for (String k : ma.tensors().keySet()) assertEquals(ma.tensor(k), mb.tensor(k), "weights of " + k + " differ after resume");
        SafeTensorsFile sa = SafeTensors.read(a.resolve("train-state.safetensors")), sb = SafeTensors.read(b.resolve("train-state.safetensors"));
        for (String k : sa.tensors().keySet()) assertEquals(sa.tensor(k), sb.tensor(k), "state " + k + " differs after resume");
        assertEquals(sa.metadata().get("history"), sb.metadata().get("history"));
        JsonNode ja = new ObjectMapper().readTree(a.resolve("metrics.json").toFile()), jb = new ObjectMapper().readTree(b.resolve("metrics.json").toFile());
        assertEquals(ja.get("per_image"), jb.get("per_image"));
        assertEquals(ja.get("history"), jb.get("history"));
    }

    @Test
    void denoiseImageAddsSeededNoiseToACleanPhotoAndReportsBothPsnrs() throws IOException {
        Path out = dir.resolve("n");
        assertEquals(0, CommandRun.of("denoise", tiny(out, "--model", "seed", "--eval-every", "0")).exitCode());
        String ckpt = out.resolve("model.safetensors").toString(), clean = dir.resolve("val/c.png").toString();
        Path denoised = dir.resolve("dn.png"), noisy = dir.resolve("noisy.png");
        CommandRun d = CommandRun.of("denoise-image", "--checkpoint", ckpt, "--backend", "reference", "--noise", "25", "--seed", "3",
                "--noisy-out", noisy.toString(), clean, denoised.toString());
        assertEquals(0, d.exitCode(), d.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("noisy \\(sigma 25, seed 3\\) ([0-9.]+) dB, denoised ([0-9.]+) dB").matcher(d.out());
        assertTrue(m.find(), d.out());
        // sigma 25/255 unclipped: 20.17 dB in expectation; 42x34x3 values put the draw within about 0.2 dB of it.
        assertEquals(20.17, Double.parseDouble(m.group(1)), 0.4, d.out());
        double denoisedPsnr = Double.parseDouble(m.group(2));
        assertTrue(denoisedPsnr > 5 && denoisedPsnr < 60, d.out());
        BufferedImage ni = ImageIO.read(noisy.toFile()), ci = ImageIO.read(new java.io.File(clean));
        assertEquals(ci.getWidth(), ni.getWidth());
        assertNotEquals(ci.getRGB(10, 10), ni.getRGB(10, 10), "the noisy image differs from the clean one");

        CommandRun again = CommandRun.of("denoise-image", "--checkpoint", ckpt, "--backend", "reference", "--noise", "25", "--seed", "3",
                clean, dir.resolve("dn2.png").toString());
        assertTrue(again.out().contains(m.group(0)), "the same seed gives the same noise and scores: " + again.out());

        CommandRun bad = CommandRun.of("denoise-image", "--checkpoint", ckpt, "--noise", "-1", clean, denoised.toString());
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--noise must be a standard deviation in (0, 255]"), bad.err());
        CommandRun orphan = CommandRun.of("denoise-image", "--checkpoint", ckpt, "--noisy-out", noisy.toString(), clean, denoised.toString());
        assertEquals(2, orphan.exitCode());
        assertTrue(orphan.err().contains("--noisy-out needs --noise"), orphan.err());
    }

    @Test
    void denoiseEvalScoresTheBundledTestPhotos() throws IOException {
        Path out = dir.resolve("t");
        assertEquals(0, CommandRun.of("denoise", tiny(out, "--model", "seed", "--eval-every", "0")).exitCode());
        Path json = dir.resolve("test.json");
        CommandRun e = CommandRun.of("denoise-eval", "--checkpoint", out.resolve("model.safetensors").toString(), "--split", "test",
                "--backend", "reference", "--json", json.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals(10, j.get("images").asInt());
        assertEquals("bundled test photos", j.get("images_dir").asText());
        assertEquals(20.17, j.get("mean_psnr_noisy").asDouble(), 0.05);
        CommandRun bad = CommandRun.of("denoise-eval", "--checkpoint", out.resolve("model.safetensors").toString(), "--split", "train");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("unknown --split 'train'"), bad.err());
    }

    @Test
    void selfEnsembleScoresAndDenoisesWithTheEightSymmetries() throws IOException {
        Path out = dir.resolve("se");
        assertEquals(0, CommandRun.of("denoise", tiny(out, "--eval-every", "0")).exitCode());
        String ckpt = out.resolve("model.safetensors").toString();
        Path plain = dir.resolve("plain.json"), ens = dir.resolve("ens.json");
        assertEquals(0, CommandRun.of("denoise-eval", "--checkpoint", ckpt, "--images", dir.resolve("val").toString(), "--backend", "reference",
                "--json", plain.toString()).exitCode());
        CommandRun e = CommandRun.of("denoise-eval", "--checkpoint", ckpt, "--images", dir.resolve("val").toString(), "--backend", "reference",
                "--self-ensemble", "--json", ens.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(e.out().contains("self-ensemble x8"), e.out());
        JsonNode p = new ObjectMapper().readTree(plain.toFile()), q = new ObjectMapper().readTree(ens.toFile());
        assertFalse(p.get("self_ensemble").asBoolean());
        assertTrue(q.get("self_ensemble").asBoolean());
        assertEquals(p.get("mean_psnr_noisy").asDouble(), q.get("mean_psnr_noisy").asDouble(), 1e-12, "the same noise draw");
        double full = q.get("mean_psnr_full").asDouble();
        assertNotEquals(p.get("mean_psnr_full").asDouble(), full, 1e-6, "the ensemble changes the estimate");
        assertTrue(full > 5 && full < 60, "PSNR " + full);

        CommandRun d = CommandRun.of("denoise-image", "--checkpoint", ckpt, "--backend", "reference", "--self-ensemble",
                dir.resolve("val/c.png").toString(), dir.resolve("se.png").toString());
        assertEquals(0, d.exitCode(), d.err());
        assertTrue(d.out().contains("(self-ensemble x8)"), d.out());
        BufferedImage di = ImageIO.read(dir.resolve("se.png").toFile());
        assertEquals(42, di.getWidth());
        assertEquals(34, di.getHeight());
    }
}
