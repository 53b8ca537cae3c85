package io.cnn4j.backend.reference;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

/**
 * A host tensor of the reference backend: a dtype, a shape and a dense row-major Java array
 * ({@code float[]} for FLOAT32, {@code double[]} for FLOAT64; the other array is {@code null}).
 *
 * <p>There are no views with strides or offsets: every tensor starts at element 0 of its array and is
 * contiguous. {@link ReferenceBackend#reshape} returns a new {@code RefTensor} sharing the same array, which is
 * the only way two tensors share storage.
 */
public final class RefTensor implements Tensor {

    private final ReferenceBackend backend;
    private final DType dtype;
    private final int[] shape;
    final float[] f;
    final double[] d;

    private RefTensor(ReferenceBackend backend, DType dtype, int[] shape, float[] f, double[] d) {
        this.backend = backend;
        this.dtype = dtype;
        this.shape = shape;
        this.f = f;
        this.d = d;
    }

    /** Wraps (does not copy) a float array; its length must equal the element count of {@code shape}. */
    static RefTensor ofFloats(ReferenceBackend backend, float[] data, int[] shape) {
        checkLength(data.length, shape);
        return new RefTensor(backend, DType.FLOAT32, shape.clone(), data, null);
    }

    /** Wraps (does not copy) a double array; its length must equal the element count of {@code shape}. */
    static RefTensor ofDoubles(ReferenceBackend backend, double[] data, int[] shape) {
        checkLength(data.length, shape);
        return new RefTensor(backend, DType.FLOAT64, shape.clone(), null, data);
    }

    /** A zero tensor of the given dtype and shape. */
    static RefTensor zeros(ReferenceBackend backend, DType dtype, int[] shape) {
        int n = size(shape);
        return dtype == DType.FLOAT32 ? ofFloats(backend, new float[n], shape) : ofDoubles(backend, new double[n], shape);
    }

    /** The element count of {@code shape} as an int, throwing if it does not fit a Java array. */
    static int size(int[] shape) {
        long n = Shapes.numel(shape);
        if (n > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("reference backend: shape " + Shapes.str(shape) + " has " + n
                    + " elements, more than a Java array holds; use a smaller batch");
        return (int) n;
    }

    private static void checkLength(int length, int[] shape) {
        for (int d : shape)
            if (d < 0) throw new IllegalArgumentException("fromArray: negative dimension in shape " + Shapes.str(shape));
        int n = size(shape);
        if (length != n)
            throw new IllegalArgumentException("fromArray: data has " + length + " elements but shape " + Shapes.str(shape)
                    + " needs " + n);
    }

    /** Same storage, another shape (the caller has checked the element count). */
    RefTensor withShape(int[] newShape) {
        return new RefTensor(backend, dtype, newShape.clone(), f, d);
    }

    boolean isFloat() { return f != null; }

    /** Element count. */
    int length() { return f != null ? f.length : d.length; }

    /** The shape without copying; callers must not modify it. */
    int[] shapeRef() { return shape; }

    @Override public Backend backend() { return backend; }
    @Override public DType dtype() { return dtype; }
    @Override public int[] shape() { return shape.clone(); }
    @Override public int rank() { return shape.length; }
    @Override public long numel() { return length(); }

    @Override
    public String toString() {
        return "RefTensor" + Shapes.str(shape) + " " + dtype;
    }
}
