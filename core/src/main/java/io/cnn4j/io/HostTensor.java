package io.cnn4j.io;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * A tensor held in host memory, independent of any backend: what a safetensors file stores. {@code data} is
 * row-major; FLOAT32 values are held widened to double (exactly), so converting back to float loses nothing.
 *
 * @param dtype the element type (a file's F32/F64 as is; I64/I32 are read as FLOAT64, F16/BF16 as FLOAT32)
 * @param shape dimensions, each ≥ 0; {@code []} for a scalar
 * @param data  {@code numel(shape)} values, row-major
 */
public record HostTensor(DType dtype, int[] shape, double[] data) {

    public HostTensor {
        if (dtype == null) throw new IllegalArgumentException("HostTensor: dtype is null");
        shape = shape.clone();
        long n = Shapes.numel(shape);
        if (n != data.length)
            throw new IllegalArgumentException("HostTensor: shape " + Arrays.toString(shape) + " has " + n
                    + " elements but data has " + data.length);
    }

    /** Copies a tensor (on any backend) to the host, keeping its dtype. */
    public static HostTensor of(Tensor t) {
        return new HostTensor(t.dtype(), t.shape(), t.toDoubleArray());
    }

    /** Uploads to {@code backend} as {@code dtype} (FLOAT64 → FLOAT32 rounds to nearest). */
    public Tensor toTensor(Backend backend, DType asDtype) {
        return backend.fromHost(data, asDtype, shape);
    }

    /** Uploads to {@code backend} in the stored dtype. */
    public Tensor toTensor(Backend backend) {
        return toTensor(backend, dtype);
    }

    @Override
    public int[] shape() { return shape.clone(); }

    /** Number of elements. */
    public int numel() { return data.length; }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTensor h && h.dtype == dtype && Arrays.equals(h.shape, shape) && Arrays.equals(h.data, data);
    }

    @Override
    public int hashCode() { return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data); }

    @Override
    public String toString() { return "HostTensor(" + dtype + ", " + Arrays.toString(shape) + ")"; }
}
