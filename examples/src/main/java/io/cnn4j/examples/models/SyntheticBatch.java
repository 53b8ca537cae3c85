package io.cnn4j.examples.models;

import io.cnn4j.tensor.Tensor;

/** One fixed batch of generated data for benchmarks: the model input and the objective (loss + bound target). */
public record SyntheticBatch(Tensor input, Objective objective) {}
