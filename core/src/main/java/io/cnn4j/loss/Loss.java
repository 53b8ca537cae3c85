package io.cnn4j.loss;

import io.cnn4j.tensor.Tensor;

/**
 * A training criterion with an explicit gradient, as a PyTorch loss module: {@link #forward} returns the loss
 * (a scalar tensor of shape {@code []} for reductions 'mean' and 'sum') and caches what {@link #backward()} needs;
 * {@link #backward()} returns dL/dprediction for the most recent forward. {@code T} is the target's type: a
 * {@link Tensor} shaped like the prediction (MSELoss, L1Loss, ...) or class indices {@code int[]}
 * (CrossEntropyLoss, NLLLoss).
 */
public interface Loss<T> {

    /** The loss of {@code prediction} against {@code target}. */
    Tensor forward(Tensor prediction, T target);

    /** dL/d(prediction) for the most recent forward, shaped like the prediction. */
    Tensor backward();
}
