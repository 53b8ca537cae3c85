package io.cnn4j.tck;

import java.util.List;

/**
 * One case of a {@link CrossBackendSweep}: what ran, the agreement of each output, or why it could not run.
 *
 * @param kind        short category ("Conv2d", "matmul", ...)
 * @param description the full case (shapes, geometry, dtype, seed) to reproduce it
 * @param error       exception text when one of the backends threw, else {@code null}
 */
public record SweepResult(String kind, String description, List<TensorAgreement> agreements, String error) {

    public boolean passed() { return error == null && agreements.stream().allMatch(TensorAgreement::passed); }

    /** Worst normwise relative error over the outputs (NaN if the case did not run or non-finite values differ). */
    public double worstRelError() {
        double w = 0;
        for (TensorAgreement a : agreements) {
            if (Double.isNaN(a.relError())) return Double.NaN;
            w = Math.max(w, a.relError());
        }
        return error != null ? Double.NaN : w;
    }

    /** One line for reports. */
    public String summary() {
        if (error != null) return "FAIL " + description + ": " + error;
        String s = (passed() ? "PASS " : "FAIL ") + description + String.format(": worst rel %.1e", worstRelError());
        if (!passed()) s += " " + agreements.stream().filter(a -> !a.passed()).toList();
        return s;
    }
}
