package io.cnn4j.examples.distributed;

import io.cnn4j.nn.Module;

/**
 * A running data-parallel engine: computes each step's global-batch gradient on its workers from the driver's
 * current weights, so that the driver applies one ordinary optimizer step. Closing it releases the workers.
 */
public interface GradientExchange extends AutoCloseable {

    /**
     * Sends {@code model}'s current parameters and buffers to the workers, lets each compute its shard of step
     * {@code step}, and writes the summed gradient into {@code model}'s parameter gradients (replacing what was
     * there). Buffers that the forward pass updates (BatchNorm running statistics) are replaced by the shards'
     * values weighted by shard size. Returns the global batch's loss.
     *
     * @throws IllegalArgumentException when the workers cannot run the step for a reason the user can fix
     */
    double gradients(long step, Module model);

    @Override
    void close();
}
