package io.cnn4j.backend.reference;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;


/** Data movement without arithmetic: permute (axis reordering), cast, slice and concat. All results are copies. */
final class Layout {
    private Layout() {}

    /** Result axis i is input axis {@code axes[i]}; see {@link io.cnn4j.tensor.Backend#permute}. */
    static RefTensor permute(RefTensor x, int[] axes) {
        int[] in = x.shapeRef();
        int rank = in.length;
        int[] perm = Shapes.permutation(in, axes);
        int[] outShape = new int[rank];
        int[] inStrides = Shapes.strides(in);
        int[] srcStride = new int[rank]; // stride in the input for a step along output axis i
        for (int i = 0; i < rank; i++) {
            outShape[i] = in[perm[i]];
            srcStride[i] = inStrides[perm[i]];
        }
        RefTensor out = RefTensor.zeros((ReferenceBackend) x.backend(), x.dtype(), outShape);
        int n = out.length();
        if (n == 0) return out;
        if (rank == 0) {
            InPlace.copy(x, out);
            return out;
        }
        if (swapsLastTwoOnly(perm)) {
            transposeMatrices(x, out, outShape[rank - 1], outShape[rank - 2]);
            return out;
        }
        // Odometer over all output axes but the last; the last output axis is a strided gather from the input
        // (a contiguous run when the input's last axis stays last).
        int inner = outShape[rank - 1];
        int innerStride = srcStride[rank - 1];
        int[] idx = new int[rank - 1];
        int src = 0;
        for (int dst = 0; dst < n; dst += inner) {
            if (innerStride == 1) {
                // The last axis stays last (e.g. [N,C,L] → [C,N,L]): copy whole contiguous runs.
                copyRange(x, src, out, dst, inner);
            } else if (x.isFloat()) {
                float[] s = x.f, o = out.f;
                for (int j = 0, p = src; j < inner; j++, p += innerStride) o[dst + j] = s[p];
            } else {
                double[] s = x.d, o = out.d;
                for (int j = 0, p = src; j < inner; j++, p += innerStride) o[dst + j] = s[p];
            }
            for (int ax = rank - 2; ax >= 0; ax--) {
                src += srcStride[ax];
                if (++idx[ax] < outShape[ax]) break;
                src -= srcStride[ax] * outShape[ax];
                idx[ax] = 0;
            }
        }
        return out;
    }

    /** Whether {@code perm} is {@code [0, 1, …, r-3, r-1, r-2]} (a batch of matrix transposes), rank ≥ 2. */
    private static boolean swapsLastTwoOnly(int[] perm) {
        int r = perm.length;
        if (r < 2 || perm[r - 1] != r - 2 || perm[r - 2] != r - 1) return false;
        for (int i = 0; i < r - 2; i++) if (perm[i] != i) return false;
        return true;
    }

    /** Side of the square tiles of {@link #transposeMatrices}: a tile of source and destination rows stays in L1. */
    private static final int TILE = 32;

    /**
     * {@code out[p][j][i] = x[p][i][j]} for each of the {@code x.length() / (rows·cols)} matrices {@code [rows, cols]}
     * of {@code x}. Tiled, so both the strided reads and the writes stay within a few cache lines at a time (the
     * plain gather walks one source column per output row and evicts its lines before they are reused); the
     * matrices are independent and split over the cores.
     */
    private static void transposeMatrices(RefTensor x, RefTensor out, int rows, int cols) {
        int size = rows * cols, count = x.length() / size;
        Parallel.forEach(count, size, p -> {
            int base = p * size;
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                int i1 = Math.min(rows, i0 + TILE);
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int j1 = Math.min(cols, j0 + TILE);
                    if (x.isFloat()) {
                        float[] s = x.f, o = out.f;
                        for (int j = j0; j < j1; j++)
                            for (int i = i0; i < i1; i++) o[base + j * rows + i] = s[base + i * cols + j];
                    } else {
                        double[] s = x.d, o = out.d;
                        for (int j = j0; j < j1; j++)
                            for (int i = i0; i < i1; i++) o[base + j * rows + i] = s[base + i * cols + j];
                    }
                }
            }
        });
    }

    /** A copy converted to {@code dtype} (FLOAT64 → FLOAT32 rounds to nearest). */
    static RefTensor cast(RefTensor x, DType dtype) {
        if (dtype == null) throw new IllegalArgumentException("cast: target dtype is null");
        ReferenceBackend b = (ReferenceBackend) x.backend();
        int[] shape = x.shapeRef();
        if (dtype == DType.FLOAT32) {
            if (x.isFloat()) return RefTensor.ofFloats(b, x.f.clone(), shape);
            float[] o = new float[x.d.length];
            for (int i = 0; i < o.length; i++) o[i] = (float) x.d[i];
            return RefTensor.ofFloats(b, o, shape);
        }
        if (!x.isFloat()) return RefTensor.ofDoubles(b, x.d.clone(), shape);
        double[] o = new double[x.f.length];
        for (int i = 0; i < o.length; i++) o[i] = x.f[i];
        return RefTensor.ofDoubles(b, o, shape);
    }

    /** Elements {@code start ≤ i < start+length} along {@code axis}. */
    static RefTensor slice(RefTensor x, int axis, int start, int length) {
        int[] in = x.shapeRef();
        int ax = Shapes.sliceAxis(in, axis, start, length);
        int[] outShape = in.clone();
        outShape[ax] = length;
        RefTensor out = RefTensor.zeros((ReferenceBackend) x.backend(), x.dtype(), outShape);
        int inner = 1;
        for (int i = ax + 1; i < in.length; i++) inner *= in[i];
        int outer = 1;
        for (int i = 0; i < ax; i++) outer *= in[i];
        int block = length * inner;
        for (int o = 0; o < outer; o++) {
            int srcPos = (o * in[ax] + start) * inner;
            copyRange(x, srcPos, out, o * block, block);
        }
        return out;
    }

    /** Joins tensors along {@code axis}; every other dimension must agree. */
    static RefTensor concat(int axis, RefTensor[] xs) {
        int[] outShape = Shapes.concatenated(axis, xs);
        int[] first = xs[0].shapeRef();
        int rank = first.length;
        int ax = Shapes.normalizeAxis(axis, rank, "concat");
        RefTensor out = RefTensor.zeros((ReferenceBackend) xs[0].backend(), xs[0].dtype(), outShape);
        int inner = 1;
        for (int i = ax + 1; i < rank; i++) inner *= first[i];
        int outer = 1;
        for (int i = 0; i < ax; i++) outer *= first[i];
        int outBlock = outShape[ax] * inner;
        int offset = 0;
        for (RefTensor t : xs) {
            int block = t.shapeRef()[ax] * inner;
            for (int o = 0; o < outer; o++) copyRange(t, o * block, out, o * outBlock + offset, block);
            offset += block;
        }
        return out;
    }

    private static void copyRange(RefTensor src, int srcPos, RefTensor dst, int dstPos, int n) {
        if (src.isFloat()) System.arraycopy(src.f, srcPos, dst.f, dstPos, n);
        else System.arraycopy(src.d, srcPos, dst.d, dstPos, n);
    }
}
