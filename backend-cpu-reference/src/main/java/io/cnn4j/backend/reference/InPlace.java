package io.cnn4j.backend.reference;

/** The in-place updates used by optimizers and gradient accumulation: axpy, fill, copy. Shapes are checked by the caller. */
final class InPlace {
    private InPlace() {}

    /** {@code y += alpha·x}; for FLOAT32 the product is formed in double and the sum rounded to float. */
    static void axpy(double alpha, RefTensor x, RefTensor y) {
        if (x.isFloat()) {
            float[] xs = x.f, ys = y.f;
            Parallel.forRange(xs.length, 2, (lo, hi) -> {
                for (int i = lo; i < hi; i++) ys[i] = (float) (ys[i] + alpha * xs[i]);
            });
        } else {
            double[] xs = x.d, ys = y.d;
            Parallel.forRange(xs.length, 2, (lo, hi) -> {
                for (int i = lo; i < hi; i++) ys[i] += alpha * xs[i];
            });
        }
    }

    /** Every element becomes {@code value} (rounded to float for FLOAT32). */
    static void fill(RefTensor t, double value) {
        if (t.isFloat()) java.util.Arrays.fill(t.f, (float) value);
        else java.util.Arrays.fill(t.d, value);
    }

    /** {@code dst ← src}; a no-op when both share storage. */
    static void copy(RefTensor src, RefTensor dst) {
        if (src.isFloat()) System.arraycopy(src.f, 0, dst.f, 0, src.f.length);
        else System.arraycopy(src.d, 0, dst.d, 0, src.d.length);
    }
}
