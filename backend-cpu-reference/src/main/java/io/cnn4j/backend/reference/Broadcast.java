package io.cnn4j.backend.reference;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.Shapes;

/**
 * Tensor-tensor binary ops with NumPy broadcasting: shapes are aligned from the right, and a dimension of size 1
 * (or a missing leading dimension) is repeated to match the other operand. Definition per element:
 * {@link BinaryOp#apply} in double, rounded to float for FLOAT32.
 *
 * <p>Implementation: both operands get a stride of 0 along broadcast axes; axes that can be walked as one are
 * merged; an odometer walks the output rows and the last (merged) axis is a tight strided loop.
 */
final class Broadcast {
    private Broadcast() {}

    static RefTensor binary(BinaryOp op, RefTensor a, RefTensor b) {
        if (op == null) throw new IllegalArgumentException("binary: op is null");
        int[] as = a.shapeRef(), bs = b.shapeRef();
        int[] outShape = Shapes.broadcast("binary " + op, as, bs);
        int rank = outShape.length;
        RefTensor out = RefTensor.zeros((ReferenceBackend) a.backend(), a.dtype(), outShape);
        int n = out.length();
        if (n == 0) return out;
        if (rank == 0) {
            rows(op, a, 0, 0, b, 0, 0, out, 0, 1);
            return out;
        }
        int[] sa0 = broadcastStrides(as, rank), sb0 = broadcastStrides(bs, rank);
        // Merge adjacent axes along which both operands are laid out contiguously (or both broadcast), so e.g.
        // equal shapes become one flat loop and a per-channel bias over NCHW becomes rows of H·W elements.
        int[] shape = new int[rank], sa = new int[rank], sb = new int[rank];
        int r = 0;
        for (int ax = 0; ax < rank; ax++) {
            if (outShape[ax] == 1) continue;
            if (r > 0 && sa[r - 1] == sa0[ax] * outShape[ax] && sb[r - 1] == sb0[ax] * outShape[ax]) {
                shape[r - 1] *= outShape[ax];
                sa[r - 1] = sa0[ax];
                sb[r - 1] = sb0[ax];
            } else {
                shape[r] = outShape[ax];
                sa[r] = sa0[ax];
                sb[r] = sb0[ax];
                r++;
            }
        }
        if (r == 0) { // every axis has size 1: a single element
            rows(op, a, 0, 0, b, 0, 0, out, 0, 1);
            return out;
        }
        int dims = r;
        int inner = shape[dims - 1];
        int rowsTotal = n / inner;
        // Each task handles a contiguous range of output rows, restarting the odometer at its first row.
        if (rowsTotal == 1) { // one flat row: split it over the cores
            Parallel.forRange(inner, 2, (lo, hi) -> rows(op, a, lo * sa[0], sa[0], b, lo * sb[0], sb[0], out, lo, hi - lo));
            return out;
        }
        Parallel.forRange(rowsTotal, 2 * inner, (lo, hi) -> {
            int[] idx = new int[dims - 1];
            int pa = 0, pb = 0;
            int rest = lo;
            for (int ax = dims - 2; ax >= 0; ax--) {
                idx[ax] = rest % shape[ax];
                rest /= shape[ax];
                pa += idx[ax] * sa[ax];
                pb += idx[ax] * sb[ax];
            }
            for (int row = lo; row < hi; row++) {
                rows(op, a, pa, sa[dims - 1], b, pb, sb[dims - 1], out, row * inner, inner);
                for (int ax = dims - 2; ax >= 0; ax--) {
                    pa += sa[ax];
                    pb += sb[ax];
                    if (++idx[ax] < shape[ax]) break;
                    pa -= sa[ax] * shape[ax];
                    pb -= sb[ax] * shape[ax];
                    idx[ax] = 0;
                }
            }
        });
        return out;
    }

    /** Row-major strides of {@code shape} right-aligned to {@code rank}, 0 along missing or size-1 axes. */
    private static int[] broadcastStrides(int[] shape, int rank) {
        int[] own = Shapes.strides(shape);
        int[] s = new int[rank];
        int shift = rank - shape.length;
        for (int i = 0; i < shape.length; i++) s[i + shift] = shape[i] == 1 ? 0 : own[i];
        return s;
    }

    /** One output row: {@code out[po+j] = op(a[pa+j·sa], b[pb+j·sb])} for {@code 0 ≤ j < n}. */
    private static void rows(BinaryOp op, RefTensor a, int pa, int sa, RefTensor b, int pb, int sb, RefTensor out, int po, int n) {
        if (a.isFloat()) rowFloat(op, a.f, pa, sa, b.f, pb, sb, out.f, po, n);
        else rowDouble(op, a.d, pa, sa, b.d, pb, sb, out.d, po, n);
    }

    private static void rowFloat(BinaryOp op, float[] a, int pa, int sa, float[] b, int pb, int sb, float[] o, int po, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] + b[pb + j]; return;
                case SUB: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] - b[pb + j]; return;
                case MUL: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] * b[pb + j]; return;
                case DIV: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] / b[pb + j]; return;
                default: break;
            }
        } else if (sa == 1 && sb == 0) {
            float y = b[pb];
            switch (op) {
                case ADD: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] + y; return;
                case SUB: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] - y; return;
                case MUL: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] * y; return;
                default: break;
            }
        }
        for (int j = 0; j < n; j++) o[po + j] = (float) op.apply(a[pa + j * sa], b[pb + j * sb]);
    }

    private static void rowDouble(BinaryOp op, double[] a, int pa, int sa, double[] b, int pb, int sb, double[] o, int po, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] + b[pb + j]; return;
                case SUB: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] - b[pb + j]; return;
                case MUL: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] * b[pb + j]; return;
                case DIV: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] / b[pb + j]; return;
                default: break;
            }
        } else if (sa == 1 && sb == 0) {
            double y = b[pb];
            switch (op) {
                case ADD: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] + y; return;
                case SUB: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] - y; return;
                case MUL: for (int j = 0; j < n; j++) o[po + j] = a[pa + j] * y; return;
                default: break;
            }
        }
        for (int j = 0; j < n; j++) o[po + j] = op.apply(a[pa + j * sa], b[pb + j * sb]);
    }
}
