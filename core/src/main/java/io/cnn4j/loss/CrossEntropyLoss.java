package io.cnn4j.loss;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)} with
 * class-index targets: for logits {@code [N, K]} and targets {@code y ∈ [0, K)^N}, with log-probabilities
 * {@code q = log softmax(logits)} and ε = label_smoothing, the row loss is
 * {@code (1 − ε)·(−w[y_n]·q[n, y_n]) + ε·(−(1/K)·Σ_k w[k]·q[n, k])} (0 for rows whose target is ignore_index);
 * 'mean' divides the sum by {@code Σ w[y_n]} over the rows not ignored (N without weights), 'none' returns the
 * {@code [N]} row losses. The log-softmax subtracts each row's maximum first, so large logits neither overflow nor
 * lose the result, and the target's log-probability is picked out without multiplying by a one-hot mask, so a
 * non-target logit of −∞ (a masked class) gives a finite loss, as in PyTorch. {@link #backward()} gives
 * dL/dlogits, e.g. {@code (softmax(logits) − onehot(y))/N} with the defaults.
 */
public class CrossEntropyLoss implements Loss<int[]> {
    private final double[] weight;
    private final int ignoreIndex;
    private final Reduction reduction;
    private final double labelSmoothing;
    private Tensor grad;            // for an upstream gradient of 1
    private Tensor probabilities;
    private int rows;

    public CrossEntropyLoss() { this(null, -100, "mean", 0.0); }

    /** PyTorch's arguments in PyTorch's order; {@code weight} may be null (all classes weigh 1). */
    public CrossEntropyLoss(double[] weight, int ignoreIndex, String reduction, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new IllegalArgumentException("CrossEntropyLoss: label_smoothing must be in [0, 1], got " + labelSmoothing);
        this.weight = weight == null ? null : weight.clone();
        this.ignoreIndex = ignoreIndex;
        this.reduction = Reduction.of(reduction, "CrossEntropyLoss");
        this.labelSmoothing = labelSmoothing;
    }

    /** The loss: a scalar tensor (shape {@code []}) for 'mean' and 'sum', the {@code [N]} row losses for 'none'. */
    @Override
    public Tensor forward(Tensor logits, int[] targets) {
        ClassTargets ct = new ClassTargets(this, logits, targets, weight, ignoreIndex);
        int n = ct.n, k = ct.k;
        double eps = labelSmoothing;
        Backend b = logits.backend();
        Tensor shifted = logits.sub(b.max(logits, 1, true).values());            // ≤ 0, max 0 per row
        Tensor logSumExp = b.sum(shifted.apply(UnaryOp.EXP), new int[]{1}, true).apply(UnaryOp.LOG); // [N, 1]
        Tensor logProb = shifted.sub(logSumExp);
        probabilities = logProb.apply(UnaryOp.EXP);
        rows = n;

        double[] w = weight != null ? weight : ones(k);
        double wSum = 0;
        for (double v : w) wSum += v;
        double[] mask = new double[n], rowScale = new double[n], constant = ct.weightedOnehot();
        for (int i = 0; i < n; i++) {
            mask[i] = ct.ignored[i] ? 0 : 1;
            rowScale[i] = (1 - eps) * ct.coefficient[i] + eps / k * mask[i] * wSum;
            for (int c = 0; c < k; c++) constant[i * k + c] = (1 - eps) * constant[i * k + c] + eps / k * mask[i] * w[c];
        }
        Tensor loss = ct.pick(logProb).mul(b.fromHost(ct.coefficient, logits.dtype(), n)).mul(-(1 - eps));    // [N]
        if (eps > 0) {
            Tensor smooth = b.sum(logProb.mul(b.fromHost(w, logits.dtype(), 1, k)), new int[]{1}, false)
                    .mul(b.fromHost(mask, logits.dtype(), n)).mul(-eps / k);
            loss = loss.add(smooth);
        }
        // dL/dlogits per row: rowScale·p − ((1 − ε)·w[y]·onehot + (ε/K)·w), zero for ignored rows
        grad = probabilities.mul(b.fromHost(rowScale, logits.dtype(), n, 1)).sub(b.fromHost(constant, logits.dtype(), n, k));
        switch (reduction) {
            case NONE: return loss;
            case SUM: return loss.sumAll();
            default:
                grad = grad.div(ct.denominator);
                return loss.sumAll().div(ct.denominator);
        }
    }

    private static double[] ones(int k) {
        double[] d = new double[k];
        java.util.Arrays.fill(d, 1.0);
        return d;
    }

    /** dL/dlogits for 'mean' or 'sum'; for 'none' use {@link #backward(Tensor)}. */
    @Override
    public Tensor backward() { return backward(null); }

    /** dL/dlogits given dL/dloss ({@code null} = 1 for 'mean'/'sum'; {@code [N]} for 'none'). */
    public Tensor backward(Tensor gradOutput) {
        if (grad == null) throw new IllegalStateException(this + ": backward called before forward");
        return reduction.chain(toString(), grad, gradOutput, new int[]{rows}, new int[]{rows, 1});
    }

    /** softmax(logits) of the most recent forward, {@code [N, K]}. */
    public Tensor probabilities() {
        if (probabilities == null) throw new IllegalStateException(this + ": probabilities requested before forward");
        return probabilities;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("CrossEntropyLoss(");
        String sep = "";
        if (weight != null) { s.append("weight=").append(java.util.Arrays.toString(weight)); sep = ", "; }
        if (ignoreIndex != -100) { s.append(sep).append("ignore_index=").append(ignoreIndex); sep = ", "; }
        if (reduction != Reduction.MEAN) { s.append(sep).append("reduction='").append(reduction.pytorchName()).append("'"); sep = ", "; }
        if (labelSmoothing != 0) s.append(sep).append("label_smoothing=").append(labelSmoothing);
        return s.append(")").toString();
    }
}
