package io.cnn4j.examples.models;

import io.cnn4j.tensor.Tensor;

/**
 * One fixed batch of generated data for benchmarks: the model input and the clean image the denoisers are trained
 * towards with the mean squared error.
 *
 * @param input  the noisy batch {@code [N, 3, H, W]}
 * @param target the clean batch, same shape
 */
public record SyntheticBatch(Tensor input, Tensor target) {}
