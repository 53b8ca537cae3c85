package io.cnn4j.tck;

/**
 * How well one output tensor of a case agrees between two backends (or with a golden value).
 *
 * @param name      what was compared ("y", "dx", "grad 0.weight", ...)
 * @param relError  normwise relative error ‖a−b‖/‖b‖ (NaN when non-finite values differ)
 * @param tolerance the bound it must satisfy
 */
public record TensorAgreement(String name, double relError, double tolerance) {
    public boolean passed() { return relError <= tolerance; }

    @Override
    public String toString() { return name + ": rel " + String.format("%.3g", relError) + (passed() ? " <= " : " > ") + String.format("%.0e", tolerance); }
}
