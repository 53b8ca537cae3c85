package io.cnn4j.tck;

import io.cnn4j.tensor.DType;

import java.util.List;

/**
 * The outcome of one golden case on one backend and dtype.
 *
 * @param tensors per compared tensor (y, dx, dweight, dbias, dtarget: those the file provides)
 * @param error   why the case could not run (unsupported op, exception in the layer), or {@code null}
 */
public record GoldenResult(String caseId, String op, String backend, DType dtype, List<TensorError> tensors, String error) {

    /** The bound every element must satisfy: {@code |a − ref| ≤ 1e-5 · max(1, |ref|)}. */
    public static final double TOLERANCE = 1e-5;

    /**
     * Error of one tensor against its golden value.
     *
     * @param maxAbs max |a − ref|
     * @param maxRel max |a − ref| / max(1, |ref|), the quantity bounded by {@link #TOLERANCE}
     */
    public record TensorError(String name, double maxAbs, double maxRel) {
        public boolean passed() { return maxRel <= TOLERANCE; }
    }

    /** True when the case ran and every tensor is within tolerance. */
    public boolean passed() { return error == null && !tensors.isEmpty() && tensors.stream().allMatch(TensorError::passed); }

    /** Largest max-abs error over the tensors (NaN when the case did not run). */
    public double maxAbs() { return tensors.stream().mapToDouble(TensorError::maxAbs).max().orElse(Double.NaN); }

    /** Largest max-rel error over the tensors (NaN when the case did not run). */
    public double maxRel() { return tensors.stream().mapToDouble(TensorError::maxRel).max().orElse(Double.NaN); }

    /** One line for reports, e.g. {@code conv2d_03  reference  f32  PASS  max abs 1.9e-06  max rel 7.4e-08}. */
    public String summary() {
        String dt = dtype == DType.FLOAT32 ? "f32" : "f64";
        if (error != null) return String.format("%-22s %-10s %s  FAIL  %s", caseId, backend, dt, error);
        StringBuilder s = new StringBuilder(String.format("%-22s %-10s %s  %s  max abs %.1e  max rel %.1e", caseId, backend, dt,
                passed() ? "PASS" : "FAIL", maxAbs(), maxRel()));
        if (!passed()) for (TensorError t : tensors) if (!t.passed()) s.append(String.format("  [%s: abs %.1e rel %.1e]", t.name(), t.maxAbs(), t.maxRel()));
        return s.toString();
    }
}
