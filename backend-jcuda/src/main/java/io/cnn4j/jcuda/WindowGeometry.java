package io.cnn4j.jcuda;

import io.cnn4j.tensor.ConvGeometry;

/**
 * A {@link ConvGeometry} bound to an input size: the host-side twin of {@code struct Geo} in
 * {@code window.cu}, plus the element counts of unfold's output and fold's input.
 */
record WindowGeometry(int channels, int height, int width, ConvGeometry g, int outH, int outW) {

    /** Binds {@code g} to a {@code [*, channels, height, width]} input; throws (from ConvGeometry) if too small. */
    static WindowGeometry of(ConvGeometry g, int channels, int height, int width) {
        return new WindowGeometry(channels, height, width, g, g.outH(height), g.outW(width));
    }

    /** Output positions per image (the column count L of the unfolded matrix). */
    long positions() { return (long) outH * outW; }

    /** Rows of the unfolded matrix: channels · kh · kw. */
    long rows() { return (long) channels * g.kernelSize(); }

    /** {@code struct Geo {C, H, W, kh, kw, sh, sw, pt, pl, dh, dw, oH, oW}}. */
    int[] toKernelArg() {
        return new int[] {channels, height, width, g.kernelH(), g.kernelW(), g.strideH(), g.strideW(),
                g.padTop(), g.padLeft(), g.dilationH(), g.dilationW(), outH, outW};
    }

    /**
     * Host reference of the unfold index map used by the kernel: the input element read by column-matrix entry
     * ({@code row}, {@code col}) of one image, as {@code {c, ih, iw}}, with ih/iw possibly in the padding
     * (outside [0,H) × [0,W)).
     */
    int[] source(int row, int col) {
        int kk = g.kernelSize();
        int c = row / kk;
        int ki = (row / g.kernelW()) % g.kernelH();
        int kj = row % g.kernelW();
        int oh = col / outW, ow = col % outW;
        return new int[] {c, oh * g.strideH() - g.padTop() + ki * g.dilationH(), ow * g.strideW() - g.padLeft() + kj * g.dilationW()};
    }
}
