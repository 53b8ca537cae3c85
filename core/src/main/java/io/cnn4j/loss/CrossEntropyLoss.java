package io.cnn4j.loss;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * {@code torch.nn.CrossEntropyLoss()} with class-index targets and reduction 'mean': for logits {@code [N, K]} and
 * targets {@code y ∈ [0, K)^N}, L = -(1/N) Σ_n log softmax(logits_n)[y_n]. The log-softmax subtracts each row's
 * maximum first, so large logits neither overflow nor lose the result. The target's log-probability is picked
 * out without multiplying by a one-hot mask, so a non-target logit of −∞ (a masked class) gives a finite loss, as
 * in PyTorch. {@link #backward()} gives dL/dlogits = (softmax(logits) - onehot(y))/N.
 */
public class CrossEntropyLoss implements Loss {
    private Tensor grad;
    private Tensor probabilities;

    /** The mean cross-entropy as a scalar tensor (shape {@code []}). */
    public Tensor forward(Tensor logits, int[] targets) {
        if (logits.rank() != 2)
            throw new IllegalArgumentException(this + ": expected logits [N, K] (batch, classes), got shape " + Shapes.str(logits.shape())
                    + (logits.rank() == 4 ? "; insert Flatten() and Linear(..., K) before the loss" : ""));
        int n = logits.dim(0), k = logits.dim(1);
        if (targets == null || targets.length != n)
            throw new IllegalArgumentException(this + ": expected " + n + " target class indices (one per row of logits "
                    + Shapes.str(logits.shape()) + "), got " + (targets == null ? "null" : targets.length));
        if (n < 1 || k < 1) throw new IllegalArgumentException(this + ": logits " + Shapes.str(logits.shape()) + " must be non-empty");
        double[] onehot = new double[n * k];
        double[] logOnehot = new double[n * k];   // 0 at the target, −∞ elsewhere
        java.util.Arrays.fill(logOnehot, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= k)
                throw new IllegalArgumentException(this + ": target " + targets[i] + " at index " + i + " is out of bounds for "
                        + k + " classes; class indices must be in [0, " + (k - 1) + "]");
            onehot[i * k + targets[i]] = 1.0;
            logOnehot[i * k + targets[i]] = 0.0;
        }
        Backend b = logits.backend();
        Tensor oh = b.fromHost(onehot, logits.dtype(), n, k);
        Tensor shifted = logits.sub(b.max(logits, 1, true).values());            // ≤ 0, max 0 per row
        Tensor logSumExp = b.sum(shifted.apply(UnaryOp.EXP), new int[]{1}, true).apply(UnaryOp.LOG); // [N, 1]
        Tensor logProb = shifted.sub(logSumExp);
        probabilities = logProb.apply(UnaryOp.EXP);
        grad = probabilities.sub(oh).div((double) n);
        // max over each row of logProb + log(onehot) is exactly the target's log-probability: every other entry is −∞
        Tensor picked = b.max(logProb.add(b.fromHost(logOnehot, logits.dtype(), n, k)), 1, false).values();   // [N]
        return picked.sumAll().mul(-1.0 / n);
    }

    @Override
    public Tensor backward() {
        if (grad == null) throw new IllegalStateException(this + ": backward called before forward");
        return grad;
    }

    /** softmax(logits) of the most recent forward, {@code [N, K]}. */
    public Tensor probabilities() {
        if (probabilities == null) throw new IllegalStateException(this + ": probabilities requested before forward");
        return probabilities;
    }

    @Override
    public String toString() { return "CrossEntropyLoss()"; }
}
