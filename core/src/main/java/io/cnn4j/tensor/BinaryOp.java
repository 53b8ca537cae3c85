package io.cnn4j.tensor;

/**
 * Elementwise binary operations with NumPy broadcasting. Comparisons return masks: 1.0 where true, 0.0 where
 * false, in the dtype of the operands. {@link #apply(double, double)} is the normative definition.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV,
    /** Elementwise maximum; NaN propagates (torch.maximum). */
    MAX,
    /** Elementwise minimum; NaN propagates (torch.minimum). */
    MIN,
    POW,
    GT, GE, LT, LE, EQ;

    /** The reference definition of this op on one pair of elements. */
    public double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case MAX: return (Double.isNaN(a) || Double.isNaN(b)) ? Double.NaN : Math.max(a, b);
            case MIN: return (Double.isNaN(a) || Double.isNaN(b)) ? Double.NaN : Math.min(a, b);
            case POW: return Math.pow(a, b);
            case GT: return a > b ? 1.0 : 0.0;
            case GE: return a >= b ? 1.0 : 0.0;
            case LT: return a < b ? 1.0 : 0.0;
            case LE: return a <= b ? 1.0 : 0.0;
            case EQ: return a == b ? 1.0 : 0.0;
            default: throw new AssertionError(this);
        }
    }
}
