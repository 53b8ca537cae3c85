package io.cnn4j.benchmarks;

/**
 * Conv2d shapes of docs/performance.md (float32, NCHW): the four benchmark shapes {@code i}-{@code iv}, and the
 * convolutions of one {@code wide-unet} training step at batch 32 ({@code w0}-{@code w3}).
 */
enum ConvShape {
    /** N32 C64→64 32×32 k3 p1. */
    i(32, 64, 64, 32, 3, 1, 1),
    /** N32 C3→64 32×32 k2 s2. */
    ii(32, 3, 64, 32, 2, 2, 0),
    /** N32 C64→256 16×16 k2 s2. */
    iii(32, 64, 256, 16, 2, 2, 0),
    /** N8 C128→128 64×64 k3 p1. */
    iv(8, 128, 128, 64, 3, 1, 1),
    /** wide-unet's first layer: N32 C3→32 32×32 k3 p1. */
    w0(32, 3, 32, 32, 3, 1, 1),
    /** wide-unet's full-resolution layers (three of them): N32 C32→32 32×32 k3 p1. */
    w1(32, 32, 32, 32, 3, 1, 1),
    /** wide-unet's downsampling: N32 C32→64 32×32 k2 s2. */
    w2(32, 32, 64, 32, 2, 2, 0),
    /** wide-unet's half-resolution layers (two): N32 C64→64 16×16 k3 p1. */
    w3(32, 64, 64, 16, 3, 1, 1);

    final int n, cin, cout, hw, k, stride, pad;

    ConvShape(int n, int cin, int cout, int hw, int k, int stride, int pad) {
        this.n = n; this.cin = cin; this.cout = cout; this.hw = hw; this.k = k; this.stride = stride; this.pad = pad;
    }

    int out() { return (hw + 2 * pad - k) / stride + 1; }

    /** Forward FLOPs: 2·N·Cout·Hout·Wout·Cin·kh·kw (backward counts 2× this). */
    double forwardFlops() { return 2.0 * n * cout * out() * out() * cin * k * k; }
}
