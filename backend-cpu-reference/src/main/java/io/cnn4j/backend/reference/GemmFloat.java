package io.cnn4j.backend.reference;

/**
 * Single-precision matrix multiply kernel: {@code C[i, j0:j1] += Σ_k A(i,k)·B(k,j)} for a block of rows.
 * A and B are addressed through strides, so transposed operands need no separate copy; C is row-major.
 * {@link GemmDouble} is the same code for double.
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
 * differ from a strictly sequential dot product by normal float rounding.
 */
final class GemmFloat {
    private GemmFloat() {}

    /** Depth of one packed slice of B (rows of K). */
    static final int KC = 256;
    /** Element budget of one packed B panel: 256 KiB of floats, about a quarter of a typical L2. */
    static final int PANEL_ELEMENTS = 1 << 16;

    /** Width (columns) of the B panels used for an n-column product with depth k: a multiple of 16 or all of n. */
    static int panelWidth(int n, int k) {
        int kc = Math.max(1, Math.min(k, KC));
        int w = Math.max(64, (PANEL_ELEMENTS / kc) & ~15);
        return Math.min(n, w);
    }

    /** Per-thread packed B panel, grown on demand and reused. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private static final class Workspace {
        float[][] panel = new float[0][];

        float[][] panel(int rows, int cols) {
            if (panel.length < rows || (rows > 0 && panel[0].length < cols)) {
                int r = Math.max(rows, panel.length), c = Math.max(cols, panel.length > 0 ? panel[0].length : 0);
                panel = new float[r][c];
            }
            return panel;
        }
    }

    /**
     * {@code C[i, j] += Σ_k A(i,k)·B(k,j)} for {@code i0 ≤ i < i1}, {@code j0 ≤ j < j1}, {@code 0 ≤ k < depth}, where
     * {@code A(i,k) = a[aOff + i·aRs + k·aCs]}, {@code B(k,j) = b[bOff + k·bRs + j·bCs]},
     * {@code C[i,j] = c[cOff + i·ldc + j]}.
     */
    static void multiply(float[] a, int aOff, int aRs, int aCs,
                         float[] b, int bOff, int bRs, int bCs,
                         float[] c, int cOff, int ldc,
                         int i0, int i1, int j0, int j1, int depth) {
        Workspace w = WORKSPACE.get();
        int n = j1 - j0;
        for (int k0 = 0; k0 < depth; k0 += KC) {
            int kc = Math.min(KC, depth - k0);
            float[][] p = w.panel((kc + 3) & ~3, n);
            pack(b, bOff + k0 * bRs + j0 * bCs, bRs, bCs, kc, n, p);
            int i = i0;
            for (; i + 1 < i1; i += 2) twoRows(a, aOff + i * aRs + k0 * aCs, aRs, aCs, p, kc, c, cOff + i * ldc + j0, ldc, n);
            if (i < i1) oneRow(a, aOff + i * aRs + k0 * aCs, aCs, p, kc, c, cOff + i * ldc + j0, n);
        }
    }

    /** A(i, k+d) at {@code q + d·aCs}, or 0 past the end of the slice (those products hit zero rows of the panel). */
    private static float at(float[] a, int q, int d, int aCs, int k, int kc) {
        return k + d < kc ? a[q + d * aCs] : 0;
    }

    /**
     * Copies B(k, j), 0 ≤ k &lt; kc, 0 ≤ j &lt; n (element at {@code off + k·rs + j·cs}) into rows {@code p[k][0:n]}, and
     * zeroes the rows up to the next multiple of 4, so the kernels need no remainder loop (a second k loop in a
     * kernel method stops C2 from vectorising the first).
     */
    private static void pack(float[] b, int off, int rs, int cs, int kc, int n, float[][] p) {
        if (cs == 1) {
            for (int k = 0; k < kc; k++) System.arraycopy(b, off + k * rs, p[k], 0, n);
        } else {
            for (int j = 0; j < n; j++) {
                int src = off + j * cs;
                for (int k = 0; k < kc; k++) p[k][j] = b[src + k * rs];
            }
        }
        for (int k = kc; k < ((kc + 3) & ~3); k++) java.util.Arrays.fill(p[k], 0, n, 0);
    }

    /**
     * C rows i and i+1 (starting at {@code c0} and {@code c0 + ldc}, n columns) += A(i, k)·P[k] and
     * A(i+1, k)·P[k] over the kc packed rows; A(i,k) at {@code ai + k·aCs}.
     *
     * <p>The rows are accumulated in arrays allocated right here: C2 can then prove they alias no packed row
     * and vectorises the loops. With accumulators passed in (or held in fields) it cannot, and the kernel runs
     * about three times slower; keep allocation and loops in one method.
     */
    private static void twoRows(float[] a, int ai, int aRs, int aCs, float[][] p, int kc, float[] c, int c0, int ldc, int n) {
        float[] r0 = new float[n], r1 = new float[n];
        System.arraycopy(c, c0, r0, 0, n);
        System.arraycopy(c, c0 + ldc, r1, 0, n);
        for (int k = 0; k < kc; k += 4) {
            int q = ai + k * aCs, s = q + aRs;
            float a0 = a[q], a1 = at(a, q, 1, aCs, k, kc), a2 = at(a, q, 2, aCs, k, kc), a3 = at(a, q, 3, aCs, k, kc);
            float e0 = a[s], e1 = at(a, s, 1, aCs, k, kc), e2 = at(a, s, 2, aCs, k, kc), e3 = at(a, s, 3, aCs, k, kc);
            float[] p0 = p[k], p1 = p[k + 1], p2 = p[k + 2], p3 = p[k + 3];
            for (int j = 0; j < n; j++) {
                float x0 = p0[j], x1 = p1[j], x2 = p2[j], x3 = p3[j];
                r0[j] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                r1[j] += e0 * x0 + e1 * x1 + e2 * x2 + e3 * x3;
            }
        }
        System.arraycopy(r0, 0, c, c0, n);
        System.arraycopy(r1, 0, c, c0 + ldc, n);
    }

    /** The odd last row of a block: C row (at {@code c0}) += A(row, k)·P[k]; same structure as {@link #twoRows}. */
    private static void oneRow(float[] a, int ai, int aCs, float[][] p, int kc, float[] c, int c0, int n) {
        float[] r0 = new float[n];
        System.arraycopy(c, c0, r0, 0, n);
        for (int k = 0; k < kc; k += 4) {
            int q = ai + k * aCs;
            float a0 = a[q], a1 = at(a, q, 1, aCs, k, kc), a2 = at(a, q, 2, aCs, k, kc), a3 = at(a, q, 3, aCs, k, kc);
            float[] p0 = p[k], p1 = p[k + 1], p2 = p[k + 2], p3 = p[k + 3];
            for (int j = 0; j < n; j++) r0[j] += a0 * p0[j] + a1 * p1[j] + a2 * p2[j] + a3 * p3[j];
        }
        System.arraycopy(r0, 0, c, c0, n);
    }
}
