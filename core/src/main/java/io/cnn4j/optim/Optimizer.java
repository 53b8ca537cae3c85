package io.cnn4j.optim;

import io.cnn4j.tensor.Tensor;

import java.util.Map;

/**
 * Updates parameters in place from their accumulated gradients, with PyTorch's update rules.
 *
 * <p>All per-parameter state is allocated when the optimizer is constructed (never lazily during a step), so a
 * device backend's {@code MemoryScope} around a training step cannot release it. {@link #state()} exposes that
 * state under PyTorch-like names ({@code <param>.momentum_buffer}, {@code <param>.exp_avg},
 * {@code <param>.exp_avg_sq}) plus {@code step} (a scalar holding the number of steps taken), so a checkpoint can
 * resume training exactly.
 */
public interface Optimizer {

    /** Applies one update to every parameter that requires a gradient and has one ({@code Parameter.hasGrad()}); skips the others. */
    void step();

    /** Zeros every parameter's gradient and marks it absent ({@code Parameter.zeroGrad()}). */
    void zeroGrad();

    /** The current learning rate. */
    double lr();

    /** Changes the learning rate (used by schedulers). */
    void setLr(double lr);

    /** Number of {@link #step()} calls so far (including restored ones). */
    long stepCount();

    /**
     * The optimizer's state tensors by name (live tensors, not copies: save them before the next step). The map
     * always contains {@code step}, a scalar tensor.
     */
    Map<String, Tensor> state();

    /**
     * Restores state exported by {@link #state()} of an optimizer of the same kind over the same parameters.
     * Every expected name must be present with the right shape and no other name may appear (strict, like
     * PyTorch's {@code load_state_dict}); values are copied into the existing tensors.
     * Throws {@link IllegalArgumentException} naming the missing, unexpected or mismatched entry.
     */
    void loadState(Map<String, Tensor> state);
}
