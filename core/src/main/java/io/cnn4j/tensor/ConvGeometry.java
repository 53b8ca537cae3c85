package io.cnn4j.tensor;

/**
 * The sliding-window geometry shared by {@code unfold}, {@code fold}, convolutions and pooling: kernel, stride,
 * padding and dilation per spatial axis (height, width). Padding is per side so that PyTorch's
 * {@code padding="same"} (which pads the extra row/column at the bottom/right) is expressible.
 *
 * <p>Output size per axis follows PyTorch: {@code out = floor((in + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1}.
 */
public record ConvGeometry(int kernelH, int kernelW,
                           int strideH, int strideW,
                           int padTop, int padBottom, int padLeft, int padRight,
                           int dilationH, int dilationW) {

    public ConvGeometry {
        if (kernelH < 1 || kernelW < 1) throw new IllegalArgumentException("ConvGeometry: kernel must be >= 1, got " + kernelH + "x" + kernelW);
        if (strideH < 1 || strideW < 1) throw new IllegalArgumentException("ConvGeometry: stride must be >= 1, got " + strideH + "x" + strideW);
        if (dilationH < 1 || dilationW < 1) throw new IllegalArgumentException("ConvGeometry: dilation must be >= 1, got " + dilationH + "x" + dilationW);
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0)
            throw new IllegalArgumentException("ConvGeometry: padding must be >= 0, got top=" + padTop + " bottom=" + padBottom + " left=" + padLeft + " right=" + padRight);
    }

    /** Symmetric geometry, PyTorch argument order: kernel, stride, padding, dilation, each (h, w). */
    public static ConvGeometry of(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        return new ConvGeometry(kh, kw, sh, sw, ph, ph, pw, pw, dh, dw);
    }

    /** Square kernel, stride, padding and dilation. */
    public static ConvGeometry square(int k, int s, int p, int d) {
        return of(k, k, s, s, p, p, d, d);
    }

    /** Effective (dilated) kernel extent along height. */
    public int effectiveKernelH() { return dilationH * (kernelH - 1) + 1; }

    /** Effective (dilated) kernel extent along width. */
    public int effectiveKernelW() { return dilationW * (kernelW - 1) + 1; }

    /** Output height for an input of height {@code h}; throws if the padded input is smaller than the kernel. */
    public int outH(int h) {
        int padded = h + padTop + padBottom;
        if (padded < effectiveKernelH())
            throw new IllegalArgumentException("input height " + h + " (+ padding " + padTop + "+" + padBottom
                    + ") is smaller than the effective kernel height " + effectiveKernelH() + "; use a larger input or a smaller kernel/dilation");
        return (padded - effectiveKernelH()) / strideH + 1;
    }

    /** Output width for an input of width {@code w}; throws if the padded input is smaller than the kernel. */
    public int outW(int w) {
        int padded = w + padLeft + padRight;
        if (padded < effectiveKernelW())
            throw new IllegalArgumentException("input width " + w + " (+ padding " + padLeft + "+" + padRight
                    + ") is smaller than the effective kernel width " + effectiveKernelW() + "; use a larger input or a smaller kernel/dilation");
        return (padded - effectiveKernelW()) / strideW + 1;
    }

    /** Rows of the unfolded matrix per channel: kernelH * kernelW. */
    public int kernelSize() { return kernelH * kernelW; }

    @Override
    public String toString() {
        return "kernel=" + kernelH + "x" + kernelW + " stride=" + strideH + "x" + strideW
                + " padding=(t" + padTop + ",b" + padBottom + ",l" + padLeft + ",r" + padRight + ")"
                + " dilation=" + dilationH + "x" + dilationW;
    }
}
