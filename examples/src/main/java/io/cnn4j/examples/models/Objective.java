package io.cnn4j.examples.models;

import io.cnn4j.loss.CrossEntropyLoss;
import io.cnn4j.loss.MSELoss;
import io.cnn4j.tensor.Tensor;

/**
 * A loss with its target already bound, so training code can treat regression (MSE against an image) and
 * classification (cross-entropy against labels) alike: {@code forward(prediction)} returns the scalar loss and
 * {@link #backward()} dL/d(prediction) for the most recent forward.
 */
public interface Objective {

    /** The loss for {@code prediction} as a scalar tensor (shape {@code []}). */
    Tensor forward(Tensor prediction);

    /** dL/d(prediction) for the most recent {@link #forward}, shaped like the prediction. */
    Tensor backward();

    /** Mean squared error against {@code target} (same shape as the prediction). */
    static Objective mse(Tensor target) {
        MSELoss loss = new MSELoss();
        return new Objective() {
            @Override public Tensor forward(Tensor prediction) { return loss.forward(prediction, target); }
            @Override public Tensor backward() { return loss.backward(); }
            @Override public String toString() { return loss.toString(); }
        };
    }

    /** Mean cross-entropy of logits {@code [N, K]} against class indices {@code labels} (length N). */
    static Objective crossEntropy(int[] labels) {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        int[] copy = labels.clone();
        return new Objective() {
            @Override public Tensor forward(Tensor prediction) { return loss.forward(prediction, copy); }
            @Override public Tensor backward() { return loss.backward(); }
            @Override public String toString() { return loss.toString(); }
        };
    }
}
