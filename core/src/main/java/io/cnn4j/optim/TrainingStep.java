package io.cnn4j.optim;

import io.cnn4j.loss.Loss;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

import java.util.function.Supplier;

/**
 * One optimisation step, written once: inside the backend's {@link MemoryScope}, zero the gradients, forward,
 * loss, a non-finite check, backward, optimizer step, then the scheduler (if any). The loss value comes back to the
 * host (which also waits for an asynchronous device).
 *
 * <p>A NaN or infinite loss stops the step before backward, so the weights and the optimizer state stay those of
 * the last good step, and throws {@link IllegalStateException} naming the step and the value: a diverging run
 * shows instead of silently writing NaN weights.
 *
 * @param <T> the loss's target type ({@code Tensor} or {@code int[]} class indices)
 */
public final class TrainingStep<T> {
    private final Module model;
    private final Loss<T> loss;
    private final Optimizer optimizer;
    private final LRScheduler scheduler;
    private long steps;

    /** {@code scheduler} may be null. */
    public TrainingStep(Module model, Loss<T> loss, Optimizer optimizer, LRScheduler scheduler) {
        if (model == null || loss == null || optimizer == null)
            throw new IllegalArgumentException("TrainingStep: model, loss and optimizer are required");
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.scheduler = scheduler;
    }

    /**
     * Runs one step on the batch that {@code input} creates (called inside the step's memory scope, so a device
     * backend frees the batch with the step's temporaries) against {@code target}; returns the loss.
     */
    public double run(Backend backend, Supplier<Tensor> input, T target) {
        try (MemoryScope scope = backend.scope()) {
            model.train();
            optimizer.zeroGrad();
            double value = loss.forward(model.forward(input.get()), target).item();
            if (!Double.isFinite(value))
                throw new IllegalStateException("training diverged at step " + (steps + 1) + ": the loss is " + value
                        + "; the weights are those of the last finite step; lower the learning rate or clip gradients");
            model.backward(loss.backward());
            optimizer.step();
            if (scheduler != null) scheduler.step();
            steps++;
            return value;
        }
    }

    /** Steps completed by this helper. */
    public long steps() { return steps; }
}
