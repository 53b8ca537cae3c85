package io.cnn4j.tck;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import org.quicktheories.core.Gen;

/**
 * A random sliding-window case: input {@code [n, c, h, w]} and a geometry, both dtypes. Its {@link #toString()}
 * is what a failing property prints (after shrinking), e.g.
 * {@code FLOAT32 x=[1, 2, 5, 4] kernel=3x2 stride=2x1 padding=(t1,b1,l0,r0) dilation=1x1 -> out 3x3, seed 42}.
 */
public record ConvCase(DType dtype, int n, int c, int h, int w, ConvGeometry g, long seed) {

    public int outH() { return g.outH(h); }

    public int outW() { return g.outW(w); }

    /** The same case in another dtype. */
    public ConvCase withDtype(DType d) { return new ConvCase(d, n, c, h, w, g, seed); }

    public int[] inputShape() { return new int[] {n, c, h, w}; }

    /** Random cases: batch 1–4, channels 1–{@code maxChannels}, kernel 1–5, stride 1–3, padding 0–2, dilation 1–2. */
    public static Gen<ConvCase> cases(boolean symmetricPadding, int maxChannels) {
        return src -> draw(Draw.of(src), symmetricPadding, maxChannels);
    }

    /** One random case (see {@link #cases}). */
    public static ConvCase draw(Draw in, boolean symmetricPadding, int maxChannels) {
        DType dt = in.dtype();
        ConvGeometry g = in.geometry(symmetricPadding);
        int n = in.between(1, 4), c = in.between(1, maxChannels);
        int h = in.extent(g.effectiveKernelH(), g.padTop() + g.padBottom(), g.strideH());
        int w = in.extent(g.effectiveKernelW(), g.padLeft() + g.padRight(), g.strideW());
        return new ConvCase(dt, n, c, h, w, g, in.seed());
    }

    @Override
    public String toString() {
        return dtype + " x=[" + n + ", " + c + ", " + h + ", " + w + "] " + g + " -> out " + outH() + "x" + outW() + ", seed " + seed;
    }
}
