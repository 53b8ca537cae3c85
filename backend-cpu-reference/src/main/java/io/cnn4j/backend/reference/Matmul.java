package io.cnn4j.backend.reference;

import io.cnn4j.tensor.Shapes;

/**
 * Matrix product {@code op(a)·op(b)}, op = optional transpose of the last two axes:
 * {@code [M,K]·[K,N] → [M,N]}, batched {@code [B,M,K]·[B,K,N] → [B,M,N]}, and a 2-D operand broadcast over the
 * batch of a 3-D one. Shapes are checked after the transposes.
 *
 * <p>This class validates shapes, brings {@code op(b)} into row-major {@code [K,N]} form (packing it when it is
 * transposed), and splits the output into independent tasks (batch × row block) for the common ForkJoinPool.
 * The arithmetic is in {@link GemmFloat} / {@link GemmDouble}: blocked i-k-j loops whose innermost loop runs
 * along a contiguous row of B and C so the JIT vectorises it. {@code op(a)} is read in place through strides.
 */
final class Matmul {
    private Matmul() {}

    /** Desired number of tasks per core, so uneven tasks still balance. */
    private static final int TASKS_PER_CORE = 4;

    static RefTensor matmul(RefTensor a, boolean ta, RefTensor b, boolean tb) {
        int[] as = a.shapeRef(), bs = b.shapeRef();
        if (as.length < 2 || as.length > 3 || bs.length < 2 || bs.length > 3)
            throw new IllegalArgumentException("matmul: operands must be 2-D [M,K] or 3-D [B,M,K], got a " + Shapes.str(as)
                    + " and b " + Shapes.str(bs) + "; reshape them first");
        boolean a3 = as.length == 3, b3 = bs.length == 3;
        int aRows = as[as.length - 2], aCols = as[as.length - 1];
        int bRows = bs[bs.length - 2], bCols = bs[bs.length - 1];
        int m = ta ? aCols : aRows, k = ta ? aRows : aCols;
        int kb = tb ? bCols : bRows, n = tb ? bRows : bCols;
        if (k != kb)
            throw new IllegalArgumentException("matmul: inner dimensions differ: op(a) is " + m + "x" + k + " (a " + Shapes.str(as)
                    + ", transposeA=" + ta + ") but op(b) is " + kb + "x" + n + " (b " + Shapes.str(bs) + ", transposeB=" + tb + ")");
        if (a3 && b3 && as[0] != bs[0])
            throw new IllegalArgumentException("matmul: batch sizes differ: a " + Shapes.str(as) + " vs b " + Shapes.str(bs));
        int batch = a3 ? as[0] : b3 ? bs[0] : 1;
        int[] outShape = (a3 || b3) ? new int[]{batch, m, n} : new int[]{m, n};
        RefTensor out = RefTensor.zeros((ReferenceBackend) a.backend(), a.dtype(), outShape);
        if (out.length() == 0 || k == 0) return out;

        // Element (i, kk) of op(a) for batch p is at aBatchStride·p + i·aRs + kk·aCs.
        int aRs = ta ? 1 : aCols, aCs = ta ? aCols : 1;
        int aBatchStride = a3 ? m * k : 0;
        int bBatchStride = b3 ? k * n : 0;
        int bBatches = b3 ? batch : 1;

        // Row blocks: enough tasks to keep every core busy; multiples of 4 rows for the kernel's row unrolling.
        int cores = Runtime.getRuntime().availableProcessors();
        int rowBlocks = Math.max(1, Math.min((m + 3) / 4, (TASKS_PER_CORE * cores + batch - 1) / batch));
        int rowsPerBlock = ((m + rowBlocks - 1) / rowBlocks + 3) & ~3;
        int blocks = (m + rowsPerBlock - 1) / rowsPerBlock;
        long workPerTask = (long) rowsPerBlock * n * k;
        int mm = m;

        if (a.isFloat()) {
            float[] bp = tb ? GemmFloat.packTransposed(b.f, bBatches, n, k) : b.f;
            float[] af = a.f, cf = out.f;
            Parallel.forEach(batch * blocks, workPerTask, t -> {
                int p = t / blocks, i0 = (t % blocks) * rowsPerBlock, i1 = Math.min(mm, i0 + rowsPerBlock);
                GemmFloat.multiply(af, p * aBatchStride, aRs, aCs, bp, p * bBatchStride, n, cf, p * mm * n, n, i0, i1, n, k);
            });
        } else {
            double[] bp = tb ? GemmDouble.packTransposed(b.d, bBatches, n, k) : b.d;
            double[] ad = a.d, cd = out.d;
            Parallel.forEach(batch * blocks, workPerTask, t -> {
                int p = t / blocks, i0 = (t % blocks) * rowsPerBlock, i1 = Math.min(mm, i0 + rowsPerBlock);
                GemmDouble.multiply(ad, p * aBatchStride, aRs, aCs, bp, p * bBatchStride, n, cd, p * mm * n, n, i0, i1, n, k);
            });
        }
        return out;
    }
}
