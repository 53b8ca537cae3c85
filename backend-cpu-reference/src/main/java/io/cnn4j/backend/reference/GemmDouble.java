package io.cnn4j.backend.reference;

/**
 * Double-precision matrix multiply kernel: {@code C[i, j0:j1] += Σ_k A(i,k)·B(k,j)} for a block of rows.
 * A and B are addressed through strides, so transposed operands need no separate copy; C is row-major.
 * {@link GemmFloat} is the same code for float.
 *
 * <h2>How it is fast without intrinsics</h2>
 * <ul>
 *   <li>The B block ({@code kc} rows × {@code j1−j0} columns, at most {@link #PANEL_ELEMENTS} elements so it
 *       stays in L2) is packed into one Java array per row, and each C row is accumulated in a separate array
 *       freshly allocated by the calling method. Every array in the inner loop is then indexed by the bare loop
 *       variable and provably distinct from the others, the form HotSpot C2's SuperWord pass turns into SIMD
 *       code (offsets into one shared array, or arrays that might alias, defeat it on JDK 17).</li>
 *   <li>The inner loop updates two C rows from four B rows at once ({@code r[j] += a0·b0[j] + … + a3·b3[j]}),
 *       so each loaded B vector is used twice and each accumulator is loaded/stored once per four products.</li>
 * </ul>
 * Products for one C element are added in k order in groups of four (the group summed first), so results may
 * differ from a strictly sequential dot product by normal double rounding.
 */
final class GemmDouble {
    private GemmDouble() {}

    /** Depth of one packed slice of B (rows of K). */
    static final int KC = 256;
    /** Element budget of one packed B panel: 256 KiB of doubles, about a quarter of a typical L2. */
    static final int PANEL_ELEMENTS = 1 << 15;

    /** Width (columns) of the B panels used for an n-column product with depth k: a multiple of 16 or all of n. */
    static int panelWidth(int n, int k) {
        int kc = Math.max(1, Math.min(k, KC));
        int w = Math.max(64, (PANEL_ELEMENTS / kc) & ~15);
        return Math.min(n, w);
    }

    /** Per-thread packed B panel, grown on demand and reused. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static final class Workspace {
        double[][] panel = new double[0][];

        /** At least {@code rows} rows of at least {@code cols} elements; rows grow independently. */
        double[][] panel(int rows, int cols) {
            if (panel.length < rows) panel = java.util.Arrays.copyOf(panel, rows);
            for (int r = 0; r < rows; r++) if (panel[r] == null || panel[r].length < cols) panel[r] = new double[cols];
            return panel;
        }
    }

    /**
     * {@code C[i, j] += Σ_k A(i,k)·B(k,j)} for {@code i0 ≤ i < i1}, {@code j0 ≤ j < j1}, {@code 0 ≤ k < depth}, where
     * {@code A(i,k) = a[aOff + i·aRs + k·aCs]}, {@code C[i,j] = c[cOff + i·ldc + j]}, and the columns of B come in
     * segments of {@code bSeg} columns: {@code B(k,j) = b[bOff + (j / bSeg)·bSegStride + k·bRs + (j % bSeg)·bCs]}
     * (one segment, {@code bSeg ≥ j1}, for an ordinary matrix; one segment per batch entry when the batch of a
     * 3-D B is laid side by side as extra columns).
     */
    static void multiply(double[] a, int aOff, int aRs, int aCs,
                         double[] b, int bOff, int bRs, int bCs, int bSeg, int bSegStride,
                         double[] c, int cOff, int ldc,
                         int i0, int i1, int j0, int j1, int depth) {
        Workspace w = WORKSPACE.get();
        int n = j1 - j0;
        for (int k0 = 0; k0 < depth; k0 += KC) {
            int kc = Math.min(KC, depth - k0);
            double[][] p = w.panel((kc + 3) & ~3, n);
            pack(b, bOff + k0 * bRs, bRs, bCs, bSeg, bSegStride, kc, j0, j1, p);
            int i = i0;
            for (; i + 1 < i1; i += 2) twoRows(a, aOff + i * aRs + k0 * aCs, aRs, aCs, p, kc, c, cOff + i * ldc + j0, ldc, n);
            if (i < i1) oneRow(a, aOff + i * aRs + k0 * aCs, aCs, p, kc, c, cOff + i * ldc + j0, n);
        }
    }

    /** A(i, k+d) at {@code q + d·aCs}, or 0 past the end of the slice (those products hit zero rows of the panel). */
    private static double at(double[] a, int q, int d, int aCs, int k, int kc) {
        return k + d < kc ? a[q + d * aCs] : 0;
    }

    /**
     * Copies B(k, j), 0 ≤ k &lt; kc, j0 ≤ j &lt; j1 (addressed as in {@link #multiply}, {@code off} already at
     * row k0) into rows {@code p[k][j − j0]}, and zeroes the rows up to the next multiple of 4, so the kernels
     * need no remainder loop (a second k loop in a kernel method stops C2 from vectorising the first).
     */
    private static void pack(double[] b, int off, int rs, int cs, int seg, int segStride, int kc, int j0, int j1, double[][] p) {
        for (int j = j0; j < j1; ) {
            int s = j / seg, within = j - s * seg, len = Math.min(j1 - j, seg - within);
            int src = off + s * segStride + within * cs, dst = j - j0;
            if (cs == 1) {
                for (int k = 0; k < kc; k++) System.arraycopy(b, src + k * rs, p[k], dst, len);
            } else {
                for (int jj = 0; jj < len; jj++)
                    for (int k = 0; k < kc; k++) p[k][dst + jj] = b[src + jj * cs + k * rs];
            }
            j += len;
        }
        for (int k = kc; k < ((kc + 3) & ~3); k++) java.util.Arrays.fill(p[k], 0, j1 - j0, 0);
    }

    /**
     * C rows i and i+1 (starting at {@code c0} and {@code c0 + ldc}, n columns) += A(i, k)·P[k] and
     * A(i+1, k)·P[k] over the kc packed rows; A(i,k) at {@code ai + k·aCs}.
     *
     * <p>The rows are accumulated in arrays allocated right here: C2 can then prove they alias no packed row
     * and vectorises the loops. With accumulators passed in (or held in fields) it cannot, and the kernel runs
     * about three times slower; keep allocation and loops in one method. Other innocent-looking edits had the
     * same effect when measured (a remainder loop over k in this method, 3 or 4 accumulator rows, copying C in
     * only when it is non-zero): re-measure with {@code MatmulBenchmark} after any change here.
     */
    private static void twoRows(double[] a, int ai, int aRs, int aCs, double[][] p, int kc, double[] c, int c0, int ldc, int n) {
        double[] r0 = new double[n], r1 = new double[n];
        System.arraycopy(c, c0, r0, 0, n);
        System.arraycopy(c, c0 + ldc, r1, 0, n);
        for (int k = 0; k < kc; k += 4) {
            int q = ai + k * aCs, s = q + aRs;
            double a0 = a[q], a1 = at(a, q, 1, aCs, k, kc), a2 = at(a, q, 2, aCs, k, kc), a3 = at(a, q, 3, aCs, k, kc);
            double e0 = a[s], e1 = at(a, s, 1, aCs, k, kc), e2 = at(a, s, 2, aCs, k, kc), e3 = at(a, s, 3, aCs, k, kc);
            double[] p0 = p[k], p1 = p[k + 1], p2 = p[k + 2], p3 = p[k + 3];
            for (int j = 0; j < n; j++) {
                double x0 = p0[j], x1 = p1[j], x2 = p2[j], x3 = p3[j];
                r0[j] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                r1[j] += e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
            }
        }
        System.arraycopy(r0, 0, c, c0, n);
        System.arraycopy(r1, 0, c, c0 + ldc, n);
    }

    /** The odd last row of a block: C row (at {@code c0}) += A(row, k)·P[k]; same structure as {@link #twoRows}. */
    private static void oneRow(double[] a, int ai, int aCs, double[][] p, int kc, double[] c, int c0, int n) {
        double[] r0 = new double[n];
        System.arraycopy(c, c0, r0, 0, n);
        for (int k = 0; k < kc; k += 4) {
            int q = ai + k * aCs;
            double a0 = a[q], a1 = at(a, q, 1, aCs, k, kc), a2 = at(a, q, 2, aCs, k, kc), a3 = at(a, q, 3, aCs, k, kc);
            double[] p0 = p[k], p1 = p[k + 1], p2 = p[k + 2], p3 = p[k + 3];
            for (int j = 0; j < n; j++) r0[j] += a0 * p0[j] + a1 * p1[j] + a2 * p2[j] + a3 * p3[j];
        }
        System.arraycopy(r0, 0, c, c0, n);
    }
}
