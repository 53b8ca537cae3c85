package io.cnn4j.loss;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/** {@code torch.nn.L1Loss(reduction='mean')}: ℓ = |p − t|; ∂ℓ/∂p = sign(p − t) (0 at p = t, as PyTorch). */
public class L1Loss extends ElementwiseLoss {
    public L1Loss() { this("mean"); }

    public L1Loss(String reduction) { super(reduction); }

    @Override
    protected Tensor elementLoss(Tensor p, Tensor t) { return p.sub(t).apply(UnaryOp.ABS); }

    @Override
    protected Tensor elementDerivative(Tensor p, Tensor t) { return p.sub(t).apply(UnaryOp.SIGN); }
}
