package io.cnn4j.io;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * A test-only backend that stores data in host arrays and implements just the creation, transfer and copy
 * primitives checkpoints need (core's tests cannot depend on the reference backend module).
 */
final class HostArrayBackend implements Backend {

    static final class T implements Tensor {
        final HostArrayBackend b;
        final DType dtype;
        final int[] shape;
        final double[] data;

        T(HostArrayBackend b, DType dtype, int[] shape, double[] data) {
            this.b = b;
            this.dtype = dtype;
            this.shape = shape.clone();
            this.data = data;
        }

        @Override public Backend backend() { return b; }
        @Override public DType dtype() { return dtype; }
        @Override public int[] shape() { return shape.clone(); }
    }

    private static double round(DType d, double v) { return d == DType.FLOAT32 ? (float) v : v; }

    @Override public String name() { return "host-array-test"; }

    @Override public Tensor zeros(DType dtype, int... shape) {
        return new T(this, dtype, shape, new double[Math.toIntExact(Shapes.numel(shape))]);
    }

    @Override public Tensor fromArray(float[] data, int... shape) {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) d[i] = data[i];
        return new T(this, DType.FLOAT32, shape, d);
    }

    @Override public Tensor fromArray(double[] data, int... shape) {
        return new T(this, DType.FLOAT64, shape, data.clone());
    }

    @Override public float[] toFloatArray(Tensor t) {
        double[] d = ((T) t).data;
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    @Override public double[] toDoubleArray(Tensor t) { return ((T) t).data.clone(); }

    @Override public void copy(Tensor src, Tensor dst) {
        Shapes.requireSameShape("copy", src, dst);
        T s = (T) src, d = (T) dst;
        for (int i = 0; i < d.data.length; i++) d.data[i] = round(d.dtype, s.data[i]);
    }

    @Override public void fill(Tensor t, double value) {
        T x = (T) t;
        java.util.Arrays.fill(x.data, round(x.dtype, value));
    }

    @Override public Tensor cast(Tensor x, DType dtype) {
        T s = (T) x;
        double[] d = new double[s.data.length];
        for (int i = 0; i < d.length; i++) d[i] = round(dtype, s.data[i]);
        return new T(this, dtype, s.shape, d);
    }

    private static UnsupportedOperationException unsupported(String op) {
        return new UnsupportedOperationException("HostArrayBackend (checkpoint tests) does not implement " + op);
    }

    @Override public Tensor reshape(Tensor x, int... shape) { throw unsupported("reshape"); }
    @Override public Tensor permute(Tensor x, int... axes) { throw unsupported("permute"); }
    @Override public Tensor slice(Tensor x, int axis, int start, int length) { throw unsupported("slice"); }
    @Override public Tensor concat(int axis, Tensor... xs) { throw unsupported("concat"); }
    @Override public Tensor matmul(Tensor a, boolean ta, Tensor b, boolean tb) { throw unsupported("matmul"); }
    @Override public Tensor unfold(Tensor x, ConvGeometry g, double padValue) { throw unsupported("unfold"); }
    @Override public Tensor fold(Tensor cols, ConvGeometry g, int height, int width) { throw unsupported("fold"); }
    @Override public Tensor unary(UnaryOp op, Tensor x) { throw unsupported("unary"); }
    @Override public Tensor binary(BinaryOp op, Tensor a, Tensor b) { throw unsupported("binary"); }
    @Override public Tensor binary(BinaryOp op, Tensor a, double scalar) { throw unsupported("binary"); }
    @Override public Tensor sum(Tensor x, int[] axes, boolean keepDims) { throw unsupported("sum"); }
    @Override public ArgMax max(Tensor x, int axis, boolean keepDims) { throw unsupported("max"); }
    @Override public Tensor scatter(Tensor src, Tensor index, int axis, int size) { throw unsupported("scatter"); }
    @Override public void axpy(double alpha, Tensor x, Tensor y) { throw unsupported("axpy"); }
}
