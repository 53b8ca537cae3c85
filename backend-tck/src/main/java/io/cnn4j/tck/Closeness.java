package io.cnn4j.tck;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Numerical agreement as the SPI defines it: the normwise relative error ‖a−b‖₂/‖b‖₂ must not exceed
 * {@link #tolerance(DType)} (1e-5 for FLOAT32, 1e-12 for FLOAT64). Non-finite values (NaN, ±∞) must occur at the
 * same positions with the same value in both tensors and are left out of the norms. When ‖b‖ is 0 the absolute
 * norm ‖a−b‖ is bounded instead.
 */
public final class Closeness {
    private Closeness() {}

    /** The SPI's normwise tolerance for a dtype. */
    public static double tolerance(DType dtype) { return dtype == DType.FLOAT32 ? 1e-5 : 1e-12; }

    /** ‖a−b‖/‖b‖ over finite positions (‖a−b‖ when ‖b‖ = 0); NaN when the non-finite positions differ. */
    public static double relativeError(double[] a, double[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("relativeError: lengths differ: " + a.length + " vs " + b.length);
        double diff = 0, norm = 0;
        for (int i = 0; i < a.length; i++) {
            boolean fa = Double.isFinite(a[i]), fb = Double.isFinite(b[i]);
            if (!fa || !fb) {
                if (Double.compare(a[i], b[i]) != 0) return Double.NaN;
                continue;
            }
            double d = a[i] - b[i];
            diff += d * d;
            norm += b[i] * b[i];
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    /**
     * Asserts that {@code actual} (from the backend under test) agrees with {@code expected} (from the reference):
     * same shape, same dtype, relative error within the dtype's tolerance. {@code what} describes the case and is
     * part of the failure message.
     */
    public static void assertClose(String what, Tensor actual, Tensor expected) {
        assertClose(what, actual, expected, tolerance(expected.dtype()));
    }

    /** As {@link #assertClose(String, Tensor, Tensor)} with an explicit tolerance. */
    public static void assertClose(String what, Tensor actual, Tensor expected, double tol) {
        if (!Arrays.equals(actual.shape(), expected.shape()))
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        if (actual.dtype() != expected.dtype())
            throw new AssertionError(what + ": dtype " + actual.dtype() + ", expected " + expected.dtype());
        assertClose(what, actual.toDoubleArray(), expected.toDoubleArray(), tol);
    }

    /** Array form of {@link #assertClose(String, Tensor, Tensor, double)}. */
    public static void assertClose(String what, double[] actual, double[] expected, double tol) {
        if (actual.length != expected.length)
            throw new AssertionError(what + ": " + actual.length + " elements, expected " + expected.length);
        double rel = relativeError(actual, expected);
        if (!(rel <= tol)) {
            int worst = worstIndex(actual, expected);
            throw new AssertionError(what + ": normwise relative error " + (Double.isNaN(rel) ? "NaN (non-finite values differ)" : rel)
                    + " > " + tol + "; worst element [" + worst + "]: got " + actual[worst] + ", expected " + expected[worst]);
        }
    }

    /** Index of the largest |a−b| (a position whose non-finite values differ wins). */
    static int worstIndex(double[] a, double[] b) {
        int worst = 0;
        double w = -1;
        for (int i = 0; i < a.length; i++) {
            double d = Double.compare(a[i], b[i]) == 0 ? 0 : Math.abs(a[i] - b[i]);
            if (Double.isNaN(d)) d = Double.POSITIVE_INFINITY;
            if (d > w) { w = d; worst = i; }
        }
        return worst;
    }

    /** Asserts exact equality (argmax indices, masks, layout ops). */
    public static void assertExact(String what, Tensor actual, Tensor expected) {
        if (!Arrays.equals(actual.shape(), expected.shape()))
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        if (actual.dtype() != expected.dtype())
            throw new AssertionError(what + ": dtype " + actual.dtype() + ", expected " + expected.dtype());
        double[] a = actual.toDoubleArray(), b = expected.toDoubleArray();
        for (int i = 0; i < a.length; i++)
            if (Double.compare(a[i], b[i]) != 0 && !(a[i] == b[i]))
                throw new AssertionError(what + ": element [" + i + "] is " + a[i] + ", expected exactly " + b[i]);
    }
}
