package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.GELU(approximate='none')}, any shape, with its exact derivative:
 * <ul>
 *   <li>{@code 'none'} (the default, as PyTorch): y = x·Φ(x) with the normal CDF Φ(x) = ½(1 + erf(x/√2)) (through the
 *       SPI's {@code erf}); dy/dx = Φ(x) + x·φ(x), φ(x) = e^(−x²/2)/√(2π).</li>
 *   <li>{@code 'tanh'}: y = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), which differs from the exact form by up to
 *       about 5e-4.</li>
 * </ul>
 */
public class GELU extends Module {
    private static final double C = Math.sqrt(2 / Math.PI), A = 0.044715;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2), INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private final boolean tanh;
    private Tensor derivative;
    private int[] shape;

    /** The exact form, {@code approximate='none'}. */
    public GELU() { this("none"); }

    /** {@code approximate} is {@code "none"} (exact) or {@code "tanh"}. */
    public GELU(String approximate) {
        if (!"none".equals(approximate) && !"tanh".equals(approximate))
            throw new IllegalArgumentException("GELU(approximate='" + approximate + "'): approximate must be 'none' or 'tanh'");
        this.tanh = "tanh".equals(approximate);
    }

    @Override
    public Tensor forward(Tensor x) {
        boolean keep = recording();
        Tensor y = tanh ? forwardTanh(x, keep) : forwardExact(x, keep);
        if (keep) shape = x.shape();
        return y;
    }

    private Tensor forwardExact(Tensor x, boolean keep) {
        Tensor cdf = x.backend().erf(x.mul(INV_SQRT2)).add(1.0).mul(0.5);
        if (keep) {
            Tensor pdf = x.mul(x).mul(-0.5).apply(UnaryOp.EXP).mul(INV_SQRT_2PI);
            derivative = cdf.add(x.mul(pdf));
        }
        return x.mul(cdf);
    }

    private Tensor forwardTanh(Tensor x, boolean keep) {
        Tensor x2 = x.mul(x);
        Tensor t = x.mul(x2.mul(A).add(1.0)).mul(C).apply(UnaryOp.TANH);            // tanh(c·(x + a·x³))
        Tensor onePlusT = t.add(1.0);
        // dy/dx = ½(1 + t) + ½·x·(1 − t²)·c·(1 + 3a·x²)
        if (keep) derivative = onePlusT.mul(0.5).add(x.mul(t.mul(t).mul(-1.0).add(1.0)).mul(x2.mul(3 * A).add(1.0)).mul(0.5 * C));
        return x.mul(onePlusT).mul(0.5);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return dY.mul(derivative);
    }

    @Override
    public String toString() { return tanh ? "GELU(approximate='tanh')" : "GELU(approximate='none')"; }
}
