package io.cnn4j.examples.distributed;

import io.cnn4j.nn.Module;
import io.cnn4j.tensor.Backend;

import java.io.Serializable;

/**
 * The gradient work of one training run, split by rows of each step's global batch so that several replicas can
 * share it (synchronous data parallelism). It is serialisable: a data-parallel engine ships it to its workers, each
 * of which builds its own replica with {@link #createModel} and its own data from the step number alone (training
 * data is read where the worker runs, never sent with the step).
 *
 * <p>Contract of {@link #accumulate}: for any split of {@code [0, rows(step))} into consecutive ranges, the gradients the
 * ranges add, summed, equal the gradient of the whole batch's loss (up to floating-point summation order), and the
 * returned values sum to the whole batch's loss. A range's loss is therefore weighted by its share
 * {@code (to - from) / rows(step)} of the batch.
 */
public interface ShardGradient extends Serializable {

    /** A replica of the model with the run's architecture, dtype and initialisation, on {@code backend}. */
    Module createModel(Backend backend);

    /** The backend the run asks for ({@code reference}, {@code nd4j}, ...), or null for the configured default. */
    String backendName();

    /** Rows of a full global batch (what {@code --workers} is checked against). */
    int batch();

    /** Rows of step {@code step}'s global batch ({@link #batch()} unless, for example, the last batch of an epoch is short). */
    default int rows(long step) { return batch(); }

    /**
     * Forward and backward of rows {@code [from, to)} ({@code from < to}) of step {@code step}'s global batch with the model in training
     * mode: adds the range's share of the batch gradient into the model's parameter gradients (call
     * {@code zeroGrad} first) and returns the range's share of the batch loss.
     */
    double accumulate(Module model, Backend backend, long step, int from, int to);
}
