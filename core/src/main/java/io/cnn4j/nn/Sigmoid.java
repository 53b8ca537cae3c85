package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/** {@code torch.nn.Sigmoid}: y = 1/(1+e^-x), any shape; dX = dY·y·(1-y). */
public class Sigmoid extends Module {
    private Tensor y;

    @Override
    public Tensor forward(Tensor x) {
        Tensor out = x.apply(UnaryOp.SIGMOID);
        if (recording()) y = out;
        return out;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, y == null ? null : y.shape());
        return dY.mul(y.mul(y.mul(-1.0).add(1.0)));
    }
}
