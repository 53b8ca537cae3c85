package io.cnn4j.loss;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

import java.util.Arrays;

/**
 * {@code torch.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)}: binary cross-entropy of a
 * logit x and a target t ∈ [0, 1], ℓ = −w·[p·t·log σ(x) + (1 − t)·log(1 − σ(x))], in PyTorch's stable form
 * <pre>
 *   ℓ = w·[(1 − t)·x + (1 + (p − 1)·t)·(log(1 + e^−|x|) + max(−x, 0))]
 *   ∂ℓ/∂x = w·[(1 + (p − 1)·t)·σ(x) − p·t]               (= w·(σ(x) − t) when p = 1)
 * </pre>
 * {@code weight} w rescales each element's loss and broadcasts against the input (e.g. {@code [N, 1]} per sample);
 * {@code pos_weight} p weighs the positive term and broadcasts along the last (class) dimension, e.g. {@code [C]}
 * for an input {@code [N, C]}. Either may be {@code null} (all ones). Both must leave the input's shape unchanged
 * when broadcast, and share its backend and dtype.
 */
public class BCEWithLogitsLoss extends ElementwiseLoss {
    private final Tensor weight, posWeight;

    public BCEWithLogitsLoss() { this("mean"); }

    public BCEWithLogitsLoss(String reduction) { this(null, reduction, null); }

    /** PyTorch's {@code BCEWithLogitsLoss(weight, reduction=reduction, pos_weight=posWeight)}; null means none. */
    public BCEWithLogitsLoss(Tensor weight, String reduction, Tensor posWeight) {
        super(reduction);
        this.weight = weight;
        this.posWeight = posWeight;
    }

    @Override
    protected Tensor elementLoss(Tensor x, Tensor t) {
        requireBroadcastable(x, weight, "weight");
        requireBroadcastable(x, posWeight, "pos_weight");
        Tensor softplusNegAbs = x.apply(UnaryOp.ABS).mul(-1.0).apply(UnaryOp.EXP).add(1.0).apply(UnaryOp.LOG);
        Tensor logSigmoidTerm = softplusNegAbs.add(x.mul(-1.0).apply(BinaryOp.MAX, 0.0));   // −log σ(x)
        Tensor l = t.mul(-1.0).add(1.0).mul(x).add(posWeight == null ? logSigmoidTerm : positiveWeight(t).mul(logSigmoidTerm));
        return weight == null ? l : l.mul(weight);
    }

    @Override
    protected Tensor elementDerivative(Tensor x, Tensor t) {
        Tensor sigmoid = x.apply(UnaryOp.SIGMOID);
        Tensor d = posWeight == null ? sigmoid.sub(t) : positiveWeight(t).mul(sigmoid).sub(t.mul(posWeight));
        return weight == null ? d : d.mul(weight);
    }

    /** 1 + (p − 1)·t. */
    private Tensor positiveWeight(Tensor t) { return t.mul(posWeight.sub(1.0)).add(1.0); }

    private void requireBroadcastable(Tensor x, Tensor w, String name) {
        if (w == null) return;
        Shapes.requireCompatible(toString(), x.backend(), x, w);
        int[] xs = x.shape(), ws = w.shape();
        boolean ok = ws.length <= xs.length;
        for (int i = 1; ok && i <= ws.length; i++) ok = ws[ws.length - i] == 1 || ws[ws.length - i] == xs[xs.length - i];
        if (!ok)
            throw new IllegalArgumentException(this + ": " + name + " of shape " + Shapes.str(ws) + " does not broadcast to the input "
                    + Shapes.str(xs) + "; give it the input's shape or one with size-1 dimensions (pos_weight: [" + xs[xs.length - 1] + "])");
    }

    @Override
    public String toString() {
        String r = reduction() == Reduction.MEAN ? "" : "reduction='" + reduction().pytorchName() + "'";
        String w = weight == null ? "" : "weight=" + Arrays.toString(weight.shape());
        String p = posWeight == null ? "" : "pos_weight=" + Arrays.toString(posWeight.shape());
        return "BCEWithLogitsLoss(" + String.join(", ", java.util.stream.Stream.of(w, r, p).filter(s -> !s.isEmpty()).toList()) + ")";
    }
}
