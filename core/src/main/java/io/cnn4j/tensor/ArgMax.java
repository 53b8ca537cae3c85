package io.cnn4j.tensor;

/**
 * Result of {@link Backend#max}: the maximum values and the index along the reduced axis where each was found.
 * {@code indices} has the same shape and dtype as {@code values} and holds exact small integers (0 ≤ i &lt; axis size),
 * which is what {@link Backend#scatter} expects.
 */
public record ArgMax(Tensor values, Tensor indices) {}
