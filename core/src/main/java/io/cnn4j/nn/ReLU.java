package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.ReLU}: y = max(x, 0), any shape. As in PyTorch, NaN propagates (relu(NaN) = NaN, so divergence
 * shows instead of being hidden), the gradient at x = 0 is 0, and the backward passes dL/dY wherever x is not
 * ≤ 0 (for x &gt; 0 and for NaN). Forward and backward are the backend's fused {@code relu} and {@code reluBackward}
 * (PyTorch's {@code threshold_backward} on the output).
 */
public class ReLU extends Module {
    private Tensor output;

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = x.backend().relu(x);
        if (recording()) output = y;
        return y;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, output == null ? null : output.shape());
        return dY.backend().reluBackward(dY, output);
    }
}
