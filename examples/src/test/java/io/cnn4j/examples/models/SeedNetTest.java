package io.cnn4j.examples.models;

import io.cnn4j.backend.Backends;
import io.cnn4j.nn.Context;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SeedNetTest {
    private final Backend be = Backends.select("reference");

    @Test
    void stateDictNamesAndShapesMatchThePyTorchSequential() {
        SeedNet net = new SeedNet(Context.of(be, DType.FLOAT32, 7));
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> shapes.put(k, java.util.Arrays.stream(v.shape()).boxed().toList()));
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("0.weight", List.of(64, 3, 2, 2));
        expected.put("0.bias", List.of(64));
        expected.put("2.weight", List.of(256, 64, 2, 2));
        expected.put("2.bias", List.of(256));
        expected.put("4.weight", List.of(256, 64, 2, 2)); // ConvTranspose2d layout [in, out, kh, kw]
        expected.put("4.bias", List.of(64));
        expected.put("6.weight", List.of(64, 3, 2, 2));
        expected.put("6.bias", List.of(3));
        assertEquals(expected, shapes);
        assertEquals(132_995, net.parameters().stream().mapToLong(p -> p.value().numel()).sum());
    }

    @Test
    void mapsImagesToImagesOfTheSameSizeInZeroOne() {
        SeedNet net = new SeedNet(Context.of(be, DType.FLOAT64, 7));
        Tensor x = be.uniform(DType.FLOAT64, 3, 0, 1, 2, 3, 32, 32);
        Tensor y = net.forward(x);
        assertArrayEquals(new int[]{2, 3, 32, 32}, y.shape());
        for (double v : y.toDoubleArray()) assertTrue(v > 0 && v < 1, "sigmoid output out of (0,1): " + v);
    }

    @Test
    void sameSeedSameWeights() {
        double[] a = new SeedNet(Context.of(be, DType.FLOAT64, 11)).stateDict().get("2.weight").toDoubleArray();
        double[] b = new SeedNet(Context.of(be, DType.FLOAT64, 11)).stateDict().get("2.weight").toDoubleArray();
        double[] c = new SeedNet(Context.of(be, DType.FLOAT64, 12)).stateDict().get("2.weight").toDoubleArray();
        assertArrayEquals(a, b, 0.0);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void registryKnowsSeedAndRejectsUnknownNames() {
        assertEquals("seed", ModelRegistry.get(" SEED ").name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelRegistry.get("vgg"));
        assertEquals("unknown model 'vgg'; known models: seed, unet, wide-unet", e.getMessage());
    }

    @Test
    void syntheticBatchTrainsDownhill() {
        ModelSpec spec = ModelRegistry.get("seed");
        var net = spec.create(Context.of(be, DType.FLOAT64, 5));
        SyntheticBatch batch = spec.syntheticBatch(be, DType.FLOAT64, 4, 9);
        var opt = new io.cnn4j.optim.SGD(net.namedParameters(), 0.5);
        var step = new io.cnn4j.optim.TrainingStep<>(net, new io.cnn4j.loss.MSELoss(), opt, null);
        double first = Double.NaN, last = Double.NaN;
        for (int i = 0; i < 5; i++) {
            double l = step.run(be, batch::input, batch.target());
            if (i == 0) first = l;
            last = l;
        }
        assertTrue(last < first, "loss should decrease on a fixed batch: " + first + " -> " + last);
    }
}
