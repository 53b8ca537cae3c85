package io.cnn4j.backend.reference;

import io.cnn4j.tensor.Shapes;

import java.util.Arrays;

/**
 * The adjoint of gathering at argmax (routes max-pool gradients): {@code out} is zero, shaped like {@code src}
 * with {@code size} along {@code axis}, and {@code out[..., index[..., 0, ...], ...] += src[..., 0, ...]}.
 * {@code src} and {@code index} must have the same shape with size 1 along {@code axis}; every index must be an
 * integer in {@code [0, size)}.
 */
final class Scatter {
    private Scatter() {}

    static RefTensor scatter(RefTensor src, RefTensor index, int axis, int size) {
        int[] s = src.shapeRef();
        int ax = Shapes.normalizeAxis(axis, s.length, "scatter");
        if (!Arrays.equals(s, index.shapeRef()))
            throw new IllegalArgumentException("scatter: src shape " + Shapes.str(s) + " and index shape "
                    + Shapes.str(index.shapeRef()) + " differ; both must be the keepDims output of max");
        if (s[ax] != 1)
            throw new IllegalArgumentException("scatter: src shape " + Shapes.str(s) + " must have size 1 along axis " + axis
                    + " (got " + s[ax] + "); use max(..., keepDims=true)");
        if (size < 1) throw new IllegalArgumentException("scatter: size must be >= 1, got " + size);
        int[] outShape = s.clone();
        outShape[ax] = size;
        RefTensor out = RefTensor.zeros((ReferenceBackend) src.backend(), src.dtype(), outShape);
        int outer = 1, inner = 1;
        for (int i = 0; i < ax; i++) outer *= s[i];
        for (int i = ax + 1; i < s.length; i++) inner *= s[i];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int p = o * inner + j;
                double iv = index.isFloat() ? index.f[p] : index.d[p];
                int k = (int) iv;
                if (k != iv || k < 0 || k >= size)
                    throw new IllegalArgumentException("scatter: index " + iv + " at flat position " + p + " of shape "
                            + Shapes.str(s) + " is not an integer in [0, " + size + ")");
                int q = (o * size + k) * inner + j;
                if (src.isFloat()) out.f[q] += src.f[p];
                else out.d[q] += src.d[p];
            }
        }
        return out;
    }
}
