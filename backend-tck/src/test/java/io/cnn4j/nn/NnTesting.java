package io.cnn4j.nn;

import io.cnn4j.backend.BackendProvider;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared helpers of the layer, loss and optimizer tests: the reference backend (found through its
 * {@link BackendProvider}, so the tests import no backend class), seeded FLOAT64 data, error measures and a
 * central finite-difference gradient check in the style of PyTorch's gradcheck.
 */
public final class NnTesting {
    private NnTesting() {}

    private static Backend reference;

    /** The reference backend, located by its registry name. */
    public static synchronized Backend backend() {
        if (reference == null) {
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
                if (p.name().equals("reference")) reference = p.create();
            }
            if (reference == null) fail("no BackendProvider named 'reference' on the test class path");
        }
        return reference;
    }

    /** A FLOAT64 context on the reference backend. */
    public static Context ctx(long seed) { return Context.of(backend(), DType.FLOAT64, seed); }

    /** Uniform data in [lo, hi) from a seeded stream. */
    public static double[] uniform(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = lo + (hi - lo) * r.nextDouble();
        return d;
    }

    /** Uniform data in ±[0.1, 1): values away from 0, the kink of ReLU-like functions. */
    public static double[] awayFromZero(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (0.1 + 0.9 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        return d;
    }

    /**
     * Distinct values at least 0.01 apart in random order (so every max-pool window has a clear winner and a
     * finite-difference step of 1e-5 cannot change the argmax).
     */
    public static double[] distinct(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (i - n / 2.0) * 0.01;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = d[i]; d[i] = d[j]; d[j] = t;
        }
        return d;
    }

    public static Tensor tensor(double[] data, int... shape) { return backend().fromArray(data, shape); }

    public static Tensor randn(long seed, int... shape) {
        return tensor(uniform(seed, Math.toIntExact(io.cnn4j.tensor.Shapes.numel(shape)), -1, 1), shape);
    }

    /** ‖a − b‖ / ‖b‖ (‖a‖ when b is all zero). */
    public static double relErr(double[] a, double[] b) {
        assertEquals(b.length, a.length, "length");
        double num = 0, den = 0, na = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
            na += a[i] * a[i];
        }
        return den == 0 ? Math.sqrt(na) : Math.sqrt(num / den);
    }

    /** Asserts equal shapes and ‖a − b‖/‖b‖ ≤ tol. */
    public static void assertClose(Tensor actual, int[] expectedShape, double[] expected, double tol, String what) {
        assertTrue(Arrays.equals(actual.shape(), expectedShape),
                what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expectedShape));
        double e = relErr(actual.toDoubleArray(), expected);
        assertTrue(e <= tol, what + ": relative error " + e + " > " + tol);
    }

    public static void assertClose(double[] actual, double[] expected, double tol, String what) {
        double e = relErr(actual, expected);
        assertTrue(e <= tol, what + ": relative error " + e + " > " + tol);
    }

    /** ⟨a, b⟩ over host arrays. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static final double FD_STEP = 1e-5;

    /**
     * Central finite-difference check of a module's backward (gradcheck style): with a fixed random upstream
     * gradient R and L(x, θ) = ⟨forward(x), R⟩, compares backward(R) with (L(x+h·eᵢ) − L(x−h·eᵢ))/2h for every
     * element of x and of every parameter. Per element the relative error |analytic − numeric| / max(|analytic|,
     * |numeric|, 1e-3) must be ≤ {@code tol} (the 1e-3 floor keeps exact zeros from dividing by zero). Returns the
     * worst error seen.
     */
    public static double gradCheck(Module m, Tensor x, double tol) {
        Backend b = backend();
        int[] xShape = x.shape();
        double[] xs = x.toDoubleArray();
        Tensor y0 = m.forward(x);
        double[] r = uniform(777, Math.toIntExact(y0.numel()), -1, 1);
        Tensor rt = b.fromArray(r, y0.shape());
        Function<Tensor, Double> loss = in -> dot(m.forward(in).toDoubleArray(), r);

        m.zeroGrad();
        m.forward(x);
        double[] dx = m.backward(rt).toDoubleArray();
        var params = m.namedParameters();
        java.util.Map<String, double[]> analytic = new java.util.LinkedHashMap<>();
        params.forEach((k, p) -> analytic.put(k, p.grad().toDoubleArray()));

        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            double keep = xs[i];
            xs[i] = keep + FD_STEP;
            double lp = loss.apply(b.fromArray(xs, xShape));
            xs[i] = keep - FD_STEP;
            double lm = loss.apply(b.fromArray(xs, xShape));
            xs[i] = keep;
            worst = Math.max(worst, check(dx[i], (lp - lm) / (2 * FD_STEP), tol, m + " dX[" + i + "]"));
        }
        for (var e : params.entrySet()) {
            Tensor v = e.getValue().value();
            double[] vs = v.toDoubleArray();
            double[] a = analytic.get(e.getKey());
            for (int i = 0; i < vs.length; i++) {
                double keep = vs[i];
                vs[i] = keep + FD_STEP;
                b.copy(b.fromArray(vs, v.shape()), v);
                double lp = loss.apply(x);
                vs[i] = keep - FD_STEP;
                b.copy(b.fromArray(vs, v.shape()), v);
                double lm = loss.apply(x);
                vs[i] = keep;
                b.copy(b.fromArray(vs, v.shape()), v);
                worst = Math.max(worst, check(a[i], (lp - lm) / (2 * FD_STEP), tol, m + " d" + e.getKey() + "[" + i + "]"));
            }
        }
        if (Boolean.getBoolean("cnn4j.gradcheck.verbose")) System.out.println("gradcheck " + m + ": worst error " + worst);
        return worst;
    }

    private static double check(double analytic, double numeric, double tol, String what) {
        double err = Math.abs(analytic - numeric) / Math.max(1e-3, Math.max(Math.abs(analytic), Math.abs(numeric)));
        if (!(err <= tol)) fail(what + ": analytic " + analytic + " vs numeric " + numeric + " (error " + err + " > " + tol + ")");
        return err;
    }
}
