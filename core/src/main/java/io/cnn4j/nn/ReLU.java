package io.cnn4j.nn;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/** {@code torch.nn.ReLU}: y = max(x, 0), any shape. The gradient at x = 0 is 0, as PyTorch. */
public class ReLU extends Module {
    private Tensor mask; // 1 where x > 0
    private int[] shape;

    @Override
    public Tensor forward(Tensor x) {
        mask = x.apply(BinaryOp.GT, 0.0);
        shape = x.shape();
        return x.apply(UnaryOp.RELU);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return dY.mul(mask);
    }
}
