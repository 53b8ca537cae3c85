package io.cnn4j.loss;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

/**
 * Class-index targets of {@link NLLLoss} and {@link CrossEntropyLoss}, validated against scores {@code [N, K]}, with
 * PyTorch's {@code weight} (per class, default all 1) and {@code ignore_index} (rows whose target equals it count
 * for nothing, default −100): row n has coefficient {@code c[n] = weight[target[n]]} (0 when ignored), and the
 * 'mean' reduction divides by {@code Σ c[n]}, as PyTorch does.
 */
final class ClassTargets {
    final int n, k;
    final int[] targets;
    final double[] coefficient;     // weight[target[n]], 0 when ignored
    final boolean[] ignored;
    final double denominator;       // Σ coefficient

    ClassTargets(Object loss, Tensor scores, int[] targets, double[] weight, int ignoreIndex) {
        if (scores.rank() != 2)
            throw new IllegalArgumentException(loss + ": expected scores [N, K] (batch, classes), got shape " + Shapes.str(scores.shape())
                    + (scores.rank() == 4 ? "; insert Flatten() and Linear(..., K) before the loss" : ""));
        n = scores.dim(0);
        k = scores.dim(1);
        if (targets == null || targets.length != n)
            throw new IllegalArgumentException(loss + ": expected " + n + " target class indices (one per row of "
                    + Shapes.str(scores.shape()) + "), got " + (targets == null ? "null" : targets.length));
        if (n < 1 || k < 1) throw new IllegalArgumentException(loss + ": scores " + Shapes.str(scores.shape()) + " must be non-empty");
        if (weight != null && weight.length != k)
            throw new IllegalArgumentException(loss + ": weight has " + weight.length + " entries but there are " + k + " classes");
        this.targets = targets.clone();
        coefficient = new double[n];
        ignored = new boolean[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (targets[i] == ignoreIndex) { ignored[i] = true; continue; }
            if (targets[i] < 0 || targets[i] >= k)
                throw new IllegalArgumentException(loss + ": target " + targets[i] + " at index " + i + " is out of bounds for "
                        + k + " classes; class indices must be in [0, " + (k - 1) + "] (or ignore_index " + ignoreIndex + ")");
            coefficient[i] = weight == null ? 1.0 : weight[targets[i]];
            sum += coefficient[i];
        }
        denominator = sum;
    }

    /** 0 at each row's target, −∞ elsewhere (ignored rows: all 0, so they pick the row maximum), {@code [N, K]}. */
    double[] logOnehot() {
        double[] d = new double[n * k];
        java.util.Arrays.fill(d, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            if (ignored[i]) java.util.Arrays.fill(d, i * k, (i + 1) * k, 0.0);
            else d[i * k + targets[i]] = 0.0;
        }
        return d;
    }

    /** coefficient[n]·onehot, {@code [N, K]}. */
    double[] weightedOnehot() {
        double[] d = new double[n * k];
        for (int i = 0; i < n; i++) if (!ignored[i]) d[i * k + targets[i]] = coefficient[i];
        return d;
    }

    /**
     * {@code s[row]} picked from a {@code [N, K]} tensor at each row's target (any value, including −∞, exactly:
     * the maximum of {@code s + log onehot}), {@code [N]}; ignored rows read their maximum (callers weight them by 0).
     */
    Tensor pick(Tensor s) {
        return s.backend().max(s.add(s.backend().fromHost(logOnehot(), s.dtype(), n, k)), 1, false).values();
    }
}
