package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

/** {@code torch.nn.Identity}: returns its input unchanged; the gradient passes through. */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor x) { return x; }

    @Override
    public Tensor backward(Tensor dY) { return dY; }
}
