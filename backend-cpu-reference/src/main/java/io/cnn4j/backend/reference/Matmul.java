package io.cnn4j.backend.reference;

import io.cnn4j.tensor.Shapes;

/**
 * Matrix product {@code op(a)·op(b)}, op = optional transpose of the last two axes:
 * {@code [M,K]·[K,N] → [M,N]}, batched {@code [B,M,K]·[B,K,N] → [B,M,N]}, and a 2-D operand broadcast over the
 * batch of a 3-D one. Shapes are checked after the transposes.
 *
 * <p>This class validates shapes, describes both operands by strides (a transpose is just swapped strides), and
 * splits the output into independent tasks (batch × row block × column panel) for the common ForkJoinPool. A
 * shared 2-D weight times a batch of narrow matrices is computed as one wide product (batch laid out as columns),
 * so the kernel's contiguous inner loops stay long.
 * The arithmetic is in {@link GemmFloat} / {@link GemmDouble}: blocked i-k-j loops over packed B panels whose
 * innermost loop runs along a row of B and C so the JIT vectorises it.
 */
final class Matmul {
    private Matmul() {}

    /** Desired number of tasks per core, so uneven tasks still balance. */
    private static final int TASKS_PER_CORE = 4;
    /** Fewest rows in a task, so re-packing the B panel per task stays a small fraction of the work. */
    private static final int MIN_ROWS = 16;
    /** A broadcast 2-D × 3-D product whose N is below this is computed with the batch laid out as columns. */
    static final int FOLD_BELOW = 256;

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

        if (!a3 && b3 && batch > 1 && n < FOLD_BELOW) {
            // A shared 2-D left operand and narrow 3-D right operand (a convolution's weight times im2col columns):
            // lay the batch side by side as columns, C'[M, batch·N] = A·[B_0 … B_{batch-1}], so the kernel's
            // inner loops are long; then scatter C' back to [batch, M, N].
            RefTensor wide = RefTensor.zeros((ReferenceBackend) a.backend(), a.dtype(), new int[]{m, batch * n});
            run(a, aRs, aCs, 0, b, bRs, bCs, n, bBatch, 0, wide, 1, m, batch * n, k, n);
            unfoldColumns(wide, out, batch, m, n);
        } else {
            run(a, aRs, aCs, aBatch, b, bRs, bCs, n, 0, bBatch, out, batch, m, n, k, 1);
        }
        return out;
    }

    /**
     * Runs {@code batch} products {@code C_p[M,N] = A_p·B_p} split into tasks (batch × row block × column panel).
     * Column panels keep the packed B block in L2; row blocks are cut only as far as needed to give every core
     * several tasks, since each task packs its own B panel. B's columns come in segments of {@code bSeg}
     * (see {@link GemmFloat#multiply}); panels are then whole multiples of {@code panelAlign} columns.
     */
    private static void run(RefTensor a, int aRs, int aCs, int aBatch,
                            RefTensor b, int bRs, int bCs, int bSeg, int bSegStride, int bBatch,
                            RefTensor out, int batch, int m, int n, int k, int panelAlign) {
        int width = a.isFloat() ? GemmFloat.panelWidth(n, k) : GemmDouble.panelWidth(n, k);
        int panel = width >= n ? n : Math.max(panelAlign, width / panelAlign * panelAlign);
        int panels = (n + panel - 1) / panel;
        int cores = Runtime.getRuntime().availableProcessors();
        int wanted = TASKS_PER_CORE * cores;
        int rowBlocks = Math.max(1, Math.min((m + MIN_ROWS - 1) / MIN_ROWS, (wanted + batch * panels - 1) / (batch * panels)));
        int rowsPerBlock = (((m + rowBlocks - 1) / rowBlocks) + 1) & ~1;
        int blocks = (m + rowsPerBlock - 1) / rowsPerBlock;
        int tasksPerBatch = blocks * panels;
        long workPerTask = (long) rowsPerBlock * panel * k;
        float[] af = a.f, bf = b.f, cf = out.f;
        double[] ad = a.d, bd = b.d, cd = out.d;
        Parallel.forEach(batch * tasksPerBatch, workPerTask, t -> {
            int p = t / tasksPerBatch, r = t % tasksPerBatch;
            int i0 = (r / panels) * rowsPerBlock, i1 = Math.min(m, i0 + rowsPerBlock);
            int j0 = (r % panels) * panel, j1 = Math.min(n, j0 + panel);
            if (cf != null)
                GemmFloat.multiply(af, p * aBatch, aRs, aCs, bf, p * bBatch, bRs, bCs, bSeg, bSegStride, cf, p * m * n, n, i0, i1, j0, j1, k);
            else
                GemmDouble.multiply(ad, p * aBatch, aRs, aCs, bd, p * bBatch, bRs, bCs, bSeg, bSegStride, cd, p * m * n, n, i0, i1, j0, j1, k);
        });
    }

    /** {@code out[p, i, :] = wide[i, p·n : (p+1)·n]}: undoes the side-by-side batch layout. */
    private static void unfoldColumns(RefTensor wide, RefTensor out, int batch, int m, int n) {
        Parallel.forEach(batch, (long) m * n, p -> {
            for (int i = 0; i < m; i++) {
                if (out.isFloat()) System.arraycopy(wide.f, i * batch * n + p * n, out.f, (p * m + i) * n, n);
                else System.arraycopy(wide.d, i * batch * n + p * n, out.d, (p * m + i) * n, n);
            }
        });
    }
}
