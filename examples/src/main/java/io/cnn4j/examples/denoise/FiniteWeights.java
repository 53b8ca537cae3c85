package io.cnn4j.examples.denoise;

import io.cnn4j.io.HostTensor;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Tensor;

import java.util.Map;
import java.util.Optional;

/**
 * Finds NaN or infinite values in weights. The library loads such checkpoints as they are (as PyTorch does); the
 * commands refuse to evaluate, resume from or save them, because every result computed from them is meaningless.
 */
public final class FiniteWeights {
    private FiniteWeights() {}

    /** The first tensor (in map order) holding a non-finite value, as {@code "name" (value at index i)}, if any. */
    public static Optional<String> firstNonFinite(Map<String, HostTensor> tensors) {
        for (Map.Entry<String, HostTensor> e : tensors.entrySet()) {
            Optional<String> bad = check(e.getKey(), e.getValue().data());
            if (bad.isPresent()) return bad;
        }
        return Optional.empty();
    }

    /** As {@link #firstNonFinite(Map)} over a module's state dict (copied to the host). */
    public static Optional<String> firstNonFinite(Module model) {
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            Optional<String> bad = check(e.getKey(), e.getValue().toDoubleArray());
            if (bad.isPresent()) return bad;
        }
        return Optional.empty();
    }

    private static Optional<String> check(String name, double[] d) {
        for (int i = 0; i < d.length; i++)
            if (!Double.isFinite(d[i])) return Optional.of("'" + name + "' (" + d[i] + " at index " + i + ")");
        return Optional.empty();
    }
}
