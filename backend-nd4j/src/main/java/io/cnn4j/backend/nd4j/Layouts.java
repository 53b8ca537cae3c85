package io.cnn4j.backend.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Physical-layout helpers. Results of elementwise ops are allocated with the same axis order as their input, so a
 * chain of ops (bias add, ReLU, its gradient) keeps the channel-major layout that makes the next GEMM a single call,
 * and ND4J's kernels see identical strides for input and output.
 */
final class Layouts {
    private Layouts() {}

    /** An uninitialised array with {@code x}'s shape and dtype and, when {@code x} is dense, its axis order. */
    static INDArray allocLike(INDArray x, DataType type) {
        long[] shape = x.shape();
        if (shape.length < 2 || x.length() == 0 || x.ordering() == 'c' && isDenseC(shape, x.stride()))
            return Nd4j.createUninitialized(type, shape, 'c');
        int[] perm = denseAxisOrder(shape, x.stride());
        if (perm == null) return Nd4j.createUninitialized(type, shape, 'c');
        long[] physical = new long[shape.length];
        for (int i = 0; i < perm.length; i++) physical[i] = shape[perm[i]];
        INDArray buf = Nd4j.createUninitialized(type, physical, 'c');
        return buf.permute(inverse(perm));
    }

    static INDArray allocLike(INDArray x) { return allocLike(x, x.dataType()); }

    /**
     * {@code x} when it is a plain row-major array (c-order strides, offset 0, covering its whole buffer), else a
     * row-major copy. libnd4j's kernels take their fast paths only on such arrays (10-100× faster than on permuted
     * views), and {@link #view} needs one.
     */
    static INDArray plainC(INDArray x) {
        if (isPlainC(x)) return x;
        INDArray c = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        if (x.length() > 0) c.assign(x);
        return c;
    }

    static boolean isPlainC(INDArray x) {
        if (x.length() == 0) return true;
        return x.offset() == 0 && x.data().length() == x.length() && (x.rank() == 0 || isDenseC(x.shape(), x.stride()));
    }

    /** A strided view of a plain array's buffer ({@code base} must satisfy {@link #isPlainC}). */
    static INDArray view(INDArray base, long offset, long[] shape, long[] stride) {
        return Nd4j.create(base.data(), shape, stride, offset, 'c');
    }

    /** Whether {@code stride} are the row-major strides of {@code shape} (size-1 axes ignored). */
    static boolean isDenseC(long[] shape, long[] stride) {
        long acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != acc) return false;
            acc *= shape[i];
        }
        return true;
    }

    /**
     * The axis order (outermost first) in which {@code x} is stored densely, or null when it has gaps or overlaps.
     * Axes are sorted by decreasing stride; size-1 axes keep their logical position relative to the others.
     */
    static int[] denseAxisOrder(long[] shape, long[] stride) {
        Integer[] axes = new Integer[shape.length];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        Arrays.sort(axes, Comparator.comparingLong((Integer a) -> shape[a] == 1 ? Long.MAX_VALUE : stride[a]).reversed()
                .thenComparingInt(a -> a));
        long acc = 1;
        for (int i = axes.length - 1; i >= 0; i--) {
            int a = axes[i];
            if (shape[a] == 1) continue;
            if (stride[a] != acc) return null;
            acc *= shape[a];
        }
        int[] perm = new int[axes.length];
        for (int i = 0; i < perm.length; i++) perm[i] = axes[i];
        return perm;
    }

    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) inv[perm[i]] = i;
        return inv;
    }
}
