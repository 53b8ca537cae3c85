package io.cnn4j.jcuda;

import io.cnn4j.tensor.Shapes;

import java.util.Arrays;

/**
 * How {@code sum(x, axes, keepDims)} runs on the device, decided on the host. The reduce kernels see a
 * contiguous tensor as {@code [outer, red, inner]} and reduce the middle. When the reduced axes are one
 * contiguous run that view is free; otherwise x is first permuted (kept axes first, reduced last) and the
 * sum becomes one over rows.
 *
 * @param permutation axes order to materialise first, or null when x is used as is
 * @param outer       product of the kept axes before the reduced run
 * @param red         number of elements summed into each output
 * @param inner       product of the kept axes after the reduced run (1 after a permutation)
 * @param outShape    result shape (with or without the kept size-1 axes)
 */
record ReductionPlan(int[] permutation, int outer, int red, int inner, int[] outShape) {

    /** Rows at least this long are summed by a whole block (tree reduction) instead of a single thread. */
    static final int BLOCK_ROW_THRESHOLD = 256;

    static ReductionPlan of(int[] shape, int[] axes, boolean keepDims) {
        int rank = shape.length;
        boolean[] reduced = new boolean[rank];
        for (int a : axes) {
            int n = Shapes.normalizeAxis(a, rank, "sum");
            if (reduced[n]) throw new IllegalArgumentException("sum: axis " + a + " given twice in " + Arrays.toString(axes));
            reduced[n] = true;
        }
        int kept = 0;
        for (boolean r : reduced) if (!r) kept++;
        int[] out = new int[keepDims ? rank : kept];
        for (int d = 0, o = 0; d < rank; d++) {
            if (keepDims) out[d] = reduced[d] ? 1 : shape[d];
            else if (!reduced[d]) out[o++] = shape[d];
        }
        int first = -1, last = -1;
        for (int d = 0; d < rank; d++) if (reduced[d]) { if (first < 0) first = d; last = d; }
        if (first < 0) return new ReductionPlan(null, (int) Shapes.numel(shape), 1, 1, out); // nothing reduced: a copy
        boolean run = true;
        for (int d = first; d <= last; d++) run &= reduced[d];
        if (run) {
            return new ReductionPlan(null, prod(shape, 0, first), prod(shape, first, last + 1), prod(shape, last + 1, rank), out);
        }
        int[] perm = new int[rank];
        int p = 0;
        for (int d = 0; d < rank; d++) if (!reduced[d]) perm[p++] = d;
        int keptCount = 1, redCount = 1;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) redCount *= shape[d];
            else keptCount *= shape[d];
        }
        for (int d = 0; d < rank; d++) if (reduced[d]) perm[p++] = d;
        return new ReductionPlan(perm, keptCount, redCount, 1, out);
    }

    /** Whether the block-per-row kernel fits: rows (inner == 1) long enough to share among a block's threads. */
    boolean useRowBlocks() { return inner == 1 && red >= BLOCK_ROW_THRESHOLD; }

    long outputs() { return (long) outer * inner; }

    private static int prod(int[] s, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) p *= s[d];
        return Math.toIntExact(p);
    }

    @Override
    public String toString() {
        return "ReductionPlan[perm=" + Arrays.toString(permutation) + ", outer=" + outer + ", red=" + red + ", inner=" + inner
                + ", out=" + Arrays.toString(outShape) + "]";
    }
}
