package io.cnn4j.examples.models;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.examples.denoise.DenoiserCheckpoint;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.io.SafeTensorsFile;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Weights move both ways between PyTorch and cnn4j. The files in test resources {@code pytorch/} were written by
 * {@code tools/pytorch/cnn4j_interop.py make} (PyTorch 1.13): a state_dict and an input with PyTorch's output.
 * The {@code cnn4j-*.safetensors} files were written by {@link #writeCnn4jFiles} and checked in PyTorch with
 * {@code cnn4j_interop.py check} (strict load_state_dict, output within 1e-5; log in tools/pytorch/README.md).
 */
class PyTorchInteropTest {
    final Backend b = new ReferenceBackend();

    static Path resource(String name) throws URISyntaxException {
        return Path.of(PyTorchInteropTest.class.getResource("/pytorch/" + name).toURI());
    }

    static double relError(float[] a, double[] ref) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ref[i]) * (a[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }

    double runIo(Module m, Path io) throws IOException {
        SafeTensorsFile f = SafeTensors.read(io);
        Tensor x = f.tensor("input").toTensor(b, DType.FLOAT32);
        float[] y = m.eval().forward(x).toFloatArray();
        return relError(y, f.tensor("output").data());
    }

    @Test
    void pytorchUNetLoadsAndGivesPyTorchsOutput() throws Exception {
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 99), 4);
        Checkpoint.load(net, resource("unet-w4.safetensors"));
        double rel = runIo(net, resource("unet-w4-io.safetensors"));
        assertTrue(rel <= 1e-5, "relative error " + rel);
    }

    @Test
    void pytorchWideUNetLoadsAndGivesPyTorchsOutput() throws Exception {
        WideUNet net = new WideUNet(Context.of(b, DType.FLOAT32, 99), 4);
        Checkpoint.load(net, resource("wide-unet-w4.safetensors"));
        double rel = runIo(net, resource("wide-unet-w4-io.safetensors"));
        assertTrue(rel <= 1e-5, "relative error " + rel);
    }

    @Test
    void pytorchSeedNetLoadsThroughTheDenoiserCheckpointLoader() throws Exception {
        DenoiserCheckpoint.Loaded m = DenoiserCheckpoint.load(resource("seed.safetensors"), null, b);
        assertEquals("seed", m.modelName());
        double rel = runIo(m.model(), resource("seed-io.safetensors"));
        assertTrue(rel <= 1e-5, "relative error " + rel);
    }

    @Test
    void stateDictNamesShapesAndOrderMatchPyTorch() throws Exception {
        for (String[] c : new String[][]{{"unet-w4.safetensors", "unet4"}, {"seed.safetensors", "seed"}, {"wide-unet-w4.safetensors", "wide4"}}) {
            SafeTensorsFile torch = SafeTensors.read(resource(c[0]));
            Module mine = switch (c[1]) {
                case "seed" -> new SeedNet(Context.of(b, DType.FLOAT32, 0));
                case "wide4" -> new WideUNet(Context.of(b, DType.FLOAT32, 0), 4);
                default -> new UNet(Context.of(b, DType.FLOAT32, 0), 4);
            };
            List<String> torchKeys = new ArrayList<>(torch.tensors().keySet()), myKeys = new ArrayList<>(mine.stateDict().keySet());
            assertEquals(torchKeys, myKeys, c[1] + ": state_dict keys (and order)");
            for (Map.Entry<String, Tensor> e : mine.stateDict().entrySet())
                assertArrayEquals(torch.tensor(e.getKey()).shape(), e.getValue().shape(), c[1] + " " + e.getKey());
        }
    }

    @Test
    void committedCnn4jFilesAreConsistent() throws Exception {
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 5), 4);
        Checkpoint.load(net, resource("cnn4j-unet-w4.safetensors"));
        assertTrue(runIo(net, resource("cnn4j-unet-w4-io.safetensors")) <= 1e-6);
        assertEquals("cnn4j", SafeTensors.read(resource("cnn4j-unet-w4.safetensors")).metadata().get("producer"));
    }

    /** Writes a cnn4j UNet(width 4) checkpoint and an input/output pair for the PyTorch check. */
    static void writeCnn4jFiles(Backend b, Path dir) throws IOException {
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 2024), 4);
        Files.createDirectories(dir);
        Checkpoint.save(net, dir.resolve("cnn4j-unet-w4.safetensors"), Map.of("model", "unet", "producer", "cnn4j"));
        Tensor x = b.uniform(DType.FLOAT32, 7, -0.1, 1.1, 2, 3, 12, 16);
        Map<String, Tensor> io = new LinkedHashMap<>();
        io.put("input", x);
        io.put("output", net.eval().forward(x));
        Checkpoint.saveTensors(dir.resolve("cnn4j-unet-w4-io.safetensors"), io, Map.of("model", "unet-w4"));
    }

    @Test
    void freshlyWrittenCnn4jFilesRoundTrip() throws Exception {
        Path dir = Path.of("target", "interop");
        writeCnn4jFiles(b, dir);
        SafeTensorsFile f = SafeTensors.read(dir.resolve("cnn4j-unet-w4.safetensors"));
        for (HostTensor t : f.tensors().values()) assertEquals(DType.FLOAT32, t.dtype());
        UNet net = new UNet(Context.of(b, DType.FLOAT32, 1), 4);
        Checkpoint.load(net, dir.resolve("cnn4j-unet-w4.safetensors"));
        assertEquals(0.0, runIo(net, dir.resolve("cnn4j-unet-w4-io.safetensors")), 1e-7);
    }
}
