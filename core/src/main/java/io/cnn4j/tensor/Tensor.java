package io.cnn4j.tensor;

import java.util.Arrays;

/**
 * An n-dimensional array owned by one {@link Backend}. Logically row-major (C order), NCHW for images.
 *
 * <p>A tensor is a handle: all computation goes through its backend, so layers written against this
 * interface run unchanged on every backend. The default methods below are conveniences that delegate to
 * the backend's primitives; they are not part of what a backend implements.
 *
 * <p>Tensors are immutable as far as the primitive ops are concerned (every op returns a new tensor), except
 * the in-place updates {@link Backend#axpy}, {@link Backend#fill} and {@link Backend#copy}, which exist for
 * optimizers and gradient accumulation. A {@link Backend#reshape reshape} may share storage with its source.
 */
public interface Tensor {

    /** The backend that owns this tensor's storage. */
    Backend backend();

    /** Element type. */
    DType dtype();

    /** A copy of the shape; a scalar has shape {@code []}. */
    int[] shape();

    default int rank() { return shape().length; }

    /** Size of axis {@code axis}; negative axes count from the end. */
    default int dim(int axis) {
        int[] s = shape();
        return s[Shapes.normalizeAxis(axis, s.length, "dim")];
    }

    /** Number of elements (1 for a scalar). */
    default long numel() { return Shapes.numel(shape()); }

    /** Copies the data to the host as float (converting FLOAT64 with rounding). */
    default float[] toFloatArray() { return backend().toFloatArray(this); }

    /** Copies the data to the host as double. */
    default double[] toDoubleArray() { return backend().toDoubleArray(this); }

    /** The value of a one-element tensor. */
    default double item() {
        if (numel() != 1) throw new IllegalStateException("item(): tensor of shape " + Arrays.toString(shape()) + " has " + numel() + " elements, expected 1");
        return toDoubleArray()[0];
    }

    /**
     * Releases this tensor's storage now instead of waiting for garbage collection. Optional: the default does
     * nothing; device backends free memory. Using a tensor after close is an error.
     */
    default void close() {}

    // ---- conveniences (delegate to backend primitives) ----

    default Tensor reshape(int... shape) { return backend().reshape(this, shape); }
    default Tensor permute(int... axes) { return backend().permute(this, axes); }
    default Tensor add(Tensor o) { return backend().binary(BinaryOp.ADD, this, o); }
    default Tensor sub(Tensor o) { return backend().binary(BinaryOp.SUB, this, o); }
    default Tensor mul(Tensor o) { return backend().binary(BinaryOp.MUL, this, o); }
    default Tensor div(Tensor o) { return backend().binary(BinaryOp.DIV, this, o); }
    default Tensor add(double s) { return backend().binary(BinaryOp.ADD, this, s); }
    default Tensor sub(double s) { return backend().binary(BinaryOp.SUB, this, s); }
    default Tensor mul(double s) { return backend().binary(BinaryOp.MUL, this, s); }
    default Tensor div(double s) { return backend().binary(BinaryOp.DIV, this, s); }
    default Tensor apply(UnaryOp op) { return backend().unary(op, this); }
    default Tensor apply(BinaryOp op, Tensor o) { return backend().binary(op, this, o); }
    default Tensor apply(BinaryOp op, double s) { return backend().binary(op, this, s); }
    default Tensor sum(boolean keepDims, int... axes) { return backend().sum(this, axes, keepDims); }

    /** Mean over {@code axes}: the sum divided by the number of reduced elements. */
    default Tensor mean(boolean keepDims, int... axes) {
        int[] s = shape();
        long count = 1;
        for (int a : axes) count *= s[Shapes.normalizeAxis(a, s.length, "mean")];
        return backend().sum(this, axes, keepDims).mul(1.0 / count);
    }

    /** Sum of all elements, as a tensor of shape []. */
    default Tensor sumAll() {
        int[] axes = new int[rank()];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        return backend().sum(this, axes, false);
    }

    default Tensor matmul(Tensor o) { return backend().matmul(this, false, o, false); }
}
