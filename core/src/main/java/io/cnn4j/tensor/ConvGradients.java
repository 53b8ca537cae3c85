package io.cnn4j.tensor;

/**
 * The gradients of a convolution's loss with respect to its three inputs, as PyTorch's
 * {@code aten::convolution_backward} returns them.
 *
 * @param input  ∂L/∂input, shaped like the forward input {@code [N, in, H, W]}
 * @param weight ∂L/∂weight, shaped like the weight (summed over the batch)
 * @param bias   ∂L/∂bias {@code [out]} (summed over batch and positions), or {@code null} when not requested
 */
public record ConvGradients(Tensor input, Tensor weight, Tensor bias) {}
