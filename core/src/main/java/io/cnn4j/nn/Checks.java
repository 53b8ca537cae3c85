package io.cnn4j.nn;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Input validation shared by the layers. Every message starts with the layer's PyTorch-style description,
 * states the expected and the actual shape, and says how to fix the call.
 */
final class Checks {
    private Checks() {}

    /** Requires {@code x} to be {@code [N, channels, H, W]} with N ≥ 1. */
    static void requireNchw(Object layer, Tensor x, int channels) {
        int[] s = x.shape();
        if (s.length == 3 && s[0] == channels)
            throw new IllegalArgumentException(layer + ": expected a 4-D input [N, " + channels + ", H, W], got the 3-D shape "
                    + Shapes.str(s) + "; add a batch dimension: x.reshape(1, " + s[0] + ", " + s[1] + ", " + s[2] + ")");
        if (s.length != 4)
            throw new IllegalArgumentException(layer + ": expected a 4-D input [N, " + channels + ", H, W], got shape "
                    + Shapes.str(s) + "; images must be NCHW (batch, channels, height, width)");
        if (s[1] != channels)
            throw new IllegalArgumentException(layer + ": expected input [N, " + channels + ", H, W] (" + channels
                    + " channels), got shape " + Shapes.str(s) + " with " + s[1] + " channels; make the previous layer output "
                    + channels + " channels or construct this layer with in_channels=" + s[1]);
        if (s[0] < 1)
            throw new IllegalArgumentException(layer + ": expected a non-empty batch, got shape " + Shapes.str(s));
    }

    /** Requires {@code x} to be 4-D NCHW with any channel count. */
    static void requireNchw(Object layer, Tensor x) {
        int[] s = x.shape();
        if (s.length != 4)
            throw new IllegalArgumentException(layer + ": expected a 4-D input [N, C, H, W], got shape " + Shapes.str(s)
                    + (s.length == 3 ? "; add a batch dimension: x.reshape(1, " + s[0] + ", " + s[1] + ", " + s[2] + ")"
                    : "; images must be NCHW (batch, channels, height, width)"));
    }

    /** Requires the padded spatial size of {@code x} to hold at least one window of {@code g}. */
    static void requireWindowFits(Object layer, Tensor x, ConvGeometry g) {
        int h = x.dim(2), w = x.dim(3);
        int ph = h + g.padTop() + g.padBottom(), pw = w + g.padLeft() + g.padRight();
        if (ph < g.effectiveKernelH() || pw < g.effectiveKernelW()) {
            int minH = Math.max(1, g.effectiveKernelH() - g.padTop() - g.padBottom());
            int minW = Math.max(1, g.effectiveKernelW() - g.padLeft() - g.padRight());
            throw new IllegalArgumentException(layer + ": input spatial size " + h + "x" + w + " (padded " + ph + "x" + pw
                    + ") is smaller than the effective kernel " + g.effectiveKernelH() + "x" + g.effectiveKernelW()
                    + "; got input shape " + Shapes.str(x.shape()) + ", expected [N, C, H, W] with H >= " + minH + " and W >= " + minW
                    + "; use a larger input, more padding or a smaller kernel/dilation");
        }
    }

    /** Requires {@code x} to share dtype and backend with the layer's parameter {@code p}. */
    static void requireCompatible(Object layer, Tensor x, Tensor p) {
        if (x.backend() != p.backend())
            throw new IllegalArgumentException(layer + ": input lives on backend '" + x.backend().name()
                    + "' but the parameters on '" + p.backend().name() + "'; create the input with the model's backend");
        if (x.dtype() != p.dtype())
            throw new IllegalArgumentException(layer + ": input dtype " + x.dtype() + " but parameters are " + p.dtype()
                    + "; cast the input with backend.cast(x, DType." + p.dtype() + ")");
    }

    /** Requires that forward ran and {@code dY} has the shape forward produced. */
    static void requireGrad(Object layer, Tensor dY, int[] outputShape) {
        if (outputShape == null)
            throw new IllegalStateException(layer + ": backward called before forward (a forward inside InferenceMode records nothing"
                    + " for backward); call forward(x) outside InferenceMode first");
        if (!Arrays.equals(dY.shape(), outputShape))
            throw new IllegalArgumentException(layer + ": backward expects a gradient shaped like the last output "
                    + Shapes.str(outputShape) + ", got " + Shapes.str(dY.shape()));
    }
}
