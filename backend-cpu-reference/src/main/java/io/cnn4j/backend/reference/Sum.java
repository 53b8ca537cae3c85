package io.cnn4j.backend.reference;

import io.cnn4j.tensor.Shapes;

import java.util.Arrays;

/**
 * Sum over a set of axes. Negative axes count from the end, duplicates are an error, an empty axis list returns
 * a copy. With {@code keepDims} reduced axes stay with size 1, otherwise they are removed.
 *
 * <p>Accumulation is in double for both dtypes (FLOAT32 results are rounded once at the end), so the reference
 * is as accurate as the naive double-precision definition. The input is walked once in row-major order; each
 * element is added to the output position obtained by zeroing its reduced coordinates. Adjacent axes with the
 * same role are merged first, so e.g. a bias gradient (sum of [N,C,H,W] over 0,2,3) becomes three flat loops.
 */
final class Sum {
    private Sum() {}

    static RefTensor sum(RefTensor x, int[] axes, boolean keepDims) {
        int[] in = x.shapeRef();
        int rank = in.length;
        if (axes == null) throw new IllegalArgumentException("sum: axes is null; pass an empty array to copy");
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            int ax = Shapes.normalizeAxis(a, rank, "sum");
            if (reduced[ax]) throw new IllegalArgumentException("sum: axis " + a + " appears twice in " + Arrays.toString(axes)
                    + " for shape " + Shapes.str(in));
            reduced[ax] = true;
        }
        int kept = 0;
        for (int i = 0; i < rank; i++) if (!reduced[i] || keepDims) kept++;
        int[] outShape = new int[kept];
        for (int i = 0, k = 0; i < rank; i++) {
            if (!reduced[i]) outShape[k++] = in[i];
            else if (keepDims) outShape[k++] = 1;
        }

        // Merge adjacent axes of the same role; drop size-1 axes (their role does not matter).
        int[] gSize = new int[rank];
        boolean[] gRed = new boolean[rank];
        int groups = 0;
        for (int i = 0; i < rank; i++) {
            if (in[i] == 1) continue;
            if (groups > 0 && gRed[groups - 1] == reduced[i]) gSize[groups - 1] *= in[i];
            else {
                gSize[groups] = in[i];
                gRed[groups] = reduced[i];
                groups++;
            }
        }
        // Output stride of each group: 0 when reduced, else the row-major stride among kept groups.
        int[] gOutStride = new int[groups];
        int acc = 1;
        for (int g = groups - 1; g >= 0; g--) {
            if (gRed[g]) gOutStride[g] = 0;
            else {
                gOutStride[g] = acc;
                acc *= gSize[g];
            }
        }
        int outLen = RefTensor.size(outShape);
        double[] sums = new double[outLen];
        int n = x.length();
        if (n > 0) {
            if (groups == 0) sums[0] = x.isFloat() ? x.f[0] : x.d[0];
            else accumulate(x, gSize, gRed, gOutStride, groups, sums);
        }
        ReferenceBackend b = (ReferenceBackend) x.backend();
        if (!x.isFloat()) return RefTensor.ofDoubles(b, sums, outShape);
        float[] f = new float[outLen];
        for (int i = 0; i < outLen; i++) f[i] = (float) sums[i];
        return RefTensor.ofFloats(b, f, outShape);
    }

    /** Walks the input row by row (last group = contiguous row) and adds into {@code sums}. */
    private static void accumulate(RefTensor x, int[] size, boolean[] red, int[] outStride, int groups, double[] sums) {
        int inner = size[groups - 1];
        boolean innerReduced = red[groups - 1];
        int n = x.length();
        int[] idx = new int[groups - 1];
        int po = 0;
        for (int pi = 0; pi < n; pi += inner) {
            if (innerReduced) {
                double s = 0;
                if (x.isFloat()) for (int j = 0; j < inner; j++) s += x.f[pi + j];
                else for (int j = 0; j < inner; j++) s += x.d[pi + j];
                sums[po] += s;
            } else if (x.isFloat()) {
                float[] xf = x.f;
                for (int j = 0; j < inner; j++) sums[po + j] += xf[pi + j];
            } else {
                double[] xd = x.d;
                for (int j = 0; j < inner; j++) sums[po + j] += xd[pi + j];
            }
            for (int g = groups - 2; g >= 0; g--) {
                po += outStride[g];
                if (++idx[g] < size[g]) break;
                po -= outStride[g] * size[g];
                idx[g] = 0;
            }
        }
    }
}
