package io.cnn4j.io;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {

    @TempDir
    Path dir;

    private final HostArrayBackend backend = new HostArrayBackend();

    private static Map<String, double[]> values(TinyModule m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
        return out;
    }

    @Test
    void saveLoadRoundTripUsesStateDictNames() throws IOException {
        TinyModule a = new TinyModule(backend, DType.FLOAT32, 4, 1.0);
        TinyModule b = new TinyModule(backend, DType.FLOAT32, 4, -7.0);
        Path f = dir.resolve("m.safetensors");
        Checkpoint.save(a, f, Map.of("epoch", "2"));
        assertEquals(List.of("0.weight", "0.bias", "0.running_mean", "1.weight", "1.bias", "1.running_mean"),
                List.copyOf(SafeTensors.read(f).tensors().keySet()));
        assertEquals(Map.of("epoch", "2"), Checkpoint.load(b, f));
        Map<String, double[]> va = values(a), vb = values(b);
        for (String k : va.keySet()) assertArrayEquals(va.get(k), vb.get(k), 0.0, k);
    }

    @Test
    void pytorchBatchNormStepCountersAreSkipped() throws IOException {
        TinyModule a = new TinyModule(backend, DType.FLOAT32, 4, 1.0);
        Map<String, HostTensor> state = new LinkedHashMap<>();
        a.stateDict().forEach((k, v) -> state.put(k, HostTensor.of(v)));
        state.put("0.num_batches_tracked", new HostTensor(DType.FLOAT64, new int[] {}, new double[] {12}));
        Path f = dir.resolve("torch.safetensors");
        SafeTensors.write(f, state, Map.of("format", "pt"));
        TinyModule b = new TinyModule(backend, DType.FLOAT32, 4, 5.0);
        Checkpoint.load(b, f);
        assertArrayEquals(a.stateDict().get("1.weight").toDoubleArray(), b.stateDict().get("1.weight").toDoubleArray(), 0.0);
    }

    @Test
    void loadConvertsDtypeToTheModules() throws IOException {
        TinyModule f64 = new TinyModule(backend, DType.FLOAT64, 4, 0.1);
        Path f = dir.resolve("m64.safetensors");
        Checkpoint.save(f64, f);
        assertEquals(DType.FLOAT64, SafeTensors.read(f).tensor("0.weight").dtype());
        TinyModule f32 = new TinyModule(backend, DType.FLOAT32, 4, 0.0);
        Checkpoint.load(f32, f);
        Tensor w = f32.stateDict().get("0.weight");
        assertEquals(DType.FLOAT32, w.dtype());
        double[] expected = f64.stateDict().get("0.weight").toDoubleArray();
        double[] got = w.toDoubleArray();
        for (int i = 0; i < got.length; i++) assertEquals((float) expected[i], got[i], 0.0);
    }

    @Test
    void mismatchListsEveryProblemAndLoadsNothing() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Map<String, Tensor> state = new LinkedHashMap<>(new TinyModule(backend, DType.FLOAT32, 5, 3.0).stateDict());
        state.remove("1.bias");
        state.put("2.weight", backend.zeros(DType.FLOAT32, 1));
        Checkpoint.saveTensors(f, state, Map.of());

        TinyModule target = new TinyModule(backend, DType.FLOAT32, 4, 9.0);
        Map<String, double[]> before = values(target);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(target, f));
        String m = e.getMessage();
        assertTrue(m.contains("missing keys: [1.bias]"), m);
        assertTrue(m.contains("unexpected keys: [2.weight]"), m);
        assertTrue(m.contains("0.weight: checkpoint [3, 5] vs expected [3, 4]"), m);
        assertTrue(m.contains("nothing was loaded"), m);
        Map<String, double[]> after = values(target);
        for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), 0.0, "unchanged after failed load: " + k);
    }

    @Test
    void corruptCheckpointLeavesModuleUntouched() throws IOException {
        Path f = dir.resolve("m.safetensors");
        Checkpoint.save(new TinyModule(backend, DType.FLOAT32, 4, 3.0), f);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 1));
        TinyModule target = new TinyModule(backend, DType.FLOAT32, 4, 9.0);
        Map<String, double[]> before = values(target);
        assertThrows(SafeTensorsFormatException.class, () -> Checkpoint.load(target, f));
        Map<String, double[]> after = values(target);
        for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), 0.0, k);
    }

    @Test
    void arbitraryNamedTensorsWithMetadataRoundTrip() throws IOException {
        Path f = dir.resolve("opt.safetensors");
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put("0.weight.exp_avg", backend.fromArray(new double[] {1, 2, 3, 4}, 2, 2));
        state.put("step", backend.fromArray(new float[] {17}));
        Checkpoint.saveTensors(f, state, Map.of("optimizer", "Adam", "lr", "0.001"));
        SafeTensorsFile r = Checkpoint.loadTensors(f);
        assertEquals("Adam", r.metadata().get("optimizer"));
        assertArrayEquals(new double[] {1, 2, 3, 4}, r.tensor("0.weight.exp_avg").data(), 0.0);
        assertEquals(DType.FLOAT32, r.tensor("step").dtype());

        Map<String, Tensor> into = new LinkedHashMap<>();
        into.put("0.weight.exp_avg", backend.zeros(DType.FLOAT32, 2, 2));
        into.put("step", backend.zeros(DType.FLOAT64));
        assertEquals("0.001", Checkpoint.loadInto(into, f, "optimizer Adam").get("lr"));
        assertArrayEquals(new double[] {1, 2, 3, 4}, into.get("0.weight.exp_avg").toDoubleArray(), 0.0);
        assertEquals(17.0, into.get("step").item(), 0.0);
    }
}
