package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * The normalisation shared by {@link GroupNorm}, {@link LayerNorm} and {@link InstanceNorm2d}: for rows
 * {@code [R, M]} (each row one group of one sample), {@code x̂ = (x − mean) / sqrt(var + eps)} with the biased
 * variance over the row, as PyTorch. Backward maps dL/dx̂ to dL/dx:
 * {@code dx = invStd · (g − mean(g) − x̂ · mean(g · x̂))}, means over the row. Stateless: the forward's result is
 * what the backward needs, and the layer keeps it (or not, in {@link InferenceMode}).
 */
final class RowStandardizer {
    private RowStandardizer() {}

    /** x̂ {@code [R, M]} and 1/std {@code [R, 1]} of one forward. */
    record Standardized(Tensor xhat, Tensor invStd) {}

    /** x̂ for {@code rows [R, M]}. */
    static Standardized forward(Tensor rows, double eps) {
        Tensor centered = rows.sub(rows.mean(true, 1));
        Tensor invStd = centered.mul(centered).mean(true, 1).add(eps).apply(UnaryOp.SQRT).apply(UnaryOp.RECIPROCAL);
        return new Standardized(centered.mul(invStd), invStd);
    }

    /** dL/dx {@code [R, M]} from dL/dx̂ {@code [R, M]}, for the forward {@code z}. */
    static Tensor backward(Standardized z, Tensor g) {
        Tensor xhat = z.xhat();
        return g.sub(g.mean(true, 1)).sub(xhat.mul(g.mul(xhat).mean(true, 1))).mul(z.invStd());
    }
}
