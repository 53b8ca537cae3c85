package io.cnn4j.optim;

import io.cnn4j.nn.Parameter;
import io.cnn4j.tensor.Tensor;

import java.util.Collection;

/** {@code torch.nn.utils.clip_grad_norm_}: gradient clipping by the global norm. */
public final class ClipGrad {
    private ClipGrad() {}

    /**
     * Scales every gradient in place by {@code min(1, maxNorm / (total + 1e-6))}, where {@code total} is the L2 norm
     * of all gradients together (frozen parameters and those whose gradient is absent, {@link Parameter#hasGrad()}
     * false, are left out, as PyTorch leaves out those whose {@code grad} is None), and returns {@code total}, as PyTorch's {@code clip_grad_norm_(parameters,
     * max_norm)}. A non-finite total (a NaN or ∞ gradient) is returned as is and makes every gradient NaN, as in
     * PyTorch with {@code error_if_nonfinite=False}; check the result to stop a diverging run.
     */
    public static double clipGradNorm(Collection<Parameter> parameters, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clip_grad_norm_: max_norm must be > 0, got " + maxNorm);
        double sumSquares = 0;
        for (Parameter p : parameters) {
            if (!p.isUpdatable()) continue;
            Tensor g = p.grad();
            sumSquares += g.mul(g).sumAll().item();
        }
        double total = Math.sqrt(sumSquares);
        double coef = Math.min(1.0, maxNorm / (total + 1e-6));
        if (Double.isNaN(total)) coef = Double.NaN;
        for (Parameter p : parameters) {
            if (!p.isUpdatable()) continue;
            Tensor g = p.grad();
            g.backend().copy(g.mul(coef), g);
        }
        return total;
    }
}
