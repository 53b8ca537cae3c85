package io.cnn4j.examples.readme;

import io.cnn4j.backend.Backends;
import io.cnn4j.io.Checkpoint;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.optim.Adam;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the training step shown in README.md ("Use it from Maven"), so the README cannot drift from the API; DocSnippetsCompileTest compiles it as written. */
class ReadmeExampleTest {

    @Test
    void readmeTrainingStepLearnsAndCheckpointRoundTrips(@TempDir Path dir) throws Exception {
        Backend backend = Backends.select("reference");
        Context ctx = Context.of(backend, DType.FLOAT32, 42);
        Sequential net = new Sequential(
                new Conv2d(ctx, 3, 16, 3, 1, 1), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(ctx, 16 * 16 * 16, 10));
        CrossEntropyLoss loss = new CrossEntropyLoss();
        Adam opt = new Adam(net.namedParameters(), 1e-3);
        Tensor x = backend.normal(DType.FLOAT32, 7, 0, 1, 4, 3, 32, 32);
        int[] labels = {1, 3, 5, 7};

        double first = Double.NaN, last = Double.NaN;
        for (int i = 0; i < 20; i++) {
            try (MemoryScope step = backend.scope()) {
                opt.zeroGrad();
                Tensor logits = net.forward(x);
                double l = loss.forward(logits, labels).item();
                net.backward(loss.backward());
                opt.step();
                if (i == 0) first = l;
                last = l;
            }
        }
        assertTrue(last < 0.5 * first, "20 Adam steps on 4 fixed images should halve the loss: " + first + " -> " + last);

        Path file = dir.resolve("model.safetensors");
        Checkpoint.save(net, file);
        Sequential copy = new Sequential(
                new Conv2d(Context.of(backend, DType.FLOAT32, 1), 3, 16, 3, 1, 1), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(Context.of(backend, DType.FLOAT32, 1), 16 * 16 * 16, 10));
        Checkpoint.load(copy, file);
        for (Map.Entry<String, Tensor> e : net.stateDict().entrySet())
            assertArrayEquals(e.getValue().toFloatArray(), copy.stateDict().get(e.getKey()).toFloatArray(), 0f, e.getKey());
        assertArrayEquals(net.forward(x).toFloatArray(), copy.forward(x).toFloatArray(), 0f);
    }
}
