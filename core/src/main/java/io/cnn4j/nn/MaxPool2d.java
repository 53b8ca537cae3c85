package io.cnn4j.nn;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.MaxPool2d(kernel_size, stride=kernel_size, padding=0, dilation=1)} (ceil_mode=False):
 * {@code [N,C,H,W] → [N,C,oH,oW]} with the convolution size formula. Padding acts as -∞ (never the maximum) and
 * must be at most half the effective kernel size, as PyTorch requires. On ties the first maximum in the window
 * (row-major) receives the gradient.
 *
 * <p>Forward: {@code unfold(x, padValue=-∞)} reshaped to {@code [N, C, kh·kw, L]}, max with argmax over the window
 * axis; backward scatters dY to the argmax positions and folds back.
 */
public class MaxPool2d extends Module {
    private final int[] kernel, stride, padding, dilation;
    private final ConvGeometry geometry;
    private Tensor argmax;
    private int[] inputShape, outputShape;

    public MaxPool2d(int kernel) { this(kernel, kernel, 0, 1); }

    public MaxPool2d(int kernel, int stride) { this(kernel, stride, 0, 1); }

    public MaxPool2d(int kernel, int stride, int padding) { this(kernel, stride, padding, 1); }

    public MaxPool2d(int kernel, int stride, int padding, int dilation) {
        this(Pair.of(kernel), Pair.of(stride), Pair.of(padding), Pair.of(dilation));
    }

    /** Per-axis (h, w) arguments; {@code stride == null} means stride = kernel_size (PyTorch's default). */
    public MaxPool2d(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        this.kernel = Pair.check("MaxPool2d", "kernel_size", kernel, 1);
        this.stride = Pair.check("MaxPool2d", "stride", stride == null ? kernel : stride, 1);
        this.padding = Pair.check("MaxPool2d", "padding", padding, 0);
        this.dilation = Pair.check("MaxPool2d", "dilation", dilation, 1);
        for (int a = 0; a < 2; a++) {
            int eff = this.dilation[a] * (this.kernel[a] - 1) + 1;
            if (this.padding[a] > eff / 2)
                throw new IllegalArgumentException(this + ": pad should be at most half of effective kernel size, but got padding="
                        + Pair.str(this.padding) + " for effective kernel " + eff + "; use padding <= " + eff / 2);
        }
        this.geometry = ConvGeometry.of(this.kernel[0], this.kernel[1], this.stride[0], this.stride[1],
                this.padding[0], this.padding[1], this.dilation[0], this.dilation[1]);
    }

    public ConvGeometry geometry() { return geometry; }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x);
        Checks.requireWindowFits(this, x, geometry);
        Backend b = x.backend();
        int n = x.dim(0), c = x.dim(1), oh = geometry.outH(x.dim(2)), ow = geometry.outW(x.dim(3));
        Tensor cols = ChannelWindows.unfold(x, geometry, Double.NEGATIVE_INFINITY);      // [N, C, k, L]
        ArgMax m = b.max(cols, 2, true);                                          // [N, C, 1, L]
        argmax = m.indices();
        inputShape = x.shape();
        outputShape = new int[]{n, c, oh, ow};
        return b.reshape(m.values(), outputShape);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        int n = outputShape[0], c = outputShape[1], l = outputShape[2] * outputShape[3], k = geometry.kernelSize();
        Tensor routed = b.scatter(b.reshape(dY, n, c, 1, l), argmax, 2, k);      // [N, C, k, L]
        return ChannelWindows.fold(routed, geometry, inputShape[2], inputShape[3]);
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel_size=" + num(kernel) + ", stride=" + num(stride) + ", padding=" + num(padding)
                + ", dilation=" + num(dilation) + ", ceil_mode=False)";
    }

    /** PyTorch prints an int argument as an int and a pair as a tuple. */
    static String num(int[] p) { return p == null ? "?" : p[0] == p[1] ? String.valueOf(p[0]) : Pair.str(p); }
}
