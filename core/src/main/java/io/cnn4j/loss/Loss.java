package io.cnn4j.loss;

import io.cnn4j.tensor.Tensor;

/**
 * A training criterion with an explicit gradient. Each implementation has a {@code forward(prediction, target)}
 * that returns the loss as a scalar tensor (shape {@code []}) and caches what {@link #backward()} needs.
 */
public interface Loss {

    /** dL/d(prediction) for the most recent forward, shaped like the prediction. */
    Tensor backward();
}
