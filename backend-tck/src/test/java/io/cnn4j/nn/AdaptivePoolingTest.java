package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

/** AdaptiveAvgPool2d / AdaptiveMaxPool2d against PyTorch's window definition and finite differences. */
class AdaptivePoolingTest {

    /** PyTorch's adaptive windows: rows ⌊i·H/oH⌋ … ⌈(i+1)·H/oH⌉ − 1, likewise columns. */
    private static double[] naive(double[] x, int n, int c, int h, int w, int oh, int ow, boolean max) {
        double[] y = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    int r0 = i * h / oh, r1 = -Math.floorDiv(-(i + 1) * h, oh), c0 = j * w / ow, c1 = -Math.floorDiv(-(j + 1) * w, ow);
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int r = r0; r < r1; r++)
                        for (int q = c0; q < c1; q++) {
                            double v = x[(p * h + r) * w + q];
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    y[(p * oh + i) * ow + j] = max ? acc : acc / ((r1 - r0) * (c1 - c0));
                }
        return y;
    }

    @Test
    void globalAndDivisibleOutputSizesMatchTheWindowDefinition() {
        int[][] cases = {{2, 3, 5, 7, 1, 1}, {1, 2, 6, 4, 3, 2}, {2, 1, 4, 6, 2, 3}, {1, 2, 3, 3, 3, 3}};
        for (int[] k : cases) {
            int n = k[0], c = k[1], h = k[2], w = k[3], oh = k[4], ow = k[5];
            Tensor x = tensor(distinct(k[2] * 31 + k[3], n * c * h * w), n, c, h, w);
            AdaptiveAvgPool2d avg = new AdaptiveAvgPool2d(new int[]{oh, ow});
            AdaptiveMaxPool2d max = new AdaptiveMaxPool2d(new int[]{oh, ow});
            assertClose(avg.forward(x), new int[]{n, c, oh, ow}, naive(x.toDoubleArray(), n, c, h, w, oh, ow, false), 1e-14, avg.toString());
            assertClose(max.forward(x), new int[]{n, c, oh, ow}, naive(x.toDoubleArray(), n, c, h, w, oh, ow, true), 0, max.toString());
            gradCheck(avg, x, 1e-6);
            gradCheck(max, x, 1e-6);
        }
    }

    /** Non-divisible sizes: PyTorch's overlapping windows of varying size, forward and backward. */
    @Test
    void sizesThatDoNotDivideUseOverlappingWindows() {
        int[][] cases = {{2, 3, 5, 7, 2, 3}, {1, 2, 7, 4, 3, 3}, {1, 1, 10, 9, 4, 7}, {1, 2, 6, 5, 4, 5}};
        for (int[] k : cases) {
            int n = k[0], c = k[1], h = k[2], w = k[3], oh = k[4], ow = k[5];
            Tensor x = randn(k[2] * 7 + k[3], n, c, h, w);
            AdaptiveAvgPool2d avg = new AdaptiveAvgPool2d(new int[]{oh, ow});
            assertClose(avg.forward(x), new int[]{n, c, oh, ow}, naive(x.toDoubleArray(), n, c, h, w, oh, ow, false), 1e-14, avg.toString());
            gradCheck(avg, x, 1e-6);
            Tensor d = tensor(distinct(k[2] * 13 + k[3], n * c * h * w), n, c, h, w);
            AdaptiveMaxPool2d max = new AdaptiveMaxPool2d(new int[]{oh, ow});
            assertClose(max.forward(d), new int[]{n, c, oh, ow}, naive(d.toDoubleArray(), n, c, h, w, oh, ow, true), 0, max.toString());
            gradCheck(max, d, 1e-6);
        }
    }

    /** 3 → 2: windows rows {0, 1} and {1, 2} share row 1, so its maximum receives both outputs' gradients. */
    @Test
    void overlappingMaxWindowsSumTheirGradients() {
        AdaptiveMaxPool2d max = new AdaptiveMaxPool2d(new int[]{2, 1});
        double[] y = max.forward(tensor(new double[]{1, 9, 2}, 1, 1, 3, 1)).toDoubleArray();
        assertArrayEquals(new double[]{9, 9}, y, 0.0);
        assertArrayEquals(new double[]{0, 5, 0}, max.backward(tensor(new double[]{2, 3}, 1, 1, 2, 1)).toDoubleArray(), 0.0);
    }

    @Test
    void oneModuleAdaptsToEachInputSize() {
        AdaptiveAvgPool2d gap = new AdaptiveAvgPool2d(1);
        assertEquals("AdaptiveAvgPool2d(output_size=1)", gap.toString());
        assertArrayEquals(new int[]{2, 3, 1, 1}, gap.forward(randn(1, 2, 3, 4, 4)).shape());
        Tensor x = randn(2, 1, 2, 5, 3);
        double[] y = gap.forward(x).toDoubleArray(), xs = x.toDoubleArray();
        for (int ch = 0; ch < 2; ch++) {
            double s = 0;
            for (int i = 0; i < 15; i++) s += xs[ch * 15 + i];
            assertEquals(s / 15, y[ch], 1e-15);
        }
        double[] dx = gap.backward(tensor(new double[]{15, 30}, 1, 2, 1, 1)).toDoubleArray();
        assertEquals(1.0, dx[0], 1e-15);
        assertEquals(2.0, dx[29], 1e-15);
    }

    @Test
    void inputsSmallerThanTheOutputAreRejected() {
        String m = assertThrows(IllegalArgumentException.class, () -> new AdaptiveMaxPool2d(new int[]{2, 6}).forward(randn(3, 1, 1, 5, 4))).getMessage();
        assertTrue(m.contains("AdaptiveMaxPool2d(output_size=(2, 6))") && m.contains("smaller than output_size"), m);
        String small = assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(3).forward(randn(3, 1, 1, 2, 5))).getMessage();
        assertTrue(small.contains("smaller than output_size"), small);
        assertThrows(IllegalArgumentException.class, () -> new AdaptiveAvgPool2d(0));
    }
}
