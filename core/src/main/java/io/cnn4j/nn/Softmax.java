package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.Softmax(dim)}: {@code y = exp(x − max) / Σ exp(x − max)} along {@code dim} (negative counts from
 * the end), any shape; the row maximum is subtracted first so large logits cannot overflow, and −∞ entries get
 * probability 0. Backward: {@code dx = y ⊙ (dy − Σ dy ⊙ y)} along {@code dim}. PyTorch's implicit-dim form is
 * deprecated there and not offered here.
 */
public class Softmax extends Module {
    private final int dim;
    private Tensor y;

    public Softmax(int dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor x) {
        int d = Shapes.normalizeAxis(dim, x.rank(), toString());
        Tensor e = x.sub(x.backend().max(x, d, true).values()).apply(UnaryOp.EXP);
        Tensor out = e.div(e.sum(true, d));
        if (recording()) y = out;
        return out;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, y == null ? null : y.shape());
        int d = Shapes.normalizeAxis(dim, y.rank(), toString());
        return y.mul(dY.sub(dY.mul(y).sum(true, d)));
    }

    @Override
    public String toString() { return "Softmax(dim=" + dim + ")"; }
}
