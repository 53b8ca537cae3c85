package io.cnn4j.nn;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * A trainable tensor and its accumulated gradient (same shape, same backend). Optimizers update {@link #value()}
 * in place; a module's {@code backward} adds into the gradient with {@link #accumulateGrad}.
 *
 * <p>The gradient is either <em>present</em> or <em>absent</em>, PyTorch's {@code p.grad is not None}: it is absent
 * at construction and after {@link #zeroGrad()} (PyTorch's {@code zero_grad(set_to_none=True)}), and present once a
 * backward (or {@link #setGrad}) wrote it. Optimizers and {@code ClipGrad} skip a parameter whose gradient is absent
 * (e.g. one in a branch the loss did not reach), so its value and optimizer state stay bit-exactly as they were. The
 * storage is kept either way: {@link #grad()} reads zeros while the gradient is absent.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private volatile boolean requiresGrad = true;
    private boolean hasGrad;

    public Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = value.backend().zeros(value.dtype(), value.shape());
    }

    /** Local name within its module ("weight", "bias"). */
    public String name() { return name; }

    public Tensor value() { return value; }

    /** The gradient storage: the accumulated gradient when {@link #hasGrad()}, else zeros. Write it through {@link #accumulateGrad} / {@link #setGrad}. */
    public Tensor grad() { return grad; }

    /** Whether a gradient was written since construction or the last {@link #zeroGrad()} (PyTorch's {@code grad is not None}). */
    public boolean hasGrad() { return hasGrad; }

    /** {@code grad += g} and marks the gradient present; what {@code backward} calls. {@code g} must have the parameter's shape. */
    public void accumulateGrad(Tensor g) {
        requireShape(g);
        grad.backend().axpy(1.0, g, grad);
        hasGrad = true;
    }

    /** {@code grad = g} (a copy) and marks the gradient present; for gradients computed outside backward (e.g. averaged over workers). */
    public void setGrad(Tensor g) {
        requireShape(g);
        grad.backend().copy(g, grad);
        hasGrad = true;
    }

    /** Zeros the gradient and marks it absent (PyTorch's {@code zero_grad(set_to_none=True)}). */
    public void zeroGrad() {
        grad.backend().fill(grad, 0.0);
        hasGrad = false;
    }

    private void requireShape(Tensor g) {
        if (!Arrays.equals(g.shape(), grad.shape()))
            throw new IllegalArgumentException("parameter '" + name + "': gradient of shape " + Shapes.str(g.shape())
                    + " does not match the parameter's shape " + Shapes.str(grad.shape()));
    }

    /** Whether optimizers update this parameter ({@code requires_grad}); false freezes it. Default true. */
    public boolean requiresGrad() { return requiresGrad; }

    /** PyTorch's {@code requires_grad_(flag)}: {@code false} freezes the parameter (optimizers skip it); returns this. */
    public Parameter requiresGrad(boolean flag) {
        requiresGrad = flag;
        return this;
    }

    /** Whether an optimizer updates this parameter this step: it requires a gradient and one is present. */
    public boolean isUpdatable() { return requiresGrad && hasGrad; }
}
