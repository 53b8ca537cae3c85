package io.cnn4j.tck;

import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

import java.util.SplittableRandom;

/**
 * Draws random case parameters from either a QuickTheories {@link RandomnessSource} (inside properties, so cases
 * shrink towards the smallest value of each range: kernel 1, stride 1, batch 1, ...) or a plain seeded
 * {@link SplittableRandom} (for {@link CrossBackendSweep}, which runs outside JUnit). Case generators are written
 * once against this class.
 */
public final class Draw {

    private interface Source { long next(long lo, long hi, boolean shrinkable); }

    private final Source source;

    private Draw(Source source) { this.source = source; }

    /** Draws from a QuickTheories source (shrinkable). */
    public static Draw of(RandomnessSource in) {
        return new Draw((lo, hi, shrinkable) -> {
            Constraint c = Constraint.between(lo, hi);
            return in.next(shrinkable ? c : c.withNoShrinkPoint());
        });
    }

    /** Draws from a seeded host stream. */
    public static Draw of(SplittableRandom r) {
        return new Draw((lo, hi, shrinkable) -> lo + r.nextLong(hi - lo + 1));
    }

    /** An int in [lo, hi]. */
    public int between(int lo, int hi) { return (int) source.next(lo, hi, true); }

    public boolean bool() { return between(0, 1) == 1; }

    public DType dtype() { return bool() ? DType.FLOAT64 : DType.FLOAT32; }

    /** A seed for tensor data (not shrunk: any seed is as simple as another). */
    public long seed() { return source.next(0, Integer.MAX_VALUE, false); }

    /** Random geometry in the kit's ranges: kernel 1–5, stride 1–3, padding 0–2 (per side unless symmetric), dilation 1–2. */
    public ConvGeometry geometry(boolean symmetricPadding) {
        int kh = between(1, 5), kw = between(1, 5);
        int sh = between(1, 3), sw = between(1, 3);
        int pt = between(0, 2), pl = between(0, 2);
        int pb = symmetricPadding ? pt : between(0, 2), pr = symmetricPadding ? pl : between(0, 2);
        int dh = between(1, 2), dw = between(1, 2);
        return new ConvGeometry(kh, kw, sh, sw, pt, pb, pl, pr, dh, dw);
    }

    /**
     * An input extent valid for the geometry along one axis: from the smallest that fits the dilated kernel up to
     * a few strides more, so the output-size formula floors in many cases.
     */
    public int extent(int effectiveKernel, int padSum, int stride) {
        int min = Math.max(1, effectiveKernel - padSum);
        return between(min, min + 2 * stride + 2);
    }
}
