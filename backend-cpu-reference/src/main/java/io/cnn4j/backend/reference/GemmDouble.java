package io.cnn4j.backend.reference;

/**
 * Double-precision matrix multiply kernel: {@code C[i, 0:n] += Σ_k A(i,k)·B[k, 0:n]} for a range of rows.
 * B and C are row-major with leading dimensions {@code ldb}, {@code ldc}; A is addressed through strides so a
 * transposed A needs no copy.
 *
 * <p>Loop order is blocked i-k-j: columns are processed in panels of {@link #NC} and the K dimension in slices
 * of {@link #KC}, so the B panel ({@code KC×NC}) stays in L2 while every row of the row block streams over it.
 * The innermost loop ({@code c[j] += a·b[j]}) is contiguous in B and C and is auto-vectorised by HotSpot C2.
 * {@link GemmFloat} is the same code for float.
 */
final class GemmDouble {
    private GemmDouble() {}

    static final int KC = 256;
    static final int NC = 512;

    static void multiply(double[] a, int aOff, int aRs, int aCs,
                         double[] b, int bOff, int ldb,
                         double[] c, int cOff, int ldc,
                         int i0, int i1, int n, int k) {
        for (int j0 = 0; j0 < n; j0 += NC) {
            int j1 = Math.min(n, j0 + NC);
            for (int k0 = 0; k0 < k; k0 += KC) {
                int k1 = Math.min(k, k0 + KC);
                for (int i = i0; i < i1; i++) {
                    int ci = cOff + i * ldc;
                    int ai = aOff + i * aRs;
                    for (int kk = k0; kk < k1; kk++) {
                        double av = a[ai + kk * aCs];
                        int bk = bOff + kk * ldb;
                        for (int j = j0; j < j1; j++) c[ci + j] += av * b[bk + j];
                    }
                }
            }
        }
    }

    /** Packs {@code batches} row-major {@code [n,k]} matrices into their transposes {@code [k,n]}. */
    static double[] packTransposed(double[] src, int batches, int n, int k) {
        double[] dst = new double[batches * n * k];
        for (int p = 0; p < batches; p++) {
            int base = p * n * k;
            for (int j = 0; j < n; j++)
                for (int kk = 0; kk < k; kk++) dst[base + kk * n + j] = src[base + j * k + kk];
        }
        return dst;
    }
}
