package io.cnn4j.loss;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.BCEWithLogitsLoss(reduction='mean')} (no weight, no pos_weight): binary cross-entropy of a logit
 * x and a target t ∈ [0, 1], in PyTorch's stable form ℓ = max(x, 0) − x·t + log(1 + exp(−|x|)); ∂ℓ/∂x = σ(x) − t.
 */
public class BCEWithLogitsLoss extends ElementwiseLoss {
    public BCEWithLogitsLoss() { this("mean"); }

    public BCEWithLogitsLoss(String reduction) { super(reduction); }

    @Override
    protected Tensor elementLoss(Tensor x, Tensor t) {
        Tensor softplusNegAbs = x.apply(UnaryOp.ABS).mul(-1.0).apply(UnaryOp.EXP).add(1.0).apply(UnaryOp.LOG);
        return x.apply(BinaryOp.MAX, 0.0).sub(x.mul(t)).add(softplusNegAbs);
    }

    @Override
    protected Tensor elementDerivative(Tensor x, Tensor t) { return x.apply(UnaryOp.SIGMOID).sub(t); }
}
