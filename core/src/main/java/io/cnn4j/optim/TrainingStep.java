package io.cnn4j.optim;

import io.cnn4j.loss.Loss;
import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * One optimisation step, written once: inside the backend's {@link MemoryScope}, zero the gradients, forward,
 * loss, a non-finite check, backward, optimizer step, then the scheduler (if any). The loss value comes back to the
 * host (which also waits for an asynchronous device).
 *
 * <p>A NaN or infinite loss stops the step before the optimizer step, so the weights and the optimizer state stay
 * those of the last good step, and throws {@link TrainingDivergedException} naming the step and the value: a
 * diverging run shows instead of silently writing NaN weights.
 *
 * <p>{@link #run(Backend, DoubleSupplier)} is the same step with the gradients computed elsewhere — by
 * data-parallel workers, or over several micro-batches — in place of forward, loss and backward.
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
        this(model, loss, optimizer, scheduler, true);
    }

    /**
     * A step whose gradients always come from {@link #run(Backend, DoubleSupplier)} (no loss of its own);
     * {@code scheduler} may be null.
     */
    public static TrainingStep<Void> withExternalGradients(Module model, Optimizer optimizer, LRScheduler scheduler) {
        return new TrainingStep<>(model, null, optimizer, scheduler, false);
    }

    private TrainingStep(Module model, Loss<T> loss, Optimizer optimizer, LRScheduler scheduler, boolean needsLoss) {
        if (model == null || (needsLoss && loss == null) || optimizer == null)
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
        if (loss == null) throw new IllegalStateException("TrainingStep: this step has no loss; its gradients come from run(backend, gradients)");
        return step(backend, () -> {
            double value = loss.forward(model.forward(input.get()), target).item();
            requireFinite(value);
            model.backward(loss.backward());
            return value;
        });
    }

    /**
     * Runs one step whose gradients {@code gradients} computes (inside the step's memory scope, after the gradients
     * were zeroed): it must leave dL/dθ in the parameters' gradients and return the loss.
     */
    public double run(Backend backend, DoubleSupplier gradients) {
        return step(backend, () -> {
            double value = gradients.getAsDouble();
            requireFinite(value);
            return value;
        });
    }

    private double step(Backend backend, DoubleSupplier forwardAndBackward) {
        try (MemoryScope scope = backend.scope()) {
            model.train();
            optimizer.zeroGrad();
            double value = forwardAndBackward.getAsDouble();
            optimizer.step();
            if (scheduler != null) scheduler.step();
            steps++;
            return value;
        }
    }

    private void requireFinite(double value) {
        if (!Double.isFinite(value)) throw new TrainingDivergedException(steps + 1, value);
    }

    /** Steps completed by this helper. */
    public long steps() { return steps; }
}
