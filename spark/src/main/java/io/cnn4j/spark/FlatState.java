package io.cnn4j.spark;

import io.cnn4j.nn.Module;
import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model's tensors as one flat {@code double[]}, the form in which they travel between the Spark driver and its
 * tasks. float32 values widen to double exactly, so a round trip never changes a weight.
 *
 * <ul>
 *   <li>{@link #state}: every {@code stateDict()} entry (parameters and buffers) in state_dict order — what the driver
 *       broadcasts each step.</li>
 *   <li>{@link #gradients}: the parameter gradients in {@code namedParameters()} order, then the buffers (state_dict
 *       entries that are not parameters, e.g. BatchNorm running statistics) — what a task returns.</li>
 * </ul>
 */
final class FlatState {
    private FlatState() {}

    static double[] state(Module model) { return concat(new ArrayList<>(model.stateDict().values()), 0); }

    static void loadState(Module model, double[] flat) { scatter(new ArrayList<>(model.stateDict().values()), flat, 0); }

    /** Parameter gradients then buffers, plus {@code extra} zero slots at the end for per-task figures. */
    static double[] gradientsAndBuffers(Module model, int extra) {
        List<Tensor> parts = new ArrayList<>();
        for (Parameter p : model.parameters()) parts.add(p.grad());
        parts.addAll(buffers(model));
        return concat(parts, extra);
    }

    /**
     * Writes the gradient part into the parameter gradients (marking each present, so the optimizer updates it) and
     * the buffer part into the buffers.
     */
    static void loadGradientsAndBuffers(Module model, double[] flat) {
        int off = 0;
        for (Parameter p : model.parameters()) {
            p.setGrad(slice(flat, off, p.grad()));
            off += Math.toIntExact(p.grad().numel());
        }
        scatter(buffers(model), flat, off);
    }

    /** Number of values {@link #gradientsAndBuffers} holds before its extra slots. */
    static int gradientsAndBuffersLength(Module model) {
        long n = 0;
        for (Parameter p : model.parameters()) n += p.grad().numel();
        for (Tensor b : buffers(model)) n += b.numel();
        return Math.toIntExact(n);
    }

    /** Number of buffer values (the tail of the gradient part). */
    static int bufferLength(Module model) {
        long n = 0;
        for (Tensor b : buffers(model)) n += b.numel();
        return Math.toIntExact(n);
    }

    private static List<Tensor> buffers(Module model) {
        Map<String, Parameter> params = model.namedParameters();
        List<Tensor> out = new ArrayList<>();
        model.stateDict().forEach((k, v) -> { if (!params.containsKey(k)) out.add(v); });
        return out;
    }

    private static double[] concat(List<Tensor> parts, int extra) {
        long n = extra;
        for (Tensor t : parts) n += t.numel();
        double[] out = new double[Math.toIntExact(n)];
        int off = 0;
        for (Tensor t : parts) {
            double[] d = t.toDoubleArray();
            System.arraycopy(d, 0, out, off, d.length);
            off += d.length;
        }
        return out;
    }

    private static void scatter(List<Tensor> parts, double[] flat, int off) {
        for (Tensor t : parts) {
            t.backend().copy(slice(flat, off, t), t);
            off += Math.toIntExact(t.numel());
        }
    }

    /** {@code flat[off …]} as a tensor shaped, typed and placed like {@code like}. */
    private static Tensor slice(double[] flat, int off, Tensor like) {
        int n = Math.toIntExact(like.numel());
        double[] d = new double[n];
        System.arraycopy(flat, off, d, 0, n);
        Backend b = like.backend();
        return b.fromHost(d, like.dtype(), like.shape());
    }
}
