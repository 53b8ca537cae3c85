package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * The normalisation shared by {@link GroupNorm}, {@link LayerNorm} and {@link InstanceNorm2d}: for rows
 * {@code [R, M]} (each row one group of one sample), {@code x̂ = (x − mean) / sqrt(var + eps)} with the biased
 * variance over the row, as PyTorch. Backward maps dL/dx̂ to dL/dx:
 * {@code dx = invStd · (g − mean(g) − x̂ · mean(g · x̂))}, means over the row. One instance per layer; it caches
 * x̂ and 1/std of the last forward.
 */
final class RowStandardizer {
    private Tensor xhat, invStd;

    /** x̂ for {@code rows [R, M]}. */
    Tensor forward(Tensor rows, double eps) {
        Tensor centered = rows.sub(rows.mean(true, 1));
        invStd = centered.mul(centered).mean(true, 1).add(eps).apply(UnaryOp.SQRT).apply(UnaryOp.RECIPROCAL);
        xhat = centered.mul(invStd);
        return xhat;
    }

    /** dL/dx {@code [R, M]} from dL/dx̂ {@code [R, M]}. */
    Tensor backward(Tensor g) {
        return g.sub(g.mean(true, 1)).sub(xhat.mul(g.mul(xhat).mean(true, 1))).mul(invStd);
    }
}
