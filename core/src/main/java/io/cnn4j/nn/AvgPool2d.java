package io.cnn4j.nn;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.Tensor;

/**
 * {@code torch.nn.AvgPool2d(kernel_size, stride=kernel_size, padding=0, ceil_mode=False, count_include_pad=True)}:
 * {@code [N,C,H,W] → [N,C,oH,oW]}, the mean over each window with zero padding. With {@code count_include_pad=true}
 * every window divides by kh·kw; with {@code false} by the number of non-padding elements in the window.
 * Padding must be at most half the kernel size, as PyTorch requires.
 *
 * <p>PyTorch's fourth positional argument is {@code ceil_mode}, not {@code count_include_pad}, so set the latter by
 * name: {@code new AvgPool2d(3, 2, 1).countIncludePad(false)}. The positional 4-argument form is deprecated.
 */
public class AvgPool2d extends Module {
    private final int[] kernel, stride, padding;
    private final boolean countIncludePad;
    private final ConvGeometry geometry;
    private boolean ceilMode;
    private ConvGeometry used;  // the geometry of the last forward (ceil mode: with extra bottom/right padding)
    private Tensor divisor; // [1, 1, 1, L] window sizes when !countIncludePad or in ceil mode
    private int[] inputShape, outputShape;

    public AvgPool2d(int kernel) { this(kernel, kernel, 0, true); }

    public AvgPool2d(int kernel, int stride) { this(kernel, stride, 0, true); }

    public AvgPool2d(int kernel, int stride, int padding) { this(kernel, stride, padding, true); }

    /** @deprecated the 4th positional argument is {@code ceil_mode} in PyTorch; use {@code new AvgPool2d(k, s, p).countIncludePad(b)}. */
    @Deprecated
    public AvgPool2d(int kernel, int stride, int padding, boolean countIncludePad) {
        this(Pair.of(kernel), Pair.of(stride), Pair.of(padding), countIncludePad);
    }

    /** Per-axis (h, w) arguments; {@code stride == null} means stride = kernel_size (PyTorch's default). */
    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = Pair.check("AvgPool2d", "kernel_size", kernel, 1);
        this.stride = Pair.check("AvgPool2d", "stride", stride == null ? kernel : stride, 1);
        this.padding = Pair.check("AvgPool2d", "padding", padding, 0);
        this.countIncludePad = countIncludePad;
        for (int a = 0; a < 2; a++) {
            if (this.padding[a] > this.kernel[a] / 2)
                throw new IllegalArgumentException(this + ": pad should be at most half of kernel size, but got padding="
                        + Pair.str(this.padding) + " for kernel_size=" + Pair.str(this.kernel) + "; use padding <= kernel_size/2");
        }
        this.geometry = ConvGeometry.of(this.kernel[0], this.kernel[1], this.stride[0], this.stride[1],
                this.padding[0], this.padding[1], 1, 1);
    }

    public ConvGeometry geometry() { return geometry; }

    /** This pooling with PyTorch's {@code count_include_pad} set by name (a new module; this one is unchanged). */
    public AvgPool2d countIncludePad(boolean include) {
        AvgPool2d m = new AvgPool2d(kernel, stride, padding, include);
        m.ceilMode = ceilMode;
        return m;
    }

    /**
     * This pooling with PyTorch's {@code ceil_mode} set by name (a new module): the output size rounds up; the extra
     * windows reach past the padding and, as in PyTorch, divide by their part inside the padded input
     * ({@code count_include_pad=True}) or inside the input ({@code False}).
     */
    public AvgPool2d ceilMode(boolean ceil) {
        AvgPool2d m = new AvgPool2d(kernel, stride, padding, countIncludePad);
        m.ceilMode = ceil;
        return m;
    }

    @Override
    public Tensor forward(Tensor x) {
        Checks.requireNchw(this, x);
        Checks.requireWindowFits(this, x, geometry);
        Backend b = x.backend();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int eh = 0, ew = 0;
        ConvGeometry g = geometry;
        if (ceilMode) {
            eh = MaxPool2d.ceilExtra(h, kernel[0], stride[0], padding[0], 1);
            ew = MaxPool2d.ceilExtra(w, kernel[1], stride[1], padding[1], 1);
            g = new ConvGeometry(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[0] + eh, padding[1], padding[1] + ew, 1, 1);
        }
        int oh = g.outH(h), ow = g.outW(w), k = g.kernelSize();
        Tensor sums = b.sum(ChannelWindows.unfold(x, g, 0.0), new int[]{2}, true);  // [N, C, 1, L]
        Tensor y, d = null;
        if (countIncludePad && !ceilMode) {
            y = sums.div(k);
        } else {
            // window sizes: unfold a ones image and count; with count_include_pad the image includes the padding
            Tensor ones;
            ConvGeometry counting = g;
            if (countIncludePad) {
                ones = b.zeros(x.dtype(), 1, 1, h + 2 * padding[0], w + 2 * padding[1]);
                counting = new ConvGeometry(kernel[0], kernel[1], stride[0], stride[1], 0, eh, 0, ew, 1, 1);
            } else {
                ones = b.zeros(x.dtype(), 1, 1, h, w);
            }
            b.fill(ones, 1.0);
            d = b.sum(ChannelWindows.unfold(ones, counting, 0.0), new int[]{2}, true);
            y = sums.div(d);
        }
        int[] out = {n, c, oh, ow};
        if (recording()) {
            divisor = d;
            used = g;
            inputShape = x.shape();
            outputShape = out;
        }
        return b.reshape(y, out);
    }

    @Override
    public Tensor backward(Tensor dY) {
        Checks.requireGrad(this, dY, outputShape);
        Backend b = dY.backend();
        int n = outputShape[0], c = outputShape[1], l = outputShape[2] * outputShape[3], k = used.kernelSize();
        Tensor g = b.reshape(dY, n, c, 1, l);
        g = divisor == null ? g.div(k) : g.div(divisor);
        Tensor spread = g.add(b.zeros(dY.dtype(), 1, 1, k, 1));                 // [N, C, k, L]
        return ChannelWindows.fold(spread, used, inputShape[2], inputShape[3]);
    }

    @Override
    public String toString() {
        return "AvgPool2d(kernel_size=" + MaxPool2d.num(kernel) + ", stride=" + MaxPool2d.num(stride) + ", padding=" + MaxPool2d.num(padding)
                + (ceilMode ? ", ceil_mode=True" : "") + (countIncludePad ? "" : ", count_include_pad=False") + ")";
    }
}
