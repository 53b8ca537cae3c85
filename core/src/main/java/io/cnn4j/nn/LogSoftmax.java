package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.LogSoftmax(dim)}: {@code y = (x − max) − log Σ exp(x − max)} along {@code dim}, any shape,
 * stable for large logits. Backward: {@code dx = dy − exp(y) ⊙ Σ dy} along {@code dim}. Feeds {@code NLLLoss}.
 */
public class LogSoftmax extends Module {
    private final int dim;
    private Tensor y;

    public LogSoftmax(int dim) { this.dim = dim; }

    @Override
    public Tensor forward(Tensor x) {
        int d = Shapes.normalizeAxis(dim, x.rank(), toString());
        Tensor shifted = x.sub(x.backend().max(x, d, true).values());
        Tensor out = shifted.sub(shifted.apply(UnaryOp.EXP).sum(true, d).apply(UnaryOp.LOG));
        if (recording()) y = out;
        return out;
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, y == null ? null : y.shape());
        int d = Shapes.normalizeAxis(dim, y.rank(), toString());
        return dY.sub(y.apply(UnaryOp.EXP).mul(dY.sum(true, d)));
    }

    @Override
    public String toString() { return "LogSoftmax(dim=" + dim + ")"; }
}
