package io.cnn4j.nn;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.LeakyReLU(negative_slope=0.01)}: y = x for x > 0, else negative_slope·x, any shape.
 * The gradient at x = 0 is negative_slope, as PyTorch.
 */
public class LeakyReLU extends Module {
    private final double negativeSlope;
    private Tensor factor; // 1 where x > 0, negative_slope elsewhere
    private int[] shape;

    public LeakyReLU() { this(0.01); }

    public LeakyReLU(double negativeSlope) { this.negativeSlope = negativeSlope; }

    public double negativeSlope() { return negativeSlope; }

    @Override
    public Tensor forward(Tensor x) {
        Tensor f = x.apply(BinaryOp.GT, 0.0).mul(1.0 - negativeSlope).add(negativeSlope);
        if (recording()) {
            factor = f;
            shape = x.shape();
        }
        return x.mul(f);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return dY.mul(factor);
    }

    @Override
    public String toString() { return "LeakyReLU(negative_slope=" + negativeSlope + ")"; }
}
