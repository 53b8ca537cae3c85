package io.cnn4j.nn;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.MaxPool2d(kernel_size, stride=kernel_size, padding=0, dilation=1, ceil_mode=False)}:
 * {@code [N,C,H,W] → [N,C,oH,oW]} with the convolution size formula; {@link #ceilMode(boolean) ceilMode(true)}
 * rounds the output size up instead, as PyTorch (a last window that would start in the right/bottom padding is
 * dropped), by padding the bottom/right with −∞ as far as the extra windows need. Padding acts as -∞ (never the maximum) and
 * must be at most half the effective kernel size, as PyTorch requires. On ties the first maximum in the window
 * (row-major) receives the gradient.
 *
 * <p>Forward: {@code unfold(x, padValue=-∞)} reshaped to {@code [N, C, kh·kw, L]}, max with argmax over the window
 * axis; backward scatters dY to the argmax positions and folds back.
 */
public class MaxPool2d extends Module {
    private final int[] kernel, stride, padding, dilation;
    private final ConvGeometry geometry;
    private boolean ceilMode;
    private ConvGeometry used;    // the geometry of the last forward (ceil mode: with extra bottom/right padding)
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

    /** This pooling with PyTorch's {@code ceil_mode} set by name (a new module; this one is unchanged). */
    public MaxPool2d ceilMode(boolean ceil) {
        MaxPool2d m = new MaxPool2d(kernel, stride, padding, dilation);
        m.ceilMode = ceil;
        return m;
    }

    /**
     * PyTorch's ceil-mode output size along one axis, {@code ⌈(size + 2p − eff)/s⌉ + 1}, less one when that last
     * window would start at or beyond {@code size + p}; returned as the extra bottom/right padding that makes the
     * floor formula give it.
     */
    static int ceilExtra(int size, int k, int s, int p, int d) {
        int eff = d * (k - 1) + 1, span = size + 2 * p - eff;
        if (span < 0) return 0;
        int out = -Math.floorDiv(-span, s) + 1;
        if ((out - 1) * s >= size + p) out--;
        return Math.max(0, (out - 1) * s + eff - (size + 2 * p));
    }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x);
        Checks.requireWindowFits(this, x, geometry);
        ConvGeometry g = geometry;
        if (ceilMode) {
            int eh = ceilExtra(x.dim(2), kernel[0], stride[0], padding[0], dilation[0]);
            int ew = ceilExtra(x.dim(3), kernel[1], stride[1], padding[1], dilation[1]);
            g = new ConvGeometry(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[0] + eh, padding[1], padding[1] + ew,
                    dilation[0], dilation[1]);
        }
        Backend b = x.backend();
        int n = x.dim(0), c = x.dim(1), oh = g.outH(x.dim(2)), ow = g.outW(x.dim(3));
        Tensor cols = ChannelWindows.unfold(x, g, Double.NEGATIVE_INFINITY);      // [N, C, k, L]
        ArgMax m = b.max(cols, 2, true);                                          // [N, C, 1, L]
        int[] out = {n, c, oh, ow};
        if (recording()) {
            used = g;
            argmax = m.indices();
            inputShape = x.shape();
            outputShape = out;
        }
        return b.reshape(m.values(), out);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        int n = outputShape[0], c = outputShape[1], l = outputShape[2] * outputShape[3], k = geometry.kernelSize();
        Tensor routed = b.scatter(b.reshape(dY, n, c, 1, l), argmax, 2, k);      // [N, C, k, L]
        return ChannelWindows.fold(routed, used, inputShape[2], inputShape[3]);
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel_size=" + num(kernel) + ", stride=" + num(stride) + ", padding=" + num(padding)
                + ", dilation=" + num(dilation) + ", ceil_mode=" + (ceilMode ? "True" : "False") + ")";
    }

    /** PyTorch prints an int argument as an int and a pair as a tuple. */
    static String num(int[] p) { return p == null ? "?" : p[0] == p[1] ? String.valueOf(p[0]) : Pair.str(p); }
}
