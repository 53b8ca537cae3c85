package io.cnn4j.loss;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')}: for log-probabilities {@code [N, K]}
 * (e.g. from {@code LogSoftmax(1)}) and targets {@code y ∈ [0, K)^N}, the per-row loss is
 * {@code −weight[y_n]·input[n, y_n]} (0 for rows whose target is {@code ignore_index}); 'mean' divides the sum by
 * {@code Σ weight[y_n]} over the rows not ignored, 'none' returns the {@code [N]} row losses.
 */
public class NLLLoss implements Loss<int[]> {
    private final double[] weight;
    private final int ignoreIndex;
    private final Reduction reduction;
    private ClassTargets targets;
    private Tensor like;

    public NLLLoss() { this(null, -100, "mean"); }

    public NLLLoss(double[] weight, int ignoreIndex, String reduction) {
        this.weight = weight == null ? null : weight.clone();
        this.ignoreIndex = ignoreIndex;
        this.reduction = Reduction.of(reduction, "NLLLoss");
    }

    @Override
    public Tensor forward(Tensor input, int[] target) {
        targets = new ClassTargets(this, input, target, weight, ignoreIndex);
        like = input;
        Backend b = input.backend();
        Tensor rows = targets.pick(input).mul(b.fromHost(targets.coefficient, input.dtype(), targets.n)).mul(-1.0);
        switch (reduction) {
            case NONE: return rows;
            case SUM: return rows.sumAll();
            default: return rows.sumAll().div(targets.denominator);
        }
    }

    @Override
    public Tensor backward() { return backward(null); }

    /** dL/dinput given dL/dloss ({@code null} = 1 for 'mean'/'sum'; {@code [N]} for 'none'). */
    public Tensor backward(Tensor gradOutput) {
        if (targets == null) throw new IllegalStateException(this + ": backward called before forward");
        Backend b = like.backend();
        Tensor g = b.fromHost(targets.weightedOnehot(), like.dtype(), targets.n, targets.k).mul(-1.0);
        if (reduction == Reduction.MEAN) g = g.div(targets.denominator);
        return reduction.chain(toString(), g, gradOutput, new int[]{targets.n}, new int[]{targets.n, 1});
    }

    @Override
    public String toString() { return "NLLLoss(" + (reduction == Reduction.MEAN ? "" : "reduction='" + reduction.pytorchName() + "'") + ")"; }
}
