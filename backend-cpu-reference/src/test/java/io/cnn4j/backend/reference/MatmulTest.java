package io.cnn4j.backend.reference;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cnn4j.backend.reference.Check.B;

class MatmulTest {

    /** Naive op(a)·op(b) for one matrix pair stored row-major; returns [m, n]. */
    static double[] naive(double[] a, int aOff, int aRows, int aCols, boolean ta,
                          double[] b, int bOff, int bRows, int bCols, boolean tb) {
        int m = ta ? aCols : aRows, k = ta ? aRows : aCols, n = tb ? bRows : bCols;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[aOff + p * aCols + i] : a[aOff + i * aCols + p];
                    double y = tb ? b[bOff + j * bCols + p] : b[bOff + p * bCols + j];
                    s += x * y;
                }
                c[i * n + j] = s;
            }
        return c;
    }

    @Test
    void handCheckedTwoByTwo() {
        Tensor a = B.fromArray(new float[]{1, 2, 3, 4}, 2, 2);
        Tensor b = B.fromArray(new float[]{5, 6, 7, 8}, 2, 2);
        Check.exact(B.matmul(a, false, b, false), new double[]{19, 22, 43, 50}, 2, 2);
        Check.exact(B.matmul(a, true, b, false), new double[]{26, 30, 38, 44}, 2, 2);
        Check.exact(B.matmul(a, false, b, true), new double[]{17, 23, 39, 53}, 2, 2);
        Check.exact(B.matmul(a, true, b, true), new double[]{23, 31, 34, 46}, 2, 2);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void random2dAllTransposes(DType dt) {
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 9}, {64, 70, 130}, {5, 1, 600}, {130, 90, 3}};
        long seed = 1;
        for (int[] s : sizes) {
            int m = s[0], k = s[1], n = s[2];
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                int aR = ta ? k : m, aC = ta ? m : k, bR = tb ? n : k, bC = tb ? k : n;
                double[] a = Check.random(dt, seed++, aR * aC), b = Check.random(dt, seed++, bR * bC);
                Tensor c = B.matmul(Check.tensor(dt, a, aR, aC), ta, Check.tensor(dt, b, bR, bC), tb);
                Check.close(c, naive(a, 0, aR, aC, ta, b, 0, bR, bC, tb), new int[]{m, n});
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void batchedAndBroadcast(DType dt) {
        int batch = 3, m = 9, k = 11, n = 13;
        long seed = 100;
        for (int mode = 0; mode < 3; mode++) { // 0: 3-D x 3-D, 1: 2-D x 3-D, 2: 3-D x 2-D
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                boolean a3 = mode != 1, b3 = mode != 2;
                int aR = ta ? k : m, aC = ta ? m : k, bR = tb ? n : k, bC = tb ? k : n;
                double[] a = Check.random(dt, seed++, (a3 ? batch : 1) * aR * aC);
                double[] b = Check.random(dt, seed++, (b3 ? batch : 1) * bR * bC);
                Tensor at = a3 ? Check.tensor(dt, a, batch, aR, aC) : Check.tensor(dt, a, aR, aC);
                Tensor bt = b3 ? Check.tensor(dt, b, batch, bR, bC) : Check.tensor(dt, b, bR, bC);
                double[] expected = new double[batch * m * n];
                for (int p = 0; p < batch; p++) {
                    double[] c = naive(a, a3 ? p * aR * aC : 0, aR, aC, ta, b, b3 ? p * bR * bC : 0, bR, bC, tb);
                    System.arraycopy(c, 0, expected, p * m * n, m * n);
                }
                Check.close(B.matmul(at, ta, bt, tb), expected, new int[]{batch, m, n});
            }
        }
    }

    @Test
    void largeBroadcastUsesParallelPath() {
        DType dt = DType.FLOAT64;
        int batch = 4, m = 96, k = 80, n = 72;
        double[] a = Check.random(dt, 7, m * k), b = Check.random(dt, 8, batch * k * n);
        double[] expected = new double[batch * m * n];
        for (int p = 0; p < batch; p++)
            System.arraycopy(naive(a, 0, m, k, false, b, p * k * n, k, n, false), 0, expected, p * m * n, m * n);
        Check.close(B.matmul(Check.tensor(dt, a, m, k), false, Check.tensor(dt, b, batch, k, n), false), expected, new int[]{batch, m, n});
    }

    /**
     * Crosses the kernel's K-slice and column-panel boundaries (K > KC, N > NC) with small integers, whose
     * products and sums are exact in float, so both dtypes must match the naive result exactly.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void blockBoundariesAreExactWithIntegers(DType dt) {
        int m = 13, k = GemmFloat.KC + 45, n = GemmFloat.panelWidth(1 << 20, GemmFloat.KC) + 19;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            double[] a = new double[m * k], b = new double[k * n];
            for (int i = 0; i < a.length; i++) a[i] = r.nextInt(-4, 5);
            for (int i = 0; i < b.length; i++) b[i] = r.nextInt(-4, 5);
            int aR = ta ? k : m, aC = ta ? m : k, bR = tb ? n : k, bC = tb ? k : n;
            Tensor c = B.matmul(Check.tensor(dt, a, 1, aR, aC), ta, Check.tensor(dt, b, bR, bC), tb);
            Check.exact(c, naive(a, 0, aR, aC, ta, b, 0, bR, bC, tb), 1, m, n);
        }
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        Tensor c = B.matmul(B.zeros(DType.FLOAT64, 2, 0), false, B.zeros(DType.FLOAT64, 0, 3), false);
        Check.exact(c, new double[6], 2, 3);
    }

    @Test
    void nanPropagates() {
        Tensor a = B.fromArray(new double[]{Double.NaN, 0}, 1, 2);
        Tensor b = B.fromArray(new double[]{0, 1}, 2, 1);
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(B.matmul(a, false, b, false).item()));
    }

    @Test
    void badShapesAreRejectedWithOpAndShapes() {
        Tensor a = B.zeros(DType.FLOAT32, 2, 3), b = B.zeros(DType.FLOAT32, 4, 5);
        Check.rejects(() -> B.matmul(a, false, b, false), "matmul", "[2, 3]", "[4, 5]");
        Check.rejects(() -> B.matmul(B.zeros(DType.FLOAT32, 2, 3, 4), false, B.zeros(DType.FLOAT32, 3, 4, 5), false),
                "matmul", "batch", "[2, 3, 4]", "[3, 4, 5]");
        Check.rejects(() -> B.matmul(B.zeros(DType.FLOAT32, 3), false, b, false), "matmul", "[3]");
        Check.rejects(() -> B.matmul(a, false, B.zeros(DType.FLOAT64, 3, 2), false), "matmul", "dtypes differ");
    }
}
