package io.cnn4j.optim;

/**
 * Sets an optimizer's learning rate as a function of the epoch/step counter, as {@code torch.optim.lr_scheduler}:
 * construct it after the optimizer (the optimizer's lr becomes the base lr, epoch 0), call {@link #step()} after
 * each {@code optimizer.step()}.
 */
public interface LRScheduler {

    /** Advances the counter by one and updates the optimizer's lr. */
    void step();

    /** The counter (PyTorch's {@code last_epoch}); 0 right after construction. */
    int lastEpoch();

    /** Jumps to counter value {@code epoch} and sets the lr for it (for resuming from a checkpoint). */
    void setLastEpoch(int epoch);

    /** The learning rate for the current counter value. */
    double lr();
}
