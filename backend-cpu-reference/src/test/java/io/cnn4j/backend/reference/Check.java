package io.cnn4j.backend.reference;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared test helpers: random data, normwise comparison with explicit tolerances, error-message checks. */
final class Check {
    private Check() {}

    /** Normwise tolerance of FLOAT32 results against the double-precision naive definition. */
    static final double TOL_F32 = 1e-6;
    /** Normwise tolerance of FLOAT64 results against the double-precision naive definition. */
    static final double TOL_F64 = 1e-12;

    static final ReferenceBackend B = new ReferenceBackend();

    static double tol(DType dt) { return dt == DType.FLOAT32 ? TOL_F32 : TOL_F64; }

    /** Random values in [-1, 1), already representable in {@code dt} (so a float tensor holds them exactly). */
    static double[] random(DType dt, long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextDouble(-1, 1);
            if (dt == DType.FLOAT32) d[i] = (float) d[i];
        }
        return d;
    }

    static Tensor tensor(DType dt, double[] data, int... shape) { return B.fromHost(data, dt, shape); }

    /** ‖actual − expected‖₂ / ‖expected‖₂ (absolute when expected is zero). */
    static double relErr(double[] actual, double[] expected) {
        assertEquals(expected.length, actual.length, "element count");
        double num = 0, den = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = actual[i] - expected[i];
            num += e * e;
            den += expected[i] * expected[i];
        }
        return den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
    }

    /** Asserts shape and normwise closeness within the dtype's tolerance. */
    static void close(Tensor actual, double[] expected, int[] expectedShape) {
        assertArrayEquals(expectedShape, actual.shape(), "shape");
        double err = relErr(actual.toDoubleArray(), expected);
        double tol = tol(actual.dtype());
        assertTrue(err <= tol, "normwise relative error " + err + " > " + tol + " (" + actual.dtype() + ")");
    }

    /** Asserts exact equality of values (for data movement and hand-checked integer cases). */
    static void exact(Tensor actual, double[] expected, int... expectedShape) {
        assertArrayEquals(expectedShape, actual.shape(), "shape");
        assertArrayEquals(expected, actual.toDoubleArray(), 0.0, "values of " + Arrays.toString(expectedShape));
    }

    /** Asserts that {@code r} throws IllegalArgumentException whose message contains every fragment. */
    static void rejects(Runnable r, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        for (String f : fragments)
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
    }
}
