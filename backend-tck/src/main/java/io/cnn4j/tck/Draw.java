package io.cnn4j.tck;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Small helpers that draw values from a QuickTheories {@link RandomnessSource}, so generators built from them
 * shrink towards the smallest value of each range (kernel 1, stride 1, batch 1, ...).
 */
final class Draw {
    private Draw() {}

    static int between(RandomnessSource in, int lo, int hi) { return (int) in.next(Constraint.between(lo, hi)); }

    static boolean bool(RandomnessSource in) { return between(in, 0, 1) == 1; }

    static DType dtype(RandomnessSource in) { return bool(in) ? DType.FLOAT64 : DType.FLOAT32; }

    /** A seed for tensor data (not shrunk: any seed is as simple as another). */
    static long seed(RandomnessSource in) { return in.next(Constraint.between(0, Integer.MAX_VALUE).withNoShrinkPoint()); }

    /** Random geometry in the kit's ranges: kernel 1–5, stride 1–3, padding 0–2 per side, dilation 1–2. */
    static ConvGeometry geometry(RandomnessSource in, boolean symmetricPadding) {
        int kh = between(in, 1, 5), kw = between(in, 1, 5);
        int sh = between(in, 1, 3), sw = between(in, 1, 3);
        int pt = between(in, 0, 2), pl = between(in, 0, 2);
        int pb = symmetricPadding ? pt : between(in, 0, 2), pr = symmetricPadding ? pl : between(in, 0, 2);
        int dh = between(in, 1, 2), dw = between(in, 1, 2);
        return new ConvGeometry(kh, kw, sh, sw, pt, pb, pl, pr, dh, dw);
    }

    /**
     * An input extent valid for the geometry along one axis: from the smallest that fits the dilated kernel up to
     * a few strides more, so the output-size formula floors in many cases.
     */
    static int extent(RandomnessSource in, int effectiveKernel, int padSum, int stride) {
        int min = Math.max(1, effectiveKernel - padSum);
        return between(in, min, min + 2 * stride + 2);
    }
}
