package io.cnn4j.backend.nd4j;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Strided GEMM straight into ND4J buffers through the same OpenBLAS ND4J links ({@code cblas_?gemm}), so that
 * operands described by a leading dimension — transposed views, one matrix of a batch, the channel-major unfold
 * columns — need no copy, and results are written in place (row-major with any {@code ldc}). OpenBLAS computes
 * row-major C by swapping operands, so the "f-order output is faster" effect of {@code Nd4j.gemm} does not apply
 * here. On a non-CPU ND4J backend (nd4j-cuda) {@link #gemm} falls back to {@code Nd4j.gemm} on copies.
 */
final class Gemm {
    private Gemm() {}

    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
    private static final int TRANS = openblas_nolapack.CblasTrans;

    /** True when ND4J runs on the CPU (nd4j-native), where buffers are host memory BLAS can read. */
    static final boolean HOST_BLAS = Nd4j.getBackend().getClass().getName().contains("cpu");

    /**
     * A 2-D operand as BLAS sees it: {@code op(A)} of logical shape [rows, cols] stored at element offset
     * {@code offset} of {@code base}'s buffer with leading dimension {@code ld}, transposed or not.
     */
    record Operand(INDArray base, long offset, int rows, int cols, boolean trans, int ld) {

        /**
         * Describes the logical matrix {@code [rows, cols]} whose element (r, c) lies at
         * {@code offset + r·rowStride + c·colStride}; null when neither stride is 1 (the caller copies).
         */
        static Operand of(INDArray base, long offset, int rows, int cols, long rowStride, long colStride) {
            if ((colStride == 1 || cols == 1) && (rows == 1 || rowStride >= cols) && rowStride <= Integer.MAX_VALUE)
                return new Operand(base, offset, rows, cols, false, (int) Math.max(rows == 1 ? cols : rowStride, Math.max(1, cols)));
            if ((rowStride == 1 || rows == 1) && (cols == 1 || colStride >= rows) && colStride <= Integer.MAX_VALUE)
                return new Operand(base, offset, rows, cols, true, (int) Math.max(cols == 1 ? rows : colStride, Math.max(1, rows)));
            return null;
        }
    }

    /**
     * {@code C = op(A)·op(B)} (beta = 0) with C row-major: element (m, n) of C at {@code cOffset + m·ldc + n} in
     * {@code c}'s buffer. A is [M,K], B is [K,N] as described.
     */
    static void gemm(Operand a, Operand b, INDArray c, long cOffset, int ldc) {
        int m = a.rows(), k = a.cols(), n = b.cols();
        if (m == 0 || n == 0) return;
        if (c.dataType() == DataType.DOUBLE) {
            DoublePointer pa = at(a.base(), a.offset(), DoublePointer.class);
            DoublePointer pb = at(b.base(), b.offset(), DoublePointer.class);
            DoublePointer pc = at(c, cOffset, DoublePointer.class);
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, a.trans() ? TRANS : NO_TRANS, b.trans() ? TRANS : NO_TRANS,
                    m, n, k, 1.0, pa, a.ld(), pb, b.ld(), 0.0, pc, ldc);
        } else {
            FloatPointer pa = at(a.base(), a.offset(), FloatPointer.class);
            FloatPointer pb = at(b.base(), b.offset(), FloatPointer.class);
            FloatPointer pc = at(c, cOffset, FloatPointer.class);
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, a.trans() ? TRANS : NO_TRANS, b.trans() ? TRANS : NO_TRANS,
                    m, n, k, 1.0f, pa, a.ld(), pb, b.ld(), 0.0f, pc, ldc);
        }
    }

    /**
     * Raw row-major FLOAT32 GEMM on plain ND4J buffers: {@code C = op(A)·op(B) + beta·C}, with A, B and C addressed
     * from element offsets of their arrays' buffers and leading dimensions {@code lda}, {@code ldb}, {@code ldc}
     * (as {@code cblas_sgemm}). {@code beta = 1} accumulates, which the fused convolutions use for weight gradients.
     */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      INDArray a, long aOffset, int lda, INDArray b, long bOffset, int ldb,
                      float beta, INDArray c, long cOffset, int ldc) {
        if (m == 0 || n == 0) return;
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k,
                1.0f, at(a, aOffset, FloatPointer.class), lda, at(b, bOffset, FloatPointer.class), ldb,
                beta, at(c, cOffset, FloatPointer.class), ldc);
    }

    /**
     * {@code cblas_sdot} of a plain FLOAT32 array with itself, {@code Σ x²} accumulated in float: NaN exactly when
     * {@code x} holds a NaN (an infinity or an overflow gives +inf, never NaN). One vectorised read of {@code x}, the
     * cheapest NaN scan available here (libnd4j's {@code sum} takes twice as long, its {@code IsNaN} fifteen times).
     */
    static float sumOfSquares(INDArray x) {
        long n = x.length();
        if (n == 0) return 0f;
        FloatPointer p = at(x, 0, FloatPointer.class);
        return openblas_nolapack.cblas_sdot(Math.toIntExact(n), p, 1, p, 1);
    }

    /** A typed pointer to element {@code offset} of {@code arr}'s view (the view's own offset is already in its address). */
    private static <P extends Pointer> P at(INDArray arr, long offset, Class<P> type) {
        Pointer p = arr.data().addressPointer();
        if (p.position() != 0 && !type.isInstance(p))
            throw new IllegalStateException("nd4j backend: unexpected untyped buffer pointer with a position; cannot address it for BLAS");
        Pointer typed = type == DoublePointer.class ? new DoublePointer(p) : new FloatPointer(p);
        typed.position(typed.position() + offset);
        return type.cast(typed);
    }
}
