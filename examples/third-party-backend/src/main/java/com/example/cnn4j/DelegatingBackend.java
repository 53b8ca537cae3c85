package com.example.cnn4j;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * A third-party backend in its smallest form: it wraps another backend's tensors in its own tensor type and forwards
 * every primitive. It owns its tensors ({@code t.backend() == this}) and rejects foreign ones, as the SPI requires.
 * Replace the {@code delegate} calls with your own engine to make a real backend.
 */
public class DelegatingBackend implements Backend {

    /** A tensor of this backend: a handle around a tensor of the delegate. */
    static final class DTensor implements Tensor {
        final DelegatingBackend owner;
        final Tensor inner;

        DTensor(DelegatingBackend owner, Tensor inner) {
            this.owner = owner;
            this.inner = inner;
        }

        @Override public Backend backend() { return owner; }
        @Override public DType dtype() { return inner.dtype(); }
        @Override public int[] shape() { return inner.shape(); }
    }

    private final Backend delegate;

    /** Wraps {@code delegate}, which does the computing. */
    public DelegatingBackend(Backend delegate) { this.delegate = delegate; }

    @Override public String name() { return "delegating"; }

    private Tensor wrap(Tensor t) { return new DTensor(this, t); }

    private Tensor in(String op, Tensor t) {
        if (!(t instanceof DTensor d) || d.owner != this)
            throw new IllegalArgumentException(op + ": tensor belongs to backend '" + t.backend().name() + "', not '" + name()
                    + "'; move it with backend.fromArray(t.toDoubleArray(), ...) first");
        return d.inner;
    }

    @Override public Tensor zeros(DType dtype, int... shape) { return wrap(delegate.zeros(dtype, shape)); }
    @Override public Tensor fromArray(float[] data, int... shape) { return wrap(delegate.fromArray(data, shape)); }
    @Override public Tensor fromArray(double[] data, int... shape) { return wrap(delegate.fromArray(data, shape)); }
    @Override public float[] toFloatArray(Tensor t) { return delegate.toFloatArray(in("toFloatArray", t)); }
    @Override public double[] toDoubleArray(Tensor t) { return delegate.toDoubleArray(in("toDoubleArray", t)); }
    @Override public Tensor reshape(Tensor x, int... shape) { return wrap(delegate.reshape(in("reshape", x), shape)); }
    @Override public Tensor permute(Tensor x, int... axes) { return wrap(delegate.permute(in("permute", x), axes)); }
    @Override public Tensor cast(Tensor x, DType dtype) { return wrap(delegate.cast(in("cast", x), dtype)); }
    @Override public Tensor slice(Tensor x, int axis, int start, int length) { return wrap(delegate.slice(in("slice", x), axis, start, length)); }

    @Override public Tensor concat(int axis, Tensor... xs) {
        Tensor[] inner = new Tensor[xs.length];
        for (int i = 0; i < xs.length; i++) inner[i] = in("concat", xs[i]);
        return wrap(delegate.concat(axis, inner));
    }

    @Override public Tensor matmul(Tensor a, boolean ta, Tensor b, boolean tb) {
        return wrap(delegate.matmul(in("matmul", a), ta, in("matmul", b), tb));
    }

    @Override public Tensor unfold(Tensor x, ConvGeometry g, double padValue) { return wrap(delegate.unfold(in("unfold", x), g, padValue)); }
    @Override public Tensor fold(Tensor cols, ConvGeometry g, int h, int w) { return wrap(delegate.fold(in("fold", cols), g, h, w)); }
    @Override public Tensor unary(UnaryOp op, Tensor x) { return wrap(delegate.unary(op, in("unary", x))); }

    @Override public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return wrap(delegate.binary(op, in("binary", a), in("binary", b)));
    }

    @Override public Tensor binary(BinaryOp op, Tensor a, double s) { return wrap(delegate.binary(op, in("binary", a), s)); }
    @Override public Tensor sum(Tensor x, int[] axes, boolean keepDims) { return wrap(delegate.sum(in("sum", x), axes, keepDims)); }

    @Override public ArgMax max(Tensor x, int axis, boolean keepDims) {
        ArgMax r = delegate.max(in("max", x), axis, keepDims);
        return new ArgMax(wrap(r.values()), wrap(r.indices()));
    }

    @Override public Tensor scatter(Tensor src, Tensor index, int axis, int size) {
        return wrap(delegate.scatter(in("scatter", src), in("scatter", index), axis, size));
    }

    @Override public void axpy(double alpha, Tensor x, Tensor y) { delegate.axpy(alpha, in("axpy", x), in("axpy", y)); }
    @Override public void fill(Tensor t, double value) { delegate.fill(in("fill", t), value); }
    @Override public void copy(Tensor src, Tensor dst) { delegate.copy(in("copy", src), in("copy", dst)); }
}
