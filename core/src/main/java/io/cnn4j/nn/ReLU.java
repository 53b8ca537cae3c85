package io.cnn4j.nn;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.ReLU}: y = max(x, 0), any shape. As in PyTorch, NaN propagates (relu(NaN) = NaN, so divergence
 * shows instead of being hidden), the gradient at x = 0 is 0, and the backward passes dL/dY wherever x is not
 * ≤ 0 (for x &gt; 0 and for NaN).
 */
public class ReLU extends Module {
    private Tensor mask; // 1 where !(x <= 0), i.e. x > 0 or NaN
    private int[] shape;

    @Override
    public Tensor forward(Tensor x) {
        mask = x.apply(BinaryOp.LE, 0.0).mul(-1.0).add(1.0);
        shape = x.shape();
        return x.apply(BinaryOp.MAX, 0.0);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, shape);
        return dY.mul(mask);
    }
}
