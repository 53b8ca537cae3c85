package io.cnn4j.nn;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Tensor;

/**
 * Sliding windows per channel, the shape pooling and upsampling work in: pooling is {@link #unfold} plus a
 * reduction over the window axis, and its gradient (and nearest upsampling) is {@link #fold} of a per-window
 * spread. Unlike a convolution's [N, C·k, L] columns, channels stay a separate axis: [N, C, k, L] with
 * k = kh·kw window positions and L = oH·oW output positions.
 */
final class ChannelWindows {
    private ChannelWindows() {}

    /** [N, C, H, W] → [N, C, k, L]; positions outside the input read {@code padValue}. */
    static Tensor unfold(Tensor x, ConvGeometry g, double padValue) {
        int n = x.dim(0), c = x.dim(1), l = g.outH(x.dim(2)) * g.outW(x.dim(3));
        return x.backend().reshape(x.backend().unfold(x, g, padValue), n, c, g.kernelSize(), l);
    }

    /** [N, C, k, L] → [N, C, h, w], summing where windows overlap (the adjoint of {@link #unfold}). */
    static Tensor fold(Tensor windows, ConvGeometry g, int h, int w) {
        int n = windows.dim(0), c = windows.dim(1), k = windows.dim(2), l = windows.dim(3);
        return windows.backend().fold(windows.backend().reshape(windows, n, c * k, l), g, h, w);
    }
}
