package io.cnn4j.loss;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.SmoothL1Loss(reduction='mean', beta=1.0)} (Huber-like): with d = p − t,
 * ℓ = 0.5·d²/β where |d| &lt; β, else |d| − 0.5·β; ∂ℓ/∂p = d/β inside, sign(d) outside. β = 0 is {@link L1Loss}.
 */
public class SmoothL1Loss extends ElementwiseLoss {
    private final double beta;

    public SmoothL1Loss() { this("mean", 1.0); }

    public SmoothL1Loss(String reduction, double beta) {
        super(reduction);
        if (!(beta >= 0)) throw new IllegalArgumentException("SmoothL1Loss: beta must be >= 0, got " + beta);
        this.beta = beta;
    }

    @Override
    protected Tensor elementLoss(Tensor p, Tensor t) {
        Tensor d = p.sub(t), a = d.apply(UnaryOp.ABS);
        if (beta == 0) return a;
        Tensor inside = a.apply(BinaryOp.LT, beta);
        Tensor quadratic = d.mul(d).mul(0.5 / beta), linear = a.sub(0.5 * beta);
        return quadratic.mul(inside).add(linear.mul(inside.mul(-1.0).add(1.0)));
    }

    @Override
    protected Tensor elementDerivative(Tensor p, Tensor t) {
        Tensor d = p.sub(t);
        if (beta == 0) return d.apply(UnaryOp.SIGN);
        Tensor inside = d.apply(UnaryOp.ABS).apply(BinaryOp.LT, beta);
        return d.div(beta).mul(inside).add(d.apply(UnaryOp.SIGN).mul(inside.mul(-1.0).add(1.0)));
    }

    @Override
    public String toString() { return "SmoothL1Loss(reduction='" + reduction().pytorchName() + "', beta=" + beta + ")"; }
}
