package io.cnn4j.backend.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GEMMs that read {@link LazyUnfold} columns chunk by chunk, so the column matrix is built in a cache-sized scratch
 * buffer just before it is consumed (see {@link Matmul} for the general cases):
 * <ul>
 *   <li>{@link #weightTimesCols}: {@code W [M,K] · cols [N,K,L] → [N,M,L]} (convolution forward, transposed-
 *       convolution input gradient);</li>
 *   <li>{@link #gradTimesColsT}: {@code dY [N,M,L] · colsᵀ → [N,M,K]} (convolution weight gradient).</li>
 * </ul>
 * Images are processed {@link #chunk} at a time: as many as keep the scratch within {@value #SCRATCH_ELEMENTS}
 * elements (at least one). Results are plain row-major.
 */
final class ConvGemm {
    private ConvGemm() {}

    static final long SCRATCH_ELEMENTS = 1L << 19; // 2 MiB of float32

    static int chunk(LazyUnfold u) {
        long per = (long) u.rows() * u.cols();
        return (int) Math.max(1, Math.min(u.n, SCRATCH_ELEMENTS / Math.max(1, per)));
    }

    /** A plain channel-major scratch {@code [C, kh, kw, nb, oH, oW]} holding the columns of images [n0, n0+nb). */
    private static INDArray unfoldChunk(LazyUnfold u, int n0, int nb, INDArray scratch) {
        long chw = (long) u.c * u.h * u.w;
        INDArray src = Layouts.view(u.x, n0 * chw, new long[]{nb, u.c, u.h, u.w}, new long[]{chw, (long) u.h * u.w, u.w, 1});
        Windows.unfoldInto(src, u.g, u.padValue, scratch);
        return scratch;
    }

    static INDArray weightTimesCols(Gemm.Operand w, LazyUnfold u) {
        int m = w.rows(), k = u.rows(), l = u.cols(), nb = chunk(u);
        INDArray out = Nd4j.createUninitialized(u.x.dataType(), new long[]{u.n, m, l}, 'c');
        INDArray scratch = Nd4j.createUninitialized(u.x.dataType(), new long[]{u.c, u.g.kernelH(), u.g.kernelW(), nb, u.oH, u.oW}, 'c');
        INDArray tmp = nb > 1 ? Nd4j.createUninitialized(u.x.dataType(), new long[]{m, nb, l}, 'c') : null;
        for (int n0 = 0; n0 < u.n; n0 += nb) {
            int cnt = Math.min(nb, u.n - n0);
            INDArray s = cnt == nb ? scratch : Nd4j.createUninitialized(u.x.dataType(), new long[]{u.c, u.g.kernelH(), u.g.kernelW(), cnt, u.oH, u.oW}, 'c');
            unfoldChunk(u, n0, cnt, s);
            Gemm.Operand cols = Gemm.Operand.of(s, 0, k, cnt * l, (long) cnt * l, 1);
            if (cnt == 1) {
                Gemm.gemm(w, cols, out, (long) n0 * m * l, l);
            } else {
                INDArray t = cnt == nb ? tmp : Nd4j.createUninitialized(u.x.dataType(), new long[]{m, cnt, l}, 'c');
                Gemm.gemm(w, cols, t, 0, cnt * l);
                Layouts.view(out, (long) n0 * m * l, new long[]{m, cnt, l}, new long[]{l, (long) m * l, 1}).assign(t);
            }
        }
        return out;
    }

    /** {@code dY} is a plain row-major [N, M, L] array. */
    static INDArray gradTimesColsT(INDArray dy, LazyUnfold u) {
        int m = (int) dy.size(1), k = u.rows(), l = u.cols(), nb = chunk(u);
        INDArray out = Nd4j.createUninitialized(u.x.dataType(), new long[]{u.n, m, k}, 'c');
        INDArray scratch = Nd4j.createUninitialized(u.x.dataType(), new long[]{u.c, u.g.kernelH(), u.g.kernelW(), nb, u.oH, u.oW}, 'c');
        for (int n0 = 0; n0 < u.n; n0 += nb) {
            int cnt = Math.min(nb, u.n - n0);
            INDArray s = cnt == nb ? scratch : Nd4j.createUninitialized(u.x.dataType(), new long[]{u.c, u.g.kernelH(), u.g.kernelW(), cnt, u.oH, u.oW}, 'c');
            unfoldChunk(u, n0, cnt, s);
            for (int i = 0; i < cnt; i++) {
                int n = n0 + i;
                Gemm.Operand a = Gemm.Operand.of(dy, (long) n * m * l, m, l, l, 1);
                Gemm.Operand bt = Gemm.Operand.of(s, (long) i * l, l, k, 1, (long) cnt * l); // colsₙᵀ [L, K]
                Gemm.gemm(a, bt, out, (long) n * m * k, k);
            }
        }
        return out;
    }
}
