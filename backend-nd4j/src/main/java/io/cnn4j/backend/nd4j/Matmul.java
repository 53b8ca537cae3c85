package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code op(a)·op(b)} for 2-D and batched 3-D operands (SPI {@code Backend.matmul}), mapped onto as few GEMM calls as
 * the operands' strides allow:
 * <ul>
 *   <li>2-D × 3-D with narrow batches ({@code N < }{@value #NARROW} columns each): one GEMM {@code [M,K]·[K,B·N]}
 *       on the channel-major layout {@code unfold} produces ({@code [K, B, N]} physically; other layouts are gathered
 *       into it with one copy), then one copy of the result into row-major {@code [B, M, N]}: one large GEMM beats B
 *       small ones. Wide batches: one strided GEMM per batch straight into the result.</li>
 *   <li>3-D × 2-D where the 3-D operand's rows are uniformly strided across batches: one GEMM {@code [B·M,K]·[K,N]}.</li>
 *   <li>Otherwise one strided GEMM per batch, writing straight into the row-major result.</li>
 * </ul>
 * Results are always plain row-major arrays (libnd4j's elementwise kernels are 10-100× slower on permuted views).
 * Operands are never copied unless neither of their last two axes has unit stride.
 */
final class Matmul {
    private Matmul() {}

    /** Below this many columns per batch, a 2-D × 3-D product gathers the batches into one GEMM. */
    static final int NARROW = 1024;

    /** A 3-D strided description of a logical matrix batch after the optional transpose. */
    private record Batch(INDArray base, boolean transposed, int batch, int rows, int cols, long bStride, long rStride, long cStride) {
        static Batch of(INDArray x, boolean transpose) {
            long[] s = x.shape(), st = x.stride();
            boolean three = s.length == 3;
            int b = three ? (int) s[0] : 1;
            long bs = three ? st[0] : 0;
            int r = (int) s[s.length - 2], c = (int) s[s.length - 1];
            long rs = st[s.length - 2], cs = st[s.length - 1];
            return transpose ? new Batch(x, true, b, c, r, bs, cs, rs) : new Batch(x, false, b, r, c, bs, rs, cs);
        }

        Gemm.Operand operand(int i) { return Gemm.Operand.of(base, i * bStride, rows, cols, rStride, cStride); }

        /** The logical (post-transpose) matrices as an ND4J view of the base array. */
        INDArray logical() {
            if (!transposed) return base;
            return base.rank() == 3 ? base.permute(0, 2, 1) : base.transpose();
        }

        /** The same logical batch re-laid out row-major (used when BLAS cannot address the strides). */
        Batch contiguous() { return of(logical().dup('c'), false); }
    }

    static INDArray matmul(INDArray a, boolean ta, INDArray b, boolean tb) {
        int ra = a.rank(), rb = b.rank();
        if ((ra != 2 && ra != 3) || (rb != 2 && rb != 3))
            throw new IllegalArgumentException("matmul: operands must be 2-D or 3-D, got " + Shapes.str(ints(a.shape())) + " and " + Shapes.str(ints(b.shape())));
        Batch A = Batch.of(a, ta), B = Batch.of(b, tb);
        if (A.cols() != B.rows())
            throw new IllegalArgumentException("matmul: inner dimensions differ: op(a) is [" + A.rows() + "," + A.cols() + "], op(b) is ["
                    + B.rows() + "," + B.cols() + "] (shapes " + Shapes.str(ints(a.shape())) + (ta ? "ᵀ" : "") + " · " + Shapes.str(ints(b.shape())) + (tb ? "ᵀ" : "")
                    + "); check the transpose flags");
        if (ra == 3 && rb == 3 && A.batch() != B.batch())
            throw new IllegalArgumentException("matmul: batch sizes differ: " + A.batch() + " vs " + B.batch() + " (shapes "
                    + Shapes.str(ints(a.shape())) + " and " + Shapes.str(ints(b.shape())) + ")");
        int batch = Math.max(A.batch(), B.batch()), m = A.rows(), k = A.cols(), n = B.cols();
        boolean batched = ra == 3 || rb == 3;
        DataType type = a.dataType();
        if (!Gemm.HOST_BLAS) return deviceMatmul(A, B, batched, type);

        if (k == 0 || m == 0 || n == 0 || batch == 0)
            return Nd4j.create(type, batched ? new long[]{batch, m, n} : new long[]{m, n}, 'c');

        if (ra == 2 && rb == 3) {
            Batch merged = sideBySide(B);
            boolean narrow = batch > 1 && n < NARROW;
            if (merged == null && narrow) merged = sideBySide(gatherSideBySide(B));
            if (merged != null && narrow) {
                // One GEMM [M,K]·[K,B·N] into [M,B,N], then one (fast, 3-D) copy into the row-major [B,M,N] result.
                Gemm.Operand opA = A.operand(0);
                if (opA == null) opA = (A = A.contiguous()).operand(0);
                Gemm.Operand opB = Gemm.Operand.of(merged.base(), 0, k, batch * n, merged.rStride(), 1);
                INDArray tmp = Nd4j.createUninitialized(type, new long[]{m, batch, n}, 'c');
                Gemm.gemm(opA, opB, tmp, 0, batch * n);
                INDArray out = Nd4j.createUninitialized(type, new long[]{batch, m, n}, 'c');
                out.permute(1, 0, 2).assign(tmp);
                return out;
            }
        }
        if (ra == 3 && rb == 2 && (A.bStride() == (long) m * A.rStride() || m == 1 && A.batch() == 1) && (A.cStride() == 1 || k == 1)) {
            Gemm.Operand opA = Gemm.Operand.of(a, 0, batch * m, k, A.rStride(), 1);
            Gemm.Operand opB = B.operand(0);
            if (opB == null) opB = (B = B.contiguous()).operand(0);
            if (opA != null) {
                INDArray out = Nd4j.createUninitialized(type, new long[]{batch, m, n}, 'c');
                Gemm.gemm(opA, opB, out, 0, n);
                return out;
            }
        }
        if (A.operand(0) == null) A = A.contiguous();
        if (B.operand(0) == null) B = B.contiguous();
        INDArray out = Nd4j.createUninitialized(type, batched ? new long[]{batch, m, n} : new long[]{m, n}, 'c');
        for (int i = 0; i < batch; i++) {
            Gemm.gemm(A.operand(A.batch() == 1 ? 0 : i), B.operand(B.batch() == 1 ? 0 : i), out, (long) i * m * n, n);
        }
        return out;
    }

    /**
     * The batch {@code [B, K, N]} seen as one row-major matrix {@code [K, B·N]} (element (k, b·N + j) at
     * {@code b·bStride + k·rStride + j}), or null when the batches are not laid side by side.
     */
    private static Batch sideBySide(Batch x) {
        boolean unitCols = x.cStride() == 1 || x.cols() == 1;
        boolean adjacent = x.batch() == 1 || x.bStride() == x.cols();
        if (!unitCols || !adjacent || x.rows() > 1 && x.rStride() < (long) x.batch() * x.cols()) return null;
        return x;
    }

    /** Copies the batch into a fresh {@code [K, B, N]} buffer, returned as its logical {@code [B, K, N]} view. */
    private static Batch gatherSideBySide(Batch x) {
        INDArray buf = Nd4j.createUninitialized(x.base().dataType(), new long[]{x.rows(), x.batch(), x.cols()}, 'c');
        INDArray view = buf.permute(1, 0, 2);
        view.assign(x.logical());
        return Batch.of(view, false);
    }

    /** Non-host ND4J backends (nd4j-cuda): per-batch {@code Nd4j.gemm} on row-major copies. */
    private static INDArray deviceMatmul(Batch A, Batch B, boolean batched, DataType type) {
        int batch = Math.max(A.batch(), B.batch()), m = A.rows(), n = B.cols();
        INDArray out = Nd4j.create(type, batched ? new long[]{batch, m, n} : new long[]{m, n}, 'c');
        A = A.contiguous();
        B = B.contiguous();
        for (int i = 0; i < batch; i++) {
            INDArray ai = A.base().rank() == 3 ? A.base().get(NDArrayIndex.point(A.batch() == 1 ? 0 : i), NDArrayIndex.all(), NDArrayIndex.all()) : A.base();
            INDArray bi = B.base().rank() == 3 ? B.base().get(NDArrayIndex.point(B.batch() == 1 ? 0 : i), NDArrayIndex.all(), NDArrayIndex.all()) : B.base();
            INDArray r = Nd4j.gemm(ai.dup('f'), bi.dup('f'), false, false);
            if (batched) out.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all()).assign(r);
            else out.assign(r);
        }
        return out;
    }

    static int[] ints(long[] s) {
        int[] r = new int[s.length];
        for (int i = 0; i < s.length; i++) r[i] = (int) s[i];
        return r;
    }
}
