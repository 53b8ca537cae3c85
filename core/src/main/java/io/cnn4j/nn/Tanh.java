package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/** {@code torch.nn.Tanh}: y = tanh(x), any shape; dX = dY·(1-y²). */
public class Tanh extends Module {
    private Tensor y;

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x.apply(UnaryOp.TANH);
        if (recording()) y = out;
        return out;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, y == null ? null : y.shape());
        return dY.mul(y.mul(y).mul(-1.0).add(1.0));
    }
}
