package io.cnn4j.examples.denoise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.examples.data.ImageLoader;
import io.cnn4j.examples.data.ImageSet;
import io.cnn4j.examples.data.RgbImage;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The training options of {@code cnn4j denoise}: {@code --momentum} (SGD checked against PyTorch's update rule, in
 * float64 on the reference backend), {@code --minutes} and {@code --augment}, run end to end on tiny photos.
 */
class TrainingOptionsTest {
    @TempDir Path dir;
    final Backend backend = new ReferenceBackend();

    @BeforeEach
    void data() throws IOException { TinyImages.dataset(dir); }

    private String[] run(Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(),
                "--crop", "8", "--batch", "4", "--backend", "reference", "--quiet", "--eval-every", "0", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    /** Initial weights and the gradient of each step's batch, recomputed outside the CLI for the same configuration. */
    private Map<String, double[]> weights(Module m) {
        Map<String, double[]> w = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> w.put(k, p.value().toDoubleArray()));
        return w;
    }

    private Map<String, double[]> gradient(DenoiseGradient g, Module m, long step) {
        m.namedParameters().values().forEach(p -> backend.fill(p.grad(), 0.0));
        g.accumulate(m, backend, step, 0, g.batch());
        Map<String, double[]> out = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, p.grad().toDoubleArray()));
        return out;
    }

    private static void setWeights(Module m, Map<String, double[]> w) {
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet())
            e.getValue().value().backend().copy(e.getValue().value().backend().fromArray(w.get(e.getKey()), e.getValue().value().shape()), e.getValue().value());
    }

    private List<RgbImage> train() { return ImageSet.fromDirectory(dir.resolve("train"), ImageLoader.DEFAULT_MAX_PIXELS); }

    @Test
    void momentumZeroIsPlainSgdAndMomentumFollowsPyTorchsRule() throws IOException {
        double lr = 0.3, mu = 0.9;
        for (double momentum : new double[]{0.0, mu}) {
            Path out = dir.resolve("sgd" + momentum);
            CommandRun r = CommandRun.of("denoise", run(out, "--model", "seed", "--optimizer", "sgd", "--momentum", Double.toString(momentum),
                    "--lr", Double.toString(lr), "--schedule", "constant", "--steps", "2", "--augment", "none", "--dtype", "f64"));
            assertEquals(0, r.exitCode(), r.err());

            // PyTorch's torch.optim.SGD (dampening 0, no Nesterov, no weight decay): with momentum 0, w <- w - lr*g;
            // else buf_1 = g_1, buf_t = mu*buf_{t-1} + g_t, w <- w - lr*buf_t.
            DenoiseConfig c = new DenoiseConfig("seed", 2, 4, 8, lr, "sgd", momentum, "constant", 25 / 255.0, false,
                    DenoiseConfig.NO_AUGMENT, 0, DType.FLOAT64).validate();
            DenoiseGradient g = new DenoiseGradient(c, dir.resolve("train"), "reference", train());
            Module m = g.createModel(backend);
            Map<String, double[]> w = weights(m), buf = new LinkedHashMap<>();
            for (long step = 0; step < 2; step++) {
                setWeights(m, w);
                Map<String, double[]> grad = gradient(g, m, step);
                for (String k : w.keySet()) {
                    double[] wk = w.get(k), gk = grad.get(k);
                    double[] b = buf.computeIfAbsent(k, x -> new double[gk.length]);
                    for (int i = 0; i < wk.length; i++) {
                        b[i] = momentum == 0 ? gk[i] : step == 0 ? gk[i] : momentum * b[i] + gk[i];
                        wk[i] -= lr * b[i];
                    }
                }
            }
            SafeTensorsFile saved = SafeTensors.read(out.resolve("model.safetensors"));
            for (String k : w.keySet()) {
                double[] want = w.get(k), got = saved.tensor(k).data();
                for (int i = 0; i < want.length; i++)
                    assertEquals(want[i], got[i], 1e-12 * Math.max(1, Math.abs(want[i])), k + "[" + i + "] with momentum " + momentum);
            }
            SafeTensorsFile state = SafeTensors.read(out.resolve("train-state.safetensors"));
            assertEquals(Double.toString(momentum), state.metadata().get("momentum"));
            assertEquals(momentum != 0, state.has("optim.0.weight.momentum_buffer"),
                    "plain SGD keeps no momentum buffer, as PyTorch's: " + state.tensors().keySet());
        }
    }

    @Test
    void momentumIsRefusedForAdamAndOutOfRange() {
        CommandRun adam = CommandRun.of("denoise", run(dir.resolve("x"), "--momentum", "0.9"));
        assertEquals(2, adam.exitCode());
        assertTrue(adam.err().contains("--momentum applies to --optimizer sgd"), adam.err());
        CommandRun big = CommandRun.of("denoise", run(dir.resolve("y"), "--optimizer", "sgd", "--momentum", "1.5"));
        assertEquals(2, big.exitCode());
        assertTrue(big.err().contains("--momentum must be in [0, 1)"), big.err());
    }

    @Test
    void minutesFixesTheStepsFromTheMeasuredSpeedAndRecordsThem() throws IOException {
        // A budget far below the calibration's own time: the run stops right after the 40 measured steps.
        Path out = dir.resolve("budget");
        CommandRun r = CommandRun.of("denoise", run(out, "--model", "seed", "--minutes", "0.0001"));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(TimeBudget.CALIBRATION_STEPS, m.get("steps").asInt());
        assertEquals(Integer.toString(TimeBudget.CALIBRATION_STEPS), m.get("config").get("steps").asText());
        SafeTensorsFile state = SafeTensors.read(out.resolve("train-state.safetensors"));
        assertEquals(Integer.toString(TimeBudget.CALIBRATION_STEPS), state.metadata().get("steps"));

        CommandRun both = CommandRun.of("denoise", run(dir.resolve("both"), "--minutes", "1", "--steps", "10"));
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("either --steps or --minutes"), both.err());
        CommandRun negative = CommandRun.of("denoise", run(dir.resolve("neg"), "--minutes", "-3"));
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--minutes must be a positive number"), negative.err());
    }

    @Test
    void timeBudgetGivesTheStepsThatFitAfterCalibration() {
        TimeBudget b = new TimeBudget(1.0);   // 60 s
        double t = 0;
        for (int step = 1; step <= TimeBudget.CALIBRATION_STEPS; step++) {
            t += step <= TimeBudget.WARMUP_STEPS ? 1.0 : 0.5;      // slow first steps (implementation trials), then 0.5 s
            int total = b.observe(step, t);
            if (step < TimeBudget.CALIBRATION_STEPS) assertEquals(-1, total);
            else assertEquals(TimeBudget.CALIBRATION_STEPS + (int) Math.floor((60 - t) / 0.5), total);   // 25 s used, 70 more steps
        }
    }

    @Test
    void timeBudgetMeasuresTheSpeedAgainOnceTheRunHasSettled() {
        TimeBudget b = new TimeBudget(10.0);   // 600 s; measured again after 5 % = 30 s and 30 steps since step 40
        double t = 0;
        int first = -1, second = -1;
        for (int step = 1; step <= 200; step++) {
            t += step <= TimeBudget.CALIBRATION_STEPS ? 0.5 : 0.25;  // the calibration window is slower than the run
            int total = b.observe(step, t);
            if (step == TimeBudget.CALIBRATION_STEPS) first = total;
            else if (total != -1) {
                assertEquals(-1, second, "the length is set a second time only once");
                assertEquals(80, step);                                  // 20 s + 40 steps of 0.25 s = 30 s, 5 % of 600 s
                second = total;
            }
        }
        assertEquals(40 + (int) Math.floor((600 - 20) / 0.5), first);      // 1,200 steps from 0.5 s per step
        assertEquals(80 + (int) Math.floor((600 - 30) / 0.25), second);    // 2,360 from 0.25 s per step
        assertTrue(b.remeasured());

        TimeBudget over = new TimeBudget(0.5);   // 30 s, already spent when measured again: ends where it is
        double u = 0;
        int last = -1;
        for (int step = 1; step <= 70; step++) {
            u += 1.0;
            int total = over.observe(step, u);
            if (total != -1) last = total;
        }
        assertEquals(70, last);
    }

    @Test
    void augmentationIsRecordedAndAResumedRunKeepsIt() throws IOException {
        Path out = dir.resolve("aug");
        CommandRun r = CommandRun.of("denoise", run(out, "--steps", "2", "--stop-after", "1", "--augment", "dihedral"));
        assertEquals(0, r.exitCode(), r.err());
        SafeTensorsFile state = SafeTensors.read(out.resolve("train-state.safetensors"));
        assertEquals("dihedral", state.metadata().get("augment"));
        CommandRun other = CommandRun.of("denoise", "--resume", out.resolve("train-state.safetensors").toString(), "--augment", "none",
                "--train", dir.resolve("train").toString(), "--val", dir.resolve("val").toString(), "--backend", "reference", "--quiet", "--out", out.toString());
        assertEquals(2, other.exitCode());
        assertTrue(other.err().contains("--augment none differs from the resumed run's dihedral"), other.err());
        CommandRun unknown = CommandRun.of("denoise", run(dir.resolve("u"), "--augment", "mixup"));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown --augment 'mixup'"), unknown.err());
    }
}
