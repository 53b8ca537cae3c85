package io.cnn4j.tck;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

/** Inner products for adjoint identities, computed in double on the host. */
public final class Adjointness {
    private Adjointness() {}

    /** ⟨a, b⟩ = Σ aᵢbᵢ in double precision; shapes must have equal element counts. */
    public static double dot(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        if (x.length != y.length) throw new IllegalArgumentException("dot: " + x.length + " vs " + y.length + " elements");
        double s = 0;
        for (int i = 0; i < x.length; i++) s += x[i] * y[i];
        return s;
    }

    /** Σ |aᵢbᵢ|: the scale against which an inner product's rounding error is measured. */
    public static double absDot(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray(), y = b.toDoubleArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) s += Math.abs(x[i] * y[i]);
        return s;
    }

    /**
     * Asserts {@code lhs == rhs} up to {@code rel} relative to {@code scale} (Σ|terms|, so cancellation in a sum
     * does not make a correct result look wrong).
     */
    public static void assertEqualInner(String what, double lhs, double rhs, double scale, double rel) {
        double err = Math.abs(lhs - rhs);
        if (!(err <= rel * Math.max(scale, Double.MIN_NORMAL)))
            throw new AssertionError(what + ": ⟨A x, y⟩ = " + lhs + " but ⟨x, Aᵀ y⟩ = " + rhs + " (|difference| " + err
                    + " > " + rel + " × scale " + scale + ")");
    }

    /** Random float64 data on {@code b}. */
    static Tensor random(Backend b, long seed, int... shape) { return b.uniform(DType.FLOAT64, seed, -1, 1, shape); }
}
