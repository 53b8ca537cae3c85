package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.GELU(approximate='tanh')}: y = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), any shape, with its exact
 * derivative. Only the tanh form is offered: PyTorch's default {@code approximate='none'} is x·Φ(x) with the normal
 * CDF, which needs an {@code erf} primitive the SPI does not have, so {@code new GELU("none")} is rejected rather
 * than silently approximated (the two differ by up to about 5e-4).
 */
public class GELU extends Module {
    private static final double C = Math.sqrt(2 / Math.PI), A = 0.044715;
    private Tensor derivative;
    private int[] shape;

    /** {@code approximate} must be {@code "tanh"}. */
    public GELU(String approximate) {
        if (!"tanh".equals(approximate))
            throw new IllegalArgumentException("GELU(approximate='" + approximate + "'): only approximate='tanh' is supported"
                    + " (the exact form needs erf, which the backends do not provide); use new GELU(\"tanh\")");
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor x2 = x.mul(x);
        Tensor t = x.mul(x2.mul(A).add(1.0)).mul(C).apply(UnaryOp.TANH);            // tanh(c·(x + a·x³))
        Tensor onePlusT = t.add(1.0);
        // dy/dx = ½(1 + t) + ½·x·(1 − t²)·c·(1 + 3a·x²)
        derivative = onePlusT.mul(0.5).add(x.mul(t.mul(t).mul(-1.0).add(1.0)).mul(x2.mul(3 * A).add(1.0)).mul(0.5 * C));
        shape = x.shape();
        return x.mul(onePlusT).mul(0.5);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return dY.mul(derivative);
    }

    @Override
    public String toString() { return "GELU(approximate='tanh')"; }
}
