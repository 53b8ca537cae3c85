package io.cnn4j.tck;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

/**
 * The same values on two backends: {@code ref} on the reference backend and {@code test} on the backend under
 * test. Data is generated on the reference backend and copied through host arrays, so the backend under test is
 * not trusted to create its own inputs.
 */
public record Twin(Tensor ref, Tensor test) {

    /** Copies a tensor to another backend through the host (exact). */
    public static Tensor transfer(Tensor t, Backend to) {
        return to.fromHost(t.toDoubleArray(), t.dtype(), t.shape());
    }

    /** A tensor on {@code ref} and its copy on {@code test}. */
    public static Twin of(Tensor onRef, Backend test) { return new Twin(onRef, transfer(onRef, test)); }

    /** Uniform values in [low, high) (seeded) on both backends. */
    public static Twin uniform(Backend ref, Backend test, DType dtype, long seed, double low, double high, int... shape) {
        return of(ref.uniform(dtype, seed, low, high, shape), test);
    }

    /**
     * Values on a coarse grid (multiples of 0.25 in [-2, 2]) so that ties and equal pairs actually occur:
     * exercises comparisons, argmax tie-breaking and division by zero.
     */
    public static Twin grid(Backend ref, Backend test, DType dtype, long seed, int... shape) {
        double[] d = ref.uniform(DType.FLOAT64, seed, -2, 2.25, shape).toDoubleArray();
        for (int i = 0; i < d.length; i++) d[i] = Math.floor(d[i] * 4) / 4;
        return of(ref.fromHost(d, dtype, shape), test);
    }
}
