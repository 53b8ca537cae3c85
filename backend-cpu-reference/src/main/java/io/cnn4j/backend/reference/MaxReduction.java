package io.cnn4j.backend.reference;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Shapes;

/**
 * Maximum along one axis together with its index. Ties keep the first index; a NaN is the maximum (the first NaN
 * wins), as {@code torch.max(dim)}. Indices are returned as exact small integers in the input's dtype.
 *
 * <p>The input is viewed as {@code [outer, n, inner]} (n = size of the axis) and scanned along n with the inner
 * positions in the contiguous loop.
 */
final class MaxReduction {
    private MaxReduction() {}

    static ArgMax max(RefTensor x, int axis, boolean keepDims) {
        int[] in = x.shapeRef();
        int ax = Shapes.normalizeAxis(axis, in.length, "max");
        int n = in[ax];
        if (n < 1) throw new IllegalArgumentException("max: axis " + axis + " of shape " + Shapes.str(in)
                + " is empty; the maximum of zero elements is undefined");
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= in[i];
        for (int i = ax + 1; i < in.length; i++) inner *= in[i];
        int[] outShape = outShape(in, ax, keepDims);
        int m = outer * inner;
        double[] values = new double[m];
        double[] index = new double[m];
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            int ob = o * inner;
            for (int j = 0; j < inner; j++) values[ob + j] = get(x, base + j);
            for (int k = 1; k < n; k++) {
                int row = base + k * inner;
                for (int j = 0; j < inner; j++) {
                    double best = values[ob + j];
                    if (best != best) continue; // a NaN already won
                    double v = get(x, row + j);
                    if (v > best || v != v) {
                        values[ob + j] = v;
                        index[ob + j] = k;
                    }
                }
            }
        }
        ReferenceBackend b = (ReferenceBackend) x.backend();
        if (!x.isFloat()) return new ArgMax(RefTensor.ofDoubles(b, values, outShape), RefTensor.ofDoubles(b, index, outShape));
        float[] fv = new float[m], fi = new float[m];
        for (int i = 0; i < m; i++) {
            fv[i] = (float) values[i];
            fi[i] = (float) index[i];
        }
        return new ArgMax(RefTensor.ofFloats(b, fv, outShape), RefTensor.ofFloats(b, fi, outShape));
    }

    private static double get(RefTensor x, int i) {
        return x.isFloat() ? x.f[i] : x.d[i];
    }

    /** {@code in} with axis {@code ax} set to 1 (keepDims) or removed. */
    static int[] outShape(int[] in, int ax, boolean keepDims) {
        if (keepDims) {
            int[] s = in.clone();
            s[ax] = 1;
            return s;
        }
        int[] s = new int[in.length - 1];
        for (int i = 0, k = 0; i < in.length; i++) if (i != ax) s[k++] = in[i];
        return s;
    }
}
