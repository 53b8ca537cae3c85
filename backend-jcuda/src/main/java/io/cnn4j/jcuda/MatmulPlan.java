package io.cnn4j.jcuda;

import io.cnn4j.tensor.Shapes;

/**
 * Everything the matmul kernel needs, worked out on the host: the problem size, the element strides that
 * express transposes and batch broadcasting (host-side twin of {@code struct MatmulArgs} in {@code matmul.cu}),
 * the output shape, and which tile configuration to launch.
 *
 * <p>Operands are contiguous row-major. A 2-D operand in a batched product gets batch stride 0 (broadcast).
 * A transposed operand is read in place through swapped strides; nothing is materialised.
 */
record MatmulPlan(int batch, int m, int n, int k,
                  int aSm, int aSk, int aSb, int bSk, int bSn, int bSb, int cSm, int cSb,
                  int[] outShape, boolean batched) {

    /** Tile configurations compiled in matmul.cu; tile = block output size, 256 threads each. */
    enum Tiles {
        BIG("matmul_big", 128), SMALL("matmul_small", 64),
        /** BIG without the 128-register cap (FLOAT32 only); for benchmarking via -Dcnn4j.jcuda.matmulTiles=big1. */
        BIG1("matmul_big1", 128),
        /**
         * BIG with double-buffered shared memory and 128-bit global loads where aligned (FLOAT32 only); for
         * benchmarking via -Dcnn4j.jcuda.matmulTiles=big2 until measured on a GPU.
         */
        BIG2("matmul_big2", 128);
        final String kernel;
        final int tile;
        Tiles(String kernel, int tile) { this.kernel = kernel; this.tile = tile; }
    }

    static final int THREADS = 256;

    /** Validates shapes as {@link io.cnn4j.tensor.Backend#matmul} documents and derives strides. */
    static MatmulPlan of(int[] a, boolean ta, int[] b, boolean tb) {
        if (a.length < 2 || a.length > 3 || b.length < 2 || b.length > 3)
            throw new IllegalArgumentException("matmul: operands must be 2-D or 3-D, got " + Shapes.str(a) + " and " + Shapes.str(b));
        int ar = a.length, br = b.length;
        int aRows = a[ar - 2], aCols = a[ar - 1], bRows = b[br - 2], bCols = b[br - 1];
        int m = ta ? aCols : aRows, ka = ta ? aRows : aCols;
        int kb = tb ? bCols : bRows, n = tb ? bRows : bCols;
        if (ka != kb)
            throw new IllegalArgumentException("matmul: inner dimensions differ: op(a) is " + m + "x" + ka + " (a " + Shapes.str(a)
                    + (ta ? " transposed" : "") + "), op(b) is " + kb + "x" + n + " (b " + Shapes.str(b) + (tb ? " transposed" : "") + ")");
        int batchA = ar == 3 ? a[0] : -1, batchB = br == 3 ? b[0] : -1;
        if (batchA >= 0 && batchB >= 0 && batchA != batchB)
            throw new IllegalArgumentException("matmul: batch sizes differ: " + Shapes.str(a) + " vs " + Shapes.str(b));
        boolean batched = batchA >= 0 || batchB >= 0;
        int batch = batched ? Math.max(batchA, batchB) : 1;
        // A stored [aRows, aCols]: not transposed -> (m,k) at m*aCols + k; transposed -> (m,k) at k*aCols + m.
        int aSm = ta ? 1 : aCols, aSk = ta ? aCols : 1;
        int bSk = tb ? 1 : bCols, bSn = tb ? bCols : 1;
        int aSb = ar == 3 ? aRows * aCols : 0;
        int bSb = br == 3 ? bRows * bCols : 0;
        int[] out = batched ? new int[] {batch, m, n} : new int[] {m, n};
        return new MatmulPlan(batch, m, n, ka, aSm, aSk, aSb, bSk, bSn, bSb, n, m * n, out, batched);
    }

    /**
     * Big 128×128 tiles when they still give every SM at least two blocks; otherwise 64×64 tiles, so small or
     * thin products (the convolutions of small networks) are not run on a handful of SMs.
     */
    Tiles tiles(int multiprocessors) {
        return tiles(multiprocessors, System.getProperty("cnn4j.jcuda.matmulTiles", "auto"));
    }

    /**
     * {@code choice}: "auto" (the rule above), or "big", "big1", "big2", "small" to force one (for benchmarks).
     * "big1" and "big2" exist for FLOAT32 only; callers fall back to "big" for FLOAT64.
     */
    Tiles tiles(int multiprocessors, String choice) {
        switch (choice) {
            case "big": return Tiles.BIG;
            case "big1": return Tiles.BIG1;
            case "big2": return Tiles.BIG2;
            case "small": return Tiles.SMALL;
            case "auto": break;
            default: throw new IllegalArgumentException("cnn4j.jcuda.matmulTiles must be auto, big, big1, big2 or small, got '" + choice + "'");
        }
        long bigBlocks = ceil(m, Tiles.BIG.tile) * ceil(n, Tiles.BIG.tile) * batch;
        return bigBlocks >= 2L * multiprocessors ? Tiles.BIG : Tiles.SMALL;
    }

    /** Launch shape for {@code batchChunk} batch entries (≤ 65535 per launch). */
    LaunchShape launch(Tiles t, int batchChunk) {
        return new LaunchShape((int) ceil(n, t.tile), (int) ceil(m, t.tile), batchChunk, THREADS, 1, 1);
    }

    /** {@code struct MatmulArgs {M, N, K, a_sm, a_sk, a_sb, b_sk, b_sn, b_sb, c_sm, c_sb}}. */
    int[] toKernelArg() {
        return new int[] {m, n, k, aSm, aSk, aSb, bSk, bSn, bSb, cSm, cSb};
    }

    /** Host reference of the kernel's addressing: element (b, i, j) of op(A) and of op(B), and of C. */
    long aIndex(int bi, int i, int kk) { return (long) bi * aSb + (long) i * aSm + (long) kk * aSk; }
    long bIndex(int bi, int kk, int j) { return (long) bi * bSb + (long) kk * bSk + (long) j * bSn; }
    long cIndex(int bi, int i, int j) { return (long) bi * cSb + (long) i * cSm + j; }

    private static long ceil(long x, long d) { return (x + d - 1) / d; }
}
