package io.cnn4j.tck;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.UnaryOp;
import org.quicktheories.core.Gen;

import java.util.Arrays;

/**
 * Random cases for the non-convolution primitives. Each case is a record whose {@code toString} is the readable
 * description QuickTheories prints for the shrunk failing case. Sizes are kept small (dimensions ≤ 5, rank ≤ 4)
 * so the whole kit runs in minutes on two cores.
 */
public final class PrimitiveCases {
    private PrimitiveCases() {}

    static int[] shape(Draw in, int minRank, int maxRank, int maxDim) {
        int[] s = new int[in.between(minRank, maxRank)];
        for (int i = 0; i < s.length; i++) s[i] = in.between(1, maxDim);
        return s;
    }

    /** A tensor shape with a dtype, a data seed and whether data lies on a coarse grid (ties, zeros). */
    public record Data(DType dtype, int[] shape, boolean grid, long seed) {
        @Override public String toString() { return dtype + " " + Arrays.toString(shape) + (grid ? " grid data" : "") + " seed " + seed; }
    }

    public static Gen<Data> data(int minRank, int maxRank) {
        return src -> {
            Draw in = Draw.of(src);
            return new Data(in.dtype(), shape(in, minRank, maxRank, 5), in.bool(), in.seed());
        };
    }

    /** {@code op(a, b)} with NumPy broadcasting: both shapes derived from one output shape by dropping leading axes and setting dims to 1. */
    public record Broadcast(BinaryOp op, DType dtype, int[] a, int[] b, boolean grid, long seed) {
        @Override public String toString() {
            return op + " " + dtype + " a=" + Arrays.toString(a) + " b=" + Arrays.toString(b) + (grid ? " grid data" : "") + " seed " + seed;
        }
    }

    public static Gen<Broadcast> broadcast() { return src -> broadcast(Draw.of(src)); }

    /** One random broadcasting case. */
    public static Broadcast broadcast(Draw in) {
        BinaryOp op = BinaryOp.values()[in.between(0, BinaryOp.values().length - 1)];
        int[] out = shape(in, 1, 4, 4);
        return new Broadcast(op, in.dtype(), squeezeSome(in, out), squeezeSome(in, out), in.bool(), in.seed());
    }

    private static int[] squeezeSome(Draw in, int[] out) {
        int drop = in.between(0, out.length);
        int[] s = Arrays.copyOfRange(out, drop, out.length);
        for (int i = 0; i < s.length; i++) if (in.between(0, 2) == 0) s[i] = 1;
        return s;
    }

    /** {@code op(x)} on uniform values in [-3, 3) or grid values (exact zeros, negatives for log/sqrt). */
    public record Unary(UnaryOp op, Data x) {
        @Override public String toString() { return op + " " + x; }
    }

    public static Gen<Unary> unary() {
        return src -> {
            Draw in = Draw.of(src);
            return new Unary(UnaryOp.values()[in.between(0, UnaryOp.values().length - 1)],
                new Data(in.dtype(), shape(in, 0, 4, 5), in.bool(), in.seed()));
        };
    }

    /** {@code op(x, scalar)}. */
    public record Scalar(BinaryOp op, double scalar, Data x) {
        @Override public String toString() { return op + " scalar " + scalar + " " + x; }
    }

    private static final double[] SCALARS = {0, 1, -1.5, 0.5, 2, 3, -0.25, 1e-3};

    public static Gen<Scalar> scalar() {
        return src -> {
            Draw in = Draw.of(src);
            return new Scalar(BinaryOp.values()[in.between(0, BinaryOp.values().length - 1)],
                SCALARS[in.between(0, SCALARS.length - 1)],
                new Data(in.dtype(), shape(in, 1, 4, 5), in.bool(), in.seed()));
        };
    }

    /**
     * Matrix products: mode 0 = 2-D·2-D, 1 = batched 3-D·3-D, 2 = 2-D·3-D (broadcast a), 3 = 3-D·2-D (broadcast b);
     * optional transposes of either operand; M, K, N in 1–12, batch 1–4.
     */
    public record Matmul(DType dtype, int mode, int batch, int m, int k, int n, boolean transA, boolean transB, long seed) {
        int[] aShape() { return operand(mode == 1 || mode == 3, transA ? k : m, transA ? m : k); }
        int[] bShape() { return operand(mode == 1 || mode == 2, transB ? n : k, transB ? k : n); }
        private int[] operand(boolean batched, int r, int c) { return batched ? new int[] {batch, r, c} : new int[] {r, c}; }

        @Override public String toString() {
            return dtype + " a=" + Arrays.toString(aShape()) + (transA ? "ᵀ" : "") + " b=" + Arrays.toString(bShape()) + (transB ? "ᵀ" : "")
                    + " (M=" + m + " K=" + k + " N=" + n + ") seed " + seed;
        }
    }

    public static Gen<Matmul> matmul() { return src -> matmul(Draw.of(src)); }

    /** One random matrix-product case. */
    public static Matmul matmul(Draw in) {
        return new Matmul(in.dtype(), in.between(0, 3), in.between(1, 4), in.between(1, 12),
                in.between(1, 12), in.between(1, 12), in.bool(), in.bool(), in.seed());
    }

    /** Sum over a subset of axes (some given as negative numbers), with or without keepDims. */
    public record Sum(Data x, int[] axes, boolean keepDims) {
        @Override public String toString() { return "sum axes " + Arrays.toString(axes) + " keepDims " + keepDims + " of " + x; }
    }

    public static Gen<Sum> sum() {
        return src -> {
            Draw in = Draw.of(src);
            Data d = new Data(in.dtype(), shape(in, 1, 4, 5), false, in.seed());
            int r = d.shape().length;
            int[] axes = new int[r];
            int count = 0;
            for (int a = 0; a < r; a++) {
                if (in.bool()) axes[count++] = in.bool() ? a - r : a;
            }
            return new Sum(d, Arrays.copyOf(axes, count), in.bool());
        };
    }

    /** One axis of a shape (possibly negative), for max/argmax, slice, concat and scatter. */
    public record Axis(Data x, int axis, boolean keepDims) {
        int positiveAxis() { return axis < 0 ? axis + x.shape().length : axis; }
        @Override public String toString() { return "axis " + axis + " keepDims " + keepDims + " of " + x; }
    }

    public static Gen<Axis> axis() {
        return src -> {
            Draw in = Draw.of(src);
            Data d = new Data(in.dtype(), shape(in, 1, 4, 5), in.bool(), in.seed());
            int r = d.shape().length;
            int a = in.between(0, r - 1);
            return new Axis(d, in.bool() ? a - r : a, in.bool());
        };
    }

    /** A permutation of the axes of a shape. */
    public record Permute(Data x, int[] axes) {
        @Override public String toString() { return "permute " + Arrays.toString(axes) + " of " + x; }
    }

    public static Gen<Permute> permute() {
        return src -> {
            Draw in = Draw.of(src);
            Data d = new Data(in.dtype(), shape(in, 1, 4, 5), false, in.seed());
            int[] p = new int[d.shape().length];
            for (int i = 0; i < p.length; i++) p[i] = i;
            for (int i = p.length - 1; i > 0; i--) {
                int j = in.between(0, i);
                int t = p[i]; p[i] = p[j]; p[j] = t;
            }
            return new Permute(d, p);
        };
    }

    /** A reshape to another shape with the same element count, sometimes with one -1. */
    public record Reshape(Data x, int[] to) {
        @Override public String toString() { return "reshape to " + Arrays.toString(to) + " of " + x; }
    }

    public static Gen<Reshape> reshape() {
        return src -> {
            Draw in = Draw.of(src);
            Data d = new Data(in.dtype(), shape(in, 1, 4, 5), false, in.seed());
            int n = Math.toIntExact(Shapes.numel(d.shape()));
            // split n into up to 4 factors by repeatedly taking a divisor
            int[] to = new int[4];
            int r = 0, rest = n;
            while (r < 3 && in.bool()) {
                int f = in.between(1, rest);
                if (rest % f != 0) f = 1;
                to[r++] = f;
                rest /= f;
            }
            to[r++] = rest;
            int[] target = Arrays.copyOf(to, r);
            if (in.bool()) target[in.between(0, r - 1)] = -1;
            return new Reshape(d, target);
        };
    }
}
