package io.cnn4j.examples.models;

import io.cnn4j.nn.Context;
import io.cnn4j.nn.Module;
import io.cnn4j.optim.Optimizer;
import io.cnn4j.optim.SGD;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;

/**
 * A model the CLI knows by name ({@code --model NAME}): how to build it, what input it takes and what a
 * representative training batch looks like. Register new ones in {@link ModelRegistry}.
 */
public interface ModelSpec {

    /** The {@code --model} name, lower case. */
    String name();

    /** One line for listings: architecture and input size. */
    String description();

    /** The input shape for a batch of {@code batch} samples ({@code [N, C, H, W]}). */
    int[] inputShape(int batch);

    /** A freshly initialised model; parameters come from {@code ctx} (backend, dtype, seed). */
    Module create(Context ctx);

    /**
     * A batch of random data of the right shapes and value ranges, with the loss the model is trained with,
     * deterministic in {@code seed} and identical on every backend.
     */
    SyntheticBatch syntheticBatch(Backend backend, DType dtype, int batch, long seed);

    /** The optimizer this model is trained with, over {@code net}'s parameters; plain SGD unless a model says otherwise. */
    default Optimizer optimizer(Module net, double lr) { return new SGD(net.namedParameters(), lr); }

    /** The learning rate {@link #optimizer} is used with when none is given. */
    default double defaultLr() { return 0.01; }
}
