package io.cnn4j.nn;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

/**
 * Maximum over PyTorch's adaptive windows ({@link AdaptiveWindows}) along one axis, and its gradient: the building
 * block of {@link AdaptiveMaxPool2d} for sizes that do not divide. A 2-D window maximum is separable (the maximum over
 * rows of the per-row maxima over columns), so the layer applies this to the width axis and then to the height axis.
 *
 * <p>Forward slices each window, takes {@link Backend#max} along the axis (first occurrence on ties, NaN wins) and
 * concatenates the results; backward routes each window's gradient to its argmax with {@link Backend#scatter}, pads
 * it back to the full axis and sums (windows overlap). Stateless: the forward's {@link Result} is what backward needs.
 */
final class AdaptiveAxisMax {
    private AdaptiveAxisMax() {}

    /** The maxima, the argmax of each window (relative to its start) and the input's size along the axis. */
    record Result(Tensor output, Tensor[] indices, int axis, int inputSize) {}

    /** {@code x} with {@code axis} reduced from its size to {@code out} adaptive window maxima. */
    static Result forward(Tensor x, int axis, int out) {
        Backend b = x.backend();
        int in = x.dim(axis);
        Tensor[] values = new Tensor[out], indices = new Tensor[out];
        for (int i = 0; i < out; i++) {
            int s = AdaptiveWindows.start(i, in, out), e = AdaptiveWindows.end(i, in, out);
            ArgMax m = b.max(b.slice(x, axis, s, e - s), axis, true);
            values[i] = m.values();
            indices[i] = m.indices();
        }
        return new Result(b.concat(axis, values), indices, axis, in);
    }

    /** The gradient w.r.t. the input of forward {@code r}, given the gradient of its output. */
    static Tensor backward(Result r, Tensor dY) {
        Backend b = dY.backend();
        int axis = r.axis(), in = r.inputSize(), out = r.indices().length;
        Tensor sum = null;
        for (int i = 0; i < out; i++) {
            int s = AdaptiveWindows.start(i, in, out), e = AdaptiveWindows.end(i, in, out);
            Tensor window = b.scatter(b.slice(dY, axis, i, 1), r.indices()[i], axis, e - s);
            Tensor full = padAlongAxis(b, window, axis, s, in - e);
            sum = sum == null ? full : sum.add(full);
        }
        return sum;
    }

    private static Tensor padAlongAxis(Backend b, Tensor t, int axis, int before, int after) {
        if (before == 0 && after == 0) return t;
        int[] shape = t.shape();
        java.util.List<Tensor> parts = new java.util.ArrayList<>(3);
        if (before > 0) { shape[axis] = before; parts.add(b.zeros(t.dtype(), shape.clone())); }
        parts.add(t);
        if (after > 0) { shape[axis] = after; parts.add(b.zeros(t.dtype(), shape.clone())); }
        return b.concat(axis, parts.toArray(new Tensor[0]));
    }
}
