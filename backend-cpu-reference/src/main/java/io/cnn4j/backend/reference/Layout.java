package io.cnn4j.backend.reference;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;

import java.util.Arrays;

/** Data movement without arithmetic: permute (axis reordering), cast, slice and concat. All results are copies. */
final class Layout {
    private Layout() {}

    /** Result axis i is input axis {@code axes[i]}; see {@link io.cnn4j.tensor.Backend#permute}. */
    static RefTensor permute(RefTensor x, int[] axes) {
        int[] in = x.shapeRef();
        int rank = in.length;
        if (axes == null || axes.length != rank)
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " must be a permutation of 0.."
                    + (rank - 1) + " for shape " + Shapes.str(in));
        boolean[] seen = new boolean[rank];
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            int a = Shapes.normalizeAxis(axes[i], rank, "permute");
            if (seen[a]) throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes)
                    + " repeat axis " + a + "; must be a permutation of 0.." + (rank - 1) + " for shape " + Shapes.str(in));
            seen[a] = true;
            perm[i] = a;
        }
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
        // Odometer over all output axes but the last; the last output axis is a strided gather from the input.
        int inner = outShape[rank - 1];
        int innerStride = srcStride[rank - 1];
        int[] idx = new int[rank - 1];
        int src = 0;
        for (int dst = 0; dst < n; dst += inner) {
            if (x.isFloat()) {
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
        int ax = Shapes.normalizeAxis(axis, in.length, "slice");
        if (start < 0 || length < 0 || (long) start + length > in[ax])
            throw new IllegalArgumentException("slice: range start=" + start + " length=" + length + " is outside axis " + axis
                    + " of size " + in[ax] + " in shape " + Shapes.str(in) + "; need 0 <= start and start+length <= " + in[ax]);
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
        int[] first = xs[0].shapeRef();
        int rank = first.length;
        int ax = Shapes.normalizeAxis(axis, rank, "concat");
        int[] outShape = first.clone();
        outShape[ax] = 0;
        for (RefTensor t : xs) {
            int[] s = t.shapeRef();
            boolean ok = s.length == rank;
            for (int i = 0; ok && i < rank; i++) if (i != ax && s[i] != first[i]) ok = false;
            if (!ok) {
                StringBuilder all = new StringBuilder();
                for (RefTensor u : xs) all.append(all.length() == 0 ? "" : ", ").append(Shapes.str(u.shapeRef()));
                throw new IllegalArgumentException("concat: shapes " + all + " differ outside axis " + axis
                        + "; all dimensions except the concatenation axis must agree");
            }
            outShape[ax] += s[ax];
        }
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
