package io.cnn4j.tck;

import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.AvgPool2d;
import io.cnn4j.nn.Context;
import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.LeakyReLU;
import io.cnn4j.nn.Linear;
import io.cnn4j.nn.MaxPool2d;
import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.nn.ReLU;
import io.cnn4j.nn.Sigmoid;
import io.cnn4j.nn.Tanh;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link GoldenCase} with the real cnn4j layers on a backend: builds the layer from the case parameters,
 * copies the case's {@code weight}/{@code bias} in, runs {@code forward(x)} and {@code backward(dy)} (for
 * {@code mse_loss}: forward(x, target) and backward), and compares {@code y}, {@code dx}, {@code dweight},
 * {@code dbias}, {@code dtarget} with the golden values: every element must satisfy
 * {@code |a − ref| ≤ 1e-5 · max(1, |ref|)}. A FLOAT64 run converts the float32 inputs exactly and uses the same
 * bound against the float32 golden data.
 *
 * <p>{@link #run} never throws for a failing case: the failure is in the returned {@link GoldenResult}.
 */
public final class GoldenCaseRunner {
    private GoldenCaseRunner() {}

    /** Golden tensor names compared when present in the case. */
    public static final List<String> OUTPUTS = List.of("y", "dx", "dweight", "dbias", "dtarget");

    /** Runs {@code c} on {@code backend} in {@code dtype}. */
    public static GoldenResult run(GoldenCase c, Backend backend, DType dtype) {
        try {
            Map<String, Tensor> got = compute(c, backend, dtype);
            List<GoldenResult.TensorError> errors = new ArrayList<>();
            for (String name : OUTPUTS) {
                if (!c.has(name)) continue;
                Tensor t = got.get(name);
                if (t == null) return new GoldenResult(c.id(), c.op(), backend.name(), dtype, List.of(), "golden '" + name + "' has no computed counterpart");
                errors.add(error(c, name, t, c.tensor(name)));
            }
            if (errors.isEmpty()) return new GoldenResult(c.id(), c.op(), backend.name(), dtype, List.of(), "no golden outputs (y, dx, ...) in the file");
            return new GoldenResult(c.id(), c.op(), backend.name(), dtype, errors, null);
        } catch (RuntimeException e) {
            return new GoldenResult(c.id(), c.op(), backend.name(), dtype, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static GoldenResult.TensorError error(GoldenCase c, String name, Tensor actual, HostTensor golden) {
        if (!Arrays.equals(actual.shape(), golden.shape()))
            throw new IllegalStateException(name + " has shape " + Arrays.toString(actual.shape()) + ", golden " + Arrays.toString(golden.shape()));
        double[] a = actual.toDoubleArray(), r = golden.data();
        double maxAbs = 0, maxRel = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - r[i]);
            if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
            maxAbs = Math.max(maxAbs, d);
            maxRel = Math.max(maxRel, d / Math.max(1, Math.abs(r[i])));
        }
        return new GoldenResult.TensorError(name, maxAbs, maxRel);
    }

    /** The computed counterparts of the golden outputs. */
    static Map<String, Tensor> compute(GoldenCase c, Backend b, DType dtype) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Tensor x = c.tensor("x").toTensor(b, dtype);
        if (c.op().equals("mse_loss")) {
            MSELoss loss = new MSELoss(c.metadata().getOrDefault("reduction", "mean"));
            out.put("y", loss.forward(x, c.tensor("target").toTensor(b, dtype)));
            out.put("dx", loss.backward());
            out.put("dtarget", loss.targetGrad());
            return out;
        }
        Module m = layer(c, Context.of(b, dtype, 0));
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        for (String k : m.stateDict().keySet()) weights.put(k, c.tensor(k));
        for (String k : List.of("weight", "bias"))
            if (c.has(k) && !weights.containsKey(k))
                throw new IllegalArgumentException("the case has '" + k + "' but " + m + " has no such parameter");
        Checkpoint.copyInto(m.stateDict(), weights, m.toString());
        Tensor y = m.forward(x);
        out.put("y", y);
        if (c.has("dy")) {
            out.put("dx", m.backward(c.tensor("dy").toTensor(b, dtype)));
            Map<String, Parameter> ps = m.namedParameters();
            if (ps.containsKey("weight")) out.put("dweight", ps.get("weight").grad());
            if (ps.containsKey("bias")) out.put("dbias", ps.get("bias").grad());
        }
        return out;
    }

    /** The layer a case describes, with parameter shapes taken from its weight tensor. */
    static Module layer(GoldenCase c, Context ctx) {
        int[] one = {1, 1}, zero = {0, 0};
        switch (c.op()) {
            case "conv2d": {
                int[] w = c.tensor("weight").shape();
                return new Conv2d(ctx, w[1], w[0], new int[] {w[2], w[3]}, c.pair("stride", one), c.pair("padding", zero),
                        c.pair("dilation", one), c.has("bias"));
            }
            case "conv_transpose2d": {
                int[] w = c.tensor("weight").shape();
                return new ConvTranspose2d(ctx, w[0], w[1], new int[] {w[2], w[3]}, c.pair("stride", one), c.pair("padding", zero),
                        c.pair("output_padding", zero), c.pair("dilation", one), c.has("bias"));
            }
            case "max_pool2d": {
                int[] k = c.pair("kernel", null);
                return new MaxPool2d(k, c.pair("stride", k), c.pair("padding", zero), c.pair("dilation", one));
            }
            case "avg_pool2d": {
                int[] k = c.pair("kernel", null);
                return new AvgPool2d(k, c.pair("stride", k), c.pair("padding", zero), c.flag("count_include_pad", true));
            }
            case "linear": {
                int[] w = c.tensor("weight").shape();
                return new Linear(ctx, w[1], w[0], c.has("bias"));
            }
            case "relu": return new ReLU();
            case "leaky_relu": return new LeakyReLU(Double.parseDouble(c.metadata().getOrDefault("negative_slope", "0.01")));
            case "sigmoid": return new Sigmoid();
            case "tanh": return new Tanh();
            default:
                throw new IllegalArgumentException("unsupported op '" + c.op() + "' (supported: conv2d, conv_transpose2d, max_pool2d, avg_pool2d, "
                        + "linear, relu, leaky_relu, sigmoid, tanh, mse_loss)");
        }
    }
}
