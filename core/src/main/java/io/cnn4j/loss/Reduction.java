package io.cnn4j.loss;

import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * PyTorch's {@code reduction} argument of a loss: {@code 'mean'} (the default), {@code 'sum'} or {@code 'none'}
 * (the per-element or per-sample losses, unreduced). With {@code 'none'} the loss is not a scalar, so its backward
 * needs the upstream gradient: {@code backward(gradOutput)} with {@code gradOutput} shaped like the loss.
 */
public enum Reduction {
    MEAN, SUM, NONE;

    /** {@code "mean"}, {@code "sum"} or {@code "none"}; anything else throws naming the loss. */
    public static Reduction of(String name, String loss) {
        if (name != null) switch (name) {
            case "mean": return MEAN;
            case "sum": return SUM;
            case "none": return NONE;
            default: break;
        }
        throw new IllegalArgumentException(loss + ": reduction must be 'mean', 'sum' or 'none', got '" + name + "'");
    }

    /** PyTorch's spelling: {@code mean}, {@code sum}, {@code none}. */
    public String pytorchName() { return name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * The chain rule at the reduction: {@code g} is dL/dinput for an upstream gradient of 1 (scaled for 'mean'
     * already); returns it times {@code gradOutput}: for 'mean'/'sum' a one-element gradient ({@code null} = 1),
     * for 'none' a gradient of shape {@code unreduced}, reshaped to {@code broadcast} (which broadcasts against g).
     */
    Tensor chain(String loss, Tensor g, Tensor gradOutput, int[] unreduced, int[] broadcast) {
        if (this == NONE) {
            if (gradOutput == null || !Arrays.equals(gradOutput.shape(), unreduced))
                throw new IllegalArgumentException(loss + " with reduction='none': backward needs a gradient shaped like the loss "
                        + Shapes.str(unreduced) + ", got " + (gradOutput == null ? "none" : Shapes.str(gradOutput.shape()))
                        + "; call backward(gradOutput)");
            return g.mul(g.backend().reshape(gradOutput, broadcast));
        }
        if (gradOutput == null) return g;
        if (gradOutput.numel() != 1)
            throw new IllegalArgumentException(loss + ": the loss is a scalar, so its gradient must have one element, got "
                    + Shapes.str(gradOutput.shape()));
        return g.mul(gradOutput.item());
    }
}
