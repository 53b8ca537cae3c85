package io.cnn4j.tck;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.io.SafeTensors;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checkpoints of real layer stacks: PyTorch state_dict names, exact round trip, dtype conversion, no partial load. */
class CheckpointWithLayersTest {

    private final Backend b = new ReferenceBackend();

    private Sequential model(DType dt, long seed) {
        Context ctx = Context.of(b, dt, seed);
        return new Sequential(new Conv2d(ctx, 3, 4, 3, 1, 1), new BatchNorm2d(ctx, 4), new ReLU(), new Flatten(), new Linear(ctx, 4 * 5 * 5, 3));
    }

    @Test
    void roundTripRestoresOutputsExactlyIncludingBatchNormStatistics(@TempDir Path dir) throws IOException {
        Sequential a = model(DType.FLOAT32, 1);
        a.forward(b.uniform(DType.FLOAT32, 9, -1, 1, 2, 3, 5, 5)); // moves the running statistics
        a.eval();
        Path f = dir.resolve("model.safetensors");
        Checkpoint.save(a, f, java.util.Map.of("epoch", "1"));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "4.weight", "4.bias"),
                List.copyOf(SafeTensors.read(f).tensors().keySet()));

        Sequential c = model(DType.FLOAT32, 2);
        c.eval();
        Tensor x = b.uniform(DType.FLOAT32, 10, -1, 1, 2, 3, 5, 5);
        Checkpoint.load(c, f);
        assertArrayEquals(a.forward(x).toDoubleArray(), c.forward(x).toDoubleArray(), 0.0);
    }

    @Test
    void float64CheckpointLoadsIntoFloat32Model(@TempDir Path dir) throws IOException {
        Sequential a = model(DType.FLOAT64, 1);
        Path f = dir.resolve("m64.safetensors");
        Checkpoint.save(a, f);
        Sequential c = model(DType.FLOAT32, 3);
        Checkpoint.load(c, f);
        HostTensor w64 = HostTensor.of(a.stateDict().get("4.weight"));
        Tensor w32 = c.stateDict().get("4.weight");
        assertEquals(DType.FLOAT32, w32.dtype());
        float[] got = w32.toFloatArray();
        for (int i = 0; i < got.length; i++) assertEquals((float) w64.data()[i], got[i], 0.0f);
    }

    @Test
    void otherArchitectureIsRejectedWithEveryDifferenceAndNothingLoaded(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.safetensors");
        Checkpoint.save(model(DType.FLOAT32, 1), f);
        Context ctx = Context.of(b, DType.FLOAT32, 5);
        Sequential other = new Sequential(new Conv2d(ctx, 3, 8, 3, 1, 1), new ReLU(), new Flatten(), new Linear(ctx, 8 * 5 * 5, 3));
        double[] before = other.stateDict().get("0.weight").toDoubleArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(other, f));
        String m = e.getMessage();
        assertTrue(m.contains("0.weight: checkpoint [4, 3, 3, 3] vs expected [8, 3, 3, 3]"), m);
        assertTrue(m.contains("missing keys: [3.weight, 3.bias]"), m);
        assertTrue(m.contains("1.running_mean") && m.contains("unexpected keys"), m);
        assertArrayEquals(before, other.stateDict().get("0.weight").toDoubleArray(), 0.0);
    }
}
