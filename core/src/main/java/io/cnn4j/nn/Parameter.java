package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;

/**
 * A trainable tensor and its accumulated gradient (same shape, same backend). Optimizers update {@link #value()}
 * in place; {@code backward} adds into {@link #grad()} in place; {@link Module#zeroGrad()} fills it with zeros.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;
    private volatile boolean requiresGrad = true;

    public Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = value.backend().zeros(value.dtype(), value.shape());
    }

    /** Local name within its module ("weight", "bias"). */
    public String name() { return name; }

    public Tensor value() { return value; }

    public Tensor grad() { return grad; }

    /** Whether optimizers update this parameter ({@code requires_grad}); false freezes it. Default true. */
    public boolean requiresGrad() { return requiresGrad; }

    /** PyTorch's {@code requires_grad_(flag)}: {@code false} freezes the parameter (optimizers skip it); returns this. */
    public Parameter requiresGrad(boolean flag) {
        requiresGrad = flag;
        return this;
    }
}
