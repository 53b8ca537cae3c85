package io.cnn4j.jcuda;

import io.cnn4j.tensor.Shapes;

import java.util.Arrays;

/**
 * An iteration shape with the element strides of two operands over it: the host-side twin of the CUDA
 * {@code struct Layout} in {@code common.cuh}. Kernels walk the linear index {@code i} over {@link #shape()}
 * row-major and read/write operand k at {@code Σ coord[d] * s_k[d]}. A stride of 0 repeats an element
 * (broadcasting). This one description drives broadcasting binary ops ({@code s0} = a, {@code s1} = b),
 * permute, slice and concat ({@code s0} = source, {@code s1} = destination).
 *
 * <p>All arrays have the same length (the rank, ≤ {@link #MAX_RANK} after {@link #coalesce()}).
 */
record StridedLayout(int[] shape, int[] s0, int[] s1) {

    /** Must equal CNN4J_MAX_RANK in common.cuh. */
    static final int MAX_RANK = 8;
    /** Ints in the kernel argument: rank + 3 arrays of MAX_RANK. */
    static final int KERNEL_ARG_INTS = 1 + 3 * MAX_RANK;

    StridedLayout {
        if (shape.length != s0.length || shape.length != s1.length)
            throw new IllegalArgumentException("StridedLayout: rank mismatch " + Arrays.toString(shape) + " "
                    + Arrays.toString(s0) + " " + Arrays.toString(s1));
    }

    /**
     * Layout of {@code op(a, b)} with NumPy broadcasting: iteration over {@code outShape}, operand strides 0 on
     * axes where the operand has size 1 or is missing (aligned from the right).
     */
    static StridedLayout broadcast(int[] outShape, int[] aShape, int[] bShape) {
        return new StridedLayout(outShape.clone(), alignedStrides(outShape, aShape), alignedStrides(outShape, bShape));
    }

    /** Row-major strides of {@code operand} aligned to {@code out} from the right, 0 where it broadcasts. */
    static int[] alignedStrides(int[] out, int[] operand) {
        int[] own = Shapes.strides(operand);
        int[] s = new int[out.length];
        int shift = out.length - operand.length;
        for (int d = 0; d < out.length; d++) {
            int od = d - shift;
            s[d] = (od < 0 || operand[od] == 1) ? 0 : own[od];
        }
        return s;
    }

    /** Layout of {@code permute(x, axes)}: iterate the output shape, read input axis {@code axes[d]}, write contiguous. */
    static StridedLayout permute(int[] inShape, int[] axes) {
        int[] in = Shapes.strides(inShape);
        int[] out = new int[axes.length];
        int[] src = new int[axes.length];
        for (int d = 0; d < axes.length; d++) {
            out[d] = inShape[axes[d]];
            src[d] = in[axes[d]];
        }
        return new StridedLayout(out, src, Shapes.strides(out));
    }

    /**
     * Layout that copies a contiguous tensor of {@code partShape} into a contiguous tensor of {@code wholeShape}
     * (destination strides = the whole's; used by concat) — or, with the roles of s0/s1 swapped by
     * {@link #swapped()}, reads a part out of a whole (slice). The element offset of the part inside the whole
     * is passed separately to the kernel.
     */
    static StridedLayout partOfWhole(int[] partShape, int[] wholeShape) {
        return new StridedLayout(partShape.clone(), Shapes.strides(partShape), Shapes.strides(wholeShape));
    }

    /** The same iteration with operand roles exchanged. */
    StridedLayout swapped() { return new StridedLayout(shape, s1, s0); }

    int rank() { return shape.length; }

    long numel() { return Shapes.numel(shape); }

    /**
     * An equivalent layout with fewer axes: drops size-1 axes and merges neighbours {@code d-1, d} whenever
     * both operands step contiguously across them ({@code s[d-1] == s[d] * shape[d]}). Fewer axes = less index
     * arithmetic per element, and high-rank tensors fit the kernel's {@link #MAX_RANK}.
     */
    StridedLayout coalesce() {
        int n = shape.length;
        int[] sh = new int[n], a = new int[n], b = new int[n];
        int r = 0;
        for (int d = 0; d < n; d++) {
            if (shape[d] == 1) continue;
            if (r > 0 && a[r - 1] == s0[d] * shape[d] && b[r - 1] == s1[d] * shape[d]) {
                sh[r - 1] *= shape[d];
                a[r - 1] = s0[d];
                b[r - 1] = s1[d];
            } else {
                sh[r] = shape[d];
                a[r] = s0[d];
                b[r] = s1[d];
                r++;
            }
        }
        return new StridedLayout(Arrays.copyOf(sh, r), Arrays.copyOf(a, r), Arrays.copyOf(b, r));
    }

    /** Element offsets of linear index {@code i} into operand 0 and 1: the host reference of {@code layout_offsets}. */
    long[] offsets(long i) {
        long o0 = 0, o1 = 0;
        for (int d = shape.length - 1; d >= 0; d--) {
            long c = i % shape[d];
            i /= shape[d];
            o0 += c * s0[d];
            o1 += c * s1[d];
        }
        return new long[] {o0, o1};
    }

    /** The {@code struct Layout} kernel argument (rank, shape[8], s0[8], s1[8]); {@code op} names the caller in errors. */
    int[] toKernelArg(String op) {
        if (shape.length > MAX_RANK)
            throw new IllegalArgumentException(op + ": jcuda kernels support at most " + MAX_RANK
                    + " non-trivial axes after merging contiguous ones, got shape " + Arrays.toString(shape) + "; reshape to fewer axes");
        int[] arg = new int[KERNEL_ARG_INTS];
        arg[0] = shape.length;
        for (int d = 0; d < shape.length; d++) {
            arg[1 + d] = shape[d];
            arg[1 + MAX_RANK + d] = s0[d];
            arg[1 + 2 * MAX_RANK + d] = s1[d];
        }
        return arg;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StridedLayout l && Arrays.equals(shape, l.shape) && Arrays.equals(s0, l.s0) && Arrays.equals(s1, l.s1);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(shape) * 31 * 31 + Arrays.hashCode(s0) * 31 + Arrays.hashCode(s1); }

    @Override
    public String toString() {
        return "StridedLayout[shape=" + Arrays.toString(shape) + ", s0=" + Arrays.toString(s0) + ", s1=" + Arrays.toString(s1) + "]";
    }
}
