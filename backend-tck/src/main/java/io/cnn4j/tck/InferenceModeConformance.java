package io.cnn4j.tck;

import io.cnn4j.nn.AdaptiveAvgPool2d;
import io.cnn4j.nn.AdaptiveMaxPool2d;
import io.cnn4j.nn.BatchNorm2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.Dropout;
import io.cnn4j.nn.Flatten;
import io.cnn4j.nn.GELU;
import io.cnn4j.nn.Graph;
import io.cnn4j.nn.GroupNorm;
import io.cnn4j.nn.InferenceMode;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.LogSoftmax;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.Merge;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sequential;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@link InferenceMode} on the backend under test, in both dtypes, with a graph that exercises every kind of
 * forward cache (convolution input, BatchNorm statistics, merge inputs, dropout mask, pooling argmax, size-dependent
 * adaptive pooling helpers, Sequential and nested Graph):
 * <ul>
 *   <li>several threads running inference on one eval-mode model, each with its own inputs, get the results of a
 *       single-threaded forward;</li>
 *   <li>an inference forward leaves every backward cache as it was: a backward after it still belongs to the last
 *       recorded forward and gives its gradients;</li>
 *   <li>a backward after inference-only forwards fails with an {@link IllegalStateException} naming InferenceMode.</li>
 * </ul>
 * "The same" is bit-identical on the reference backend, which is deterministic; a backend whose own results vary
 * from run to run in the last bits (nd4j picks convolution algorithms by timing and splits reductions over threads)
 * is held to the SPI's tolerance instead: normwise relative error ≤ 1e-5 (FLOAT32) / ≤ 1e-12 (FLOAT64).
 */
public interface InferenceModeConformance extends BackendUnderTest {
    int THREADS = 4, INPUTS = 6, ROUNDS = 3;

    /** stem → ReLU → residual/gated/concatenating block → GroupNorm → Dropout → MaxPool → adaptive pools → head. */
    static Module model(Backend b, DType dtype) {
        Context ctx = Context.of(b, dtype, 31);
        Graph block = new Graph()
                .add("conv", new Conv2d(ctx, 4, 4, 3, 1, 1), Graph.INPUT)
                .add("bn", new BatchNorm2d(ctx, 4), "conv")
                .add("gelu", new GELU(), "bn")
                .add("sum", Merge.add(), "gelu", Graph.INPUT)
                .add("gate", new Sigmoid(), "sum")
                .add("mul", Merge.mul(), "sum", "gate")
                .add("cat", Merge.cat(), "mul", Graph.INPUT)
                .output("cat");
        return new Graph()
                .add("stem", new Conv2d(ctx, 2, 4, 3, 1, 1), Graph.INPUT)
                .add("relu", new ReLU(), "stem")
                .add("block", block, "relu")
                .add("norm", new GroupNorm(ctx, 2, 8), "block")
                .add("drop", new Dropout(ctx, 0.3), "norm")
                .add("max", new MaxPool2d(new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}), "drop")
                .add("amax", new AdaptiveMaxPool2d(new int[]{5, 3}), "max")
                .add("head", new Sequential(new AdaptiveAvgPool2d(new int[]{2, 2}), new Flatten(), new Linear(ctx, 32, 3), new LogSoftmax(1)), "amax")
                .output("head");
    }

    /** Bit-identical on the reference backend, within the SPI tolerance elsewhere. */
    private boolean same(DType dtype, double[] actual, double[] expected) {
        if (isReferenceItself()) return Arrays.equals(actual, expected);
        return actual.length == expected.length && Closeness.relativeError(actual, expected) <= Closeness.tolerance(dtype);
    }

    private static Tensor input(Backend b, DType dtype, int i) { return b.uniform(dtype, 100 + i, -1, 1, 2, 2, 8 + i % 2, 7); }

    /** A model in eval mode whose BatchNorm running statistics were moved by two recorded training forwards. */
    private static Module trainedThenEval(Backend b, DType dtype) {
        Module m = model(b, dtype);
        for (int i = 0; i < 2; i++) m.forward(input(b, dtype, 40 + i));
        return m.eval();
    }

    @Test
    default void concurrentInferenceMatchesSingleThreadedResults() throws Exception {
        Backend b = backendUnderTest();
        for (DType dtype : DType.values()) {
            Module m = trainedThenEval(b, dtype);
            double[][] expected = new double[INPUTS][];
            for (int i = 0; i < INPUTS; i++) expected[i] = m.forward(input(b, dtype, i)).toDoubleArray();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        try (InferenceMode mode = InferenceMode.enter()) {
                            for (int r = 0; r < ROUNDS; r++)
                                for (int k = 0; k < INPUTS; k++) {
                                    int i = (k + thread + r) % INPUTS;
                                    double[] y = m.forward(input(b, dtype, i)).toDoubleArray();
                                    if (!same(dtype, y, expected[i]))
                                        return "thread " + thread + ", round " + r + ", input " + i + ": " + Arrays.toString(y)
                                                + " differs from the single-threaded " + Arrays.toString(expected[i]);
                                }
                        }
                        return null;
                    }));
                }
                for (Future<String> f : results) {
                    String failure = f.get();
                    if (failure != null) throw new AssertionError(b.name() + " " + dtype + ": " + failure);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    default void inferenceForwardLeavesTheBackwardCacheAlone() {
        Backend b = backendUnderTest();
        for (DType dtype : DType.values()) {
            Module recorded = trainedThenEval(b, dtype), mixed = trainedThenEval(b, dtype);
            Tensor x = input(b, dtype, 0);
            Tensor dY = b.uniform(dtype, 7, -1, 1, 2, 3);
            recorded.zeroGrad();
            recorded.forward(x);
            double[] dx = recorded.backward(dY).toDoubleArray();

            mixed.zeroGrad();
            mixed.forward(x);
            try (InferenceMode mode = InferenceMode.enter()) {
                mixed.forward(input(b, dtype, 1));                    // another input size: 9 rows instead of 8
            }
            double[] dxMixed = mixed.backward(dY).toDoubleArray();
            if (!same(dtype, dxMixed, dx))
                throw new AssertionError(b.name() + " " + dtype + ": an inference forward changed the input gradient of the recorded forward");
            for (var e : recorded.namedParameters().entrySet()) {
                Parameter other = mixed.namedParameters().get(e.getKey());
                if (!same(dtype, other.grad().toDoubleArray(), e.getValue().grad().toDoubleArray()))
                    throw new AssertionError(b.name() + " " + dtype + ": an inference forward changed the gradient of " + e.getKey());
            }
        }
    }

    @Test
    default void backwardAfterInferenceOnlyFailsClearly() {
        Backend b = backendUnderTest();
        for (DType dtype : DType.values()) {
            Module m = model(b, dtype).eval();
            try (InferenceMode mode = InferenceMode.enter()) {
                if (!InferenceMode.isEnabled()) throw new AssertionError("InferenceMode.isEnabled() is false inside the scope");
                m.forward(input(b, dtype, 0));
            }
            if (InferenceMode.isEnabled()) throw new AssertionError("InferenceMode.isEnabled() is true after the scope closed");
            try {
                m.backward(b.uniform(dtype, 7, -1, 1, 2, 3));
                throw new AssertionError(b.name() + " " + dtype + ": backward after an inference-only forward did not fail");
            } catch (IllegalStateException e) {
                String msg = e.getMessage();
                if (msg == null || !msg.contains("InferenceMode") || msg.contains("\n"))
                    throw new AssertionError("expected one line naming InferenceMode, got: " + msg);
            }
        }
    }
}
