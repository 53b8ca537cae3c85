package io.cnn4j.backend.reference;

import io.cnn4j.tensor.Shapes;

/**
 * Matrix product {@code op(a)·op(b)}, op = optional transpose of the last two axes:
 * {@code [M,K]·[K,N] → [M,N]}, batched {@code [B,M,K]·[B,K,N] → [B,M,N]}, and a 2-D operand broadcast over the
 * batch of a 3-D one. Shapes are checked after the transposes.
 *
 * <p>This class validates shapes, describes both operands by strides (a transpose is just swapped strides), and
 * splits the output into independent tasks (batch × row block × column panel) for the common ForkJoinPool.
 * The arithmetic is in {@link GemmFloat} / {@link GemmDouble}: blocked i-k-j loops over packed B panels whose
 * innermost loop runs along a row of B and C so the JIT vectorises it.
 */
final class Matmul {
    private Matmul() {}

    /** Desired number of tasks per core, so uneven tasks still balance. */
    private static final int TASKS_PER_CORE = 4;
    /** Fewest rows in a task, so re-packing the B panel per task stays a small fraction of the work. */
    private static final int MIN_ROWS = 16;

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

        // Element (i, kk) of op(a) for batch p is at p·aBatch + i·aRs + kk·aCs; element (kk, j) of op(b) at
        // p·bBatch + kk·bRs + j·bCs.
        int aRs = ta ? 1 : aCols, aCs = ta ? aCols : 1;
        int bRs = tb ? 1 : bCols, bCs = tb ? bCols : 1;
        int aBatch = a3 ? m * k : 0, bBatch = b3 ? k * n : 0;

        // Tasks: batch × row block × column panel. Column panels keep the packed B block in L2; row blocks are
        // cut only as far as needed to give every core several tasks, since each task re-packs its B panel.
        int panel = a.isFloat() ? GemmFloat.panelWidth(n, k) : GemmDouble.panelWidth(n, k);
        int panels = (n + panel - 1) / panel;
        int cores = Runtime.getRuntime().availableProcessors();
        int wanted = TASKS_PER_CORE * cores;
        int rowBlocks = Math.max(1, Math.min((m + MIN_ROWS - 1) / MIN_ROWS, (wanted + batch * panels - 1) / (batch * panels)));
        int rowsPerBlock = (((m + rowBlocks - 1) / rowBlocks) + 1) & ~1;
        int blocks = (m + rowsPerBlock - 1) / rowsPerBlock;
        int tasksPerBatch = blocks * panels;
        long workPerTask = (long) rowsPerBlock * Math.min(n, panel) * k;
        int mm = m, nn = n, kk = k;
        float[] af = a.f, bf = b.f, cf = out.f;
        double[] ad = a.d, bd = b.d, cd = out.d;
        Parallel.forEach(batch * tasksPerBatch, workPerTask, t -> {
            int p = t / tasksPerBatch, r = t % tasksPerBatch;
            int i0 = (r / panels) * rowsPerBlock, i1 = Math.min(mm, i0 + rowsPerBlock);
            int j0 = (r % panels) * panel, j1 = Math.min(nn, j0 + panel);
            if (cf != null)
                GemmFloat.multiply(af, p * aBatch, aRs, aCs, bf, p * bBatch, bRs, bCs, cf, p * mm * nn, nn, i0, i1, j0, j1, kk);
            else
                GemmDouble.multiply(ad, p * aBatch, aRs, aCs, bd, p * bBatch, bRs, bCs, cd, p * mm * nn, nn, i0, i1, j0, j1, kk);
        });
        return out;
    }
}
