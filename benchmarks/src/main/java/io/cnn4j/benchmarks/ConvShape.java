package io.cnn4j.benchmarks;

/** The four Conv2d shapes of the performance table in docs/performance.md (float32, NCHW). */
enum ConvShape {
    /** N32 C64→64 32×32 k3 p1. */
    i(32, 64, 64, 32, 3, 1, 1),
    /** N32 C3→64 32×32 k2 s2. */
    ii(32, 3, 64, 32, 2, 2, 0),
    /** N32 C64→256 16×16 k2 s2. */
    iii(32, 64, 256, 16, 2, 2, 0),
    /** N8 C128→128 64×64 k3 p1. */
    iv(8, 128, 128, 64, 3, 1, 1);

    final int n, cin, cout, hw, k, stride, pad;

    ConvShape(int n, int cin, int cout, int hw, int k, int stride, int pad) {
        this.n = n; this.cin = cin; this.cout = cout; this.hw = hw; this.k = k; this.stride = stride; this.pad = pad;
    }

    int out() { return (hw + 2 * pad - k) / stride + 1; }

    /** Forward FLOPs: 2·N·Cout·Hout·Wout·Cin·kh·kw (backward counts 2× this). */
    double forwardFlops() { return 2.0 * n * cout * out() * out() * cin * k * k; }
}
