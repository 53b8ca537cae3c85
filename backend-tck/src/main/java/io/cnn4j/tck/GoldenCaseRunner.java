package io.cnn4j.tck;

import io.cnn4j.io.Checkpoint;
import io.cnn4j.io.HostTensor;
import io.cnn4j.loss.BCEWithLogitsLoss;
import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.loss.ElementwiseLoss;
import io.cnn4j.loss.L1Loss;
import io.cnn4j.loss.NLLLoss;
import io.cnn4j.loss.SmoothL1Loss;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.nn.AdaptiveAvgPool2d;
import io.cnn4j.nn.AdaptiveMaxPool2d;
import io.cnn4j.nn.AvgPool2d;
import io.cnn4j.nn.BatchNorm2d;
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
import io.cnn4j.nn.GELU;
import io.cnn4j.nn.GroupNorm;
import io.cnn4j.nn.InstanceNorm2d;
import io.cnn4j.nn.LayerNorm;
import io.cnn4j.nn.LogSoftmax;
import io.cnn4j.nn.SiLU;
import io.cnn4j.nn.Softmax;
import io.cnn4j.nn.Tanh;
import io.cnn4j.nn.Upsample;
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
 * {@code mse_loss}, {@code l1_loss}, {@code smooth_l1_loss}, {@code bce_with_logits_loss} (with its optional
 * {@code weight} and {@code pos_weight}): forward(x, target) and backward; {@code cross_entropy_loss}, {@code nll_loss}: forward(x, target class indices, optional
 * {@code class_weight}) and backward; a loss with {@code reduction=none} is backpropagated from {@code dy}; {@code batch_norm2d} or {@code instance_norm2d} with {@code training=false}: in eval mode), and compares {@code y}, {@code dx},
 * {@code dweight}, {@code dbias}, {@code dtarget} and a BatchNorm's or InstanceNorm's {@code running_mean_after} /
 * {@code running_var_after} with the golden values: every element must satisfy
 * {@code |a − ref| ≤ 1e-5 · max(1, |ref|)}; a NaN matches only a NaN (PyTorch propagates NaN, and so must we). A FLOAT64 run converts the float32 inputs exactly and uses the same
 * bound against the float32 golden data.
 *
 * <p>{@link #run} never throws for a failing case: the failure is in the returned {@link GoldenResult}.
 */
public final class GoldenCaseRunner {
    private GoldenCaseRunner() {}

    /** Golden tensor names compared when present in the case. */
    public static final List<String> OUTPUTS = List.of("y", "dx", "dweight", "dbias", "dtarget", "running_mean_after", "running_var_after");

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
            if (Double.isNaN(a[i]) && Double.isNaN(r[i])) continue;
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
        String reduction = c.metadata().getOrDefault("reduction", "mean");
        Tensor dy = c.has("dy") ? c.tensor("dy").toTensor(b, dtype) : null;
        switch (c.op()) {
            case "l1_loss": case "smooth_l1_loss": case "bce_with_logits_loss": {
                ElementwiseLoss loss = c.op().equals("l1_loss") ? new L1Loss(reduction)
                        : c.op().equals("smooth_l1_loss") ? new SmoothL1Loss(reduction, Double.parseDouble(c.metadata().getOrDefault("beta", "1.0")))
                        : new BCEWithLogitsLoss(c.has("weight") ? c.tensor("weight").toTensor(b, dtype) : null, reduction,
                                c.has("pos_weight") ? c.tensor("pos_weight").toTensor(b, dtype) : null);
                out.put("y", loss.forward(x, c.tensor("target").toTensor(b, dtype)));
                out.put("dx", loss.backward(dy));
                return out;
            }
            case "cross_entropy_loss": case "nll_loss": {
                double[] t = c.tensor("target").data();
                int[] targets = new int[t.length];
                for (int i = 0; i < t.length; i++) targets[i] = (int) t[i];
                double[] weight = c.has("class_weight") ? c.tensor("class_weight").data() : null;
                int ignore = Integer.parseInt(c.metadata().getOrDefault("ignore_index", "-100"));
                if (c.op().equals("nll_loss")) {
                    NLLLoss loss = new NLLLoss(weight, ignore, reduction);
                    out.put("y", loss.forward(x, targets));
                    out.put("dx", loss.backward(dy));
                } else {
                    CrossEntropyLoss loss = new CrossEntropyLoss(weight, ignore, reduction,
                            Double.parseDouble(c.metadata().getOrDefault("label_smoothing", "0.0")));
                    out.put("y", loss.forward(x, targets));
                    out.put("dx", loss.backward(dy));
                }
                return out;
            }
            default: break;
        }
        Module m = layer(c, Context.of(b, dtype, 0));
        Map<String, HostTensor> weights = new LinkedHashMap<>();
        for (String k : m.stateDict().keySet()) weights.put(k, c.tensor(k));
        for (String k : List.of("weight", "bias"))
            if (c.has(k) && !weights.containsKey(k))
                throw new IllegalArgumentException("the case has '" + k + "' but " + m + " has no such parameter");
        Checkpoint.copyInto(m.stateDict(), weights, m.toString());
        if (!c.flag("training", true)) m.eval();
        Tensor y = m.forward(x);
        out.put("y", y);
        if (c.has("running_mean_after")) out.put("running_mean_after", m.stateDict().get("running_mean"));
        if (c.has("running_var_after")) out.put("running_var_after", m.stateDict().get("running_var"));
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
                int groups = Integer.parseInt(c.metadata().getOrDefault("groups", "1"));
                return new Conv2d(ctx, w[1] * groups, w[0], new int[] {w[2], w[3]}, c.pair("stride", one), c.pair("padding", zero),
                        c.pair("dilation", one), groups, c.has("bias"));
            }
            case "conv_transpose2d": {
                int[] w = c.tensor("weight").shape();
                return new ConvTranspose2d(ctx, w[0], w[1], new int[] {w[2], w[3]}, c.pair("stride", one), c.pair("padding", zero),
                        c.pair("output_padding", zero), c.pair("dilation", one), c.has("bias"));
            }
            case "max_pool2d": {
                int[] k = c.pair("kernel", null);
                return new MaxPool2d(k, c.pair("stride", k), c.pair("padding", zero), c.pair("dilation", one)).ceilMode(c.flag("ceil_mode", false));
            }
            case "avg_pool2d": {
                int[] k = c.pair("kernel", null);
                return new AvgPool2d(k, c.pair("stride", k), c.pair("padding", zero), c.flag("count_include_pad", true))
                        .ceilMode(c.flag("ceil_mode", false));
            }
            case "linear": {
                int[] w = c.tensor("weight").shape();
                return new Linear(ctx, w[1], w[0], c.has("bias"));
            }
            case "adaptive_avg_pool2d": return new AdaptiveAvgPool2d(c.pair("output_size", null));
            case "adaptive_max_pool2d": return new AdaptiveMaxPool2d(c.pair("output_size", null));
            case "upsample": {
                if (!"nearest".equals(c.metadata().getOrDefault("mode", "nearest")))
                    throw new IllegalArgumentException("upsample: only mode 'nearest' is supported, got '" + c.metadata().get("mode") + "'");
                int[] s = c.pair("scale_factor", null);
                return Upsample.scaleFactor(s[0], s[1]);
            }
            case "batch_norm2d": {
                int[] w = c.tensor("weight").shape();
                return new BatchNorm2d(ctx, w[0], Double.parseDouble(c.metadata().getOrDefault("eps", "1e-5")),
                        Double.parseDouble(c.metadata().getOrDefault("momentum", "0.1")), true);
            }
            case "group_norm": {
                int c0 = c.tensor("x").shape()[1];
                return new GroupNorm(ctx, Integer.parseInt(c.metadata().get("num_groups")), c0, eps(c), c.has("weight"));
            }
            case "layer_norm": {
                int[] shape = Arrays.stream(c.metadata().get("normalized_shape").split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
                return new LayerNorm(ctx, shape, eps(c), c.has("weight"));
            }
            case "instance_norm2d": return new InstanceNorm2d(ctx, c.tensor("x").shape()[1], eps(c),
                    Double.parseDouble(c.metadata().getOrDefault("momentum", "0.1")), c.has("weight"), c.flag("track_running_stats", false));
            case "softmax": return new Softmax(Integer.parseInt(c.metadata().get("dim")));
            case "log_softmax": return new LogSoftmax(Integer.parseInt(c.metadata().get("dim")));
            case "silu": return new SiLU();
            case "gelu": return new GELU(c.metadata().getOrDefault("approximate", "none"));
            case "relu": return new ReLU();
            case "leaky_relu": return new LeakyReLU(Double.parseDouble(c.metadata().getOrDefault("negative_slope", "0.01")));
            case "sigmoid": return new Sigmoid();
            case "tanh": return new Tanh();
            default:
                throw new IllegalArgumentException("unsupported op '" + c.op() + "' (supported: conv2d, conv_transpose2d, max_pool2d, avg_pool2d, "
                        + "adaptive_avg_pool2d, adaptive_max_pool2d, upsample, batch_norm2d, group_norm, layer_norm, instance_norm2d, linear, "
                        + "relu, leaky_relu, sigmoid, tanh, silu, gelu, softmax, log_softmax, mse_loss, l1_loss, smooth_l1_loss, bce_with_logits_loss, "
                        + "nll_loss, cross_entropy_loss)");
        }
    }

    private static double eps(GoldenCase c) { return Double.parseDouble(c.metadata().getOrDefault("eps", "1e-5")); }
}
