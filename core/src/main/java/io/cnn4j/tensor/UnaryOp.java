package io.cnn4j.tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise unary operations. {@link #apply(double)} is the normative definition (the reference backend
 * uses it directly); other backends must agree within float rounding.
 */
public enum UnaryOp {
    NEG(x -> -x),
    ABS(Math::abs),
    EXP(Math::exp),
    /** Natural log; log(0) = -inf, log(negative) = NaN (IEEE, as PyTorch). */
    LOG(Math::log),
    SQRT(Math::sqrt),
    SQUARE(x -> x * x),
    RECIPROCAL(x -> 1.0 / x),
    RELU(x -> x > 0 ? x : 0.0),
    /** Logistic function, computed in the numerically stable form for both signs. */
    SIGMOID(x -> x >= 0 ? 1.0 / (1.0 + Math.exp(-x)) : Math.exp(x) / (1.0 + Math.exp(x))),
    TANH(Math::tanh),
    /** -1, 0 or 1 (0 for ±0 and NaN stays NaN, as torch.sign). */
    SIGN(Math::signum);

    private final DoubleUnaryOperator f;

    UnaryOp(DoubleUnaryOperator f) { this.f = f; }

    /** The reference definition of this op on one element. */
    public double apply(double x) { return f.applyAsDouble(x); }
}
