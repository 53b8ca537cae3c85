package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.SiLU} (swish): y = x·σ(x), any shape; dy/dx = σ(x)·(1 + x·(1 − σ(x))). Uses the SPI's stable
 * {@link UnaryOp#SIGMOID}.
 */
public class SiLU extends Module {
    private Tensor derivative;
    private int[] shape;

    @Override
    public Tensor forward(Tensor x) {
        Tensor s = x.apply(UnaryOp.SIGMOID);
        if (recording()) {
            derivative = s.mul(x.mul(s.mul(-1.0).add(1.0)).add(1.0));
            shape = x.shape();
        }
        return x.mul(s);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return dY.mul(derivative);
    }
}
