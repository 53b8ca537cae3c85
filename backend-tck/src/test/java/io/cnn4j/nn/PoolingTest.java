package io.cnn4j.nn;

import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class PoolingTest {

    /** kh, kw, sh, sw, ph, pw, dh, dw, n, c, h, w */
    static Stream<int[]> geometries() {
        return Stream.of(
                new int[]{2, 2, 2, 2, 0, 0, 1, 1, 2, 3, 6, 6},
                new int[]{2, 2, 2, 2, 0, 0, 1, 1, 1, 2, 7, 7},   // floor
                new int[]{3, 3, 2, 2, 1, 1, 1, 1, 2, 2, 7, 7},   // padding
                new int[]{3, 3, 1, 1, 1, 1, 1, 1, 1, 2, 5, 6},
                new int[]{2, 3, 2, 1, 1, 1, 1, 1, 1, 3, 7, 8},   // non-square, padding on both axes
                new int[]{2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 6, 7},   // padding = kernel/2 (every edge window half padding)
                new int[]{3, 2, 1, 2, 1, 0, 2, 1, 1, 2, 7, 6});  // dilation (max pool only)
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void maxPoolMatchesLoopDefinitionAndGradients(int[] g) {
        int kh = g[0], kw = g[1], sh = g[2], sw = g[3], ph = g[4], pw = g[5], dh = g[6], dw = g[7], n = g[8], c = g[9], h = g[10], w = g[11];
        MaxPool2d pool = new MaxPool2d(new int[]{kh, kw}, new int[]{sh, sw}, new int[]{ph, pw}, new int[]{dh, dw});
        Tensor x = tensor(distinct(11, n * c * h * w), n, c, h, w);
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        assertClose(pool.forward(x), new int[]{n, c, oh, ow},
                Naive.maxPool(x.toDoubleArray(), n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow), 1e-15, pool.toString());
        gradCheck(pool, x, 1e-6);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void avgPoolMatchesLoopDefinitionAndGradients(int[] g) {
        if (g[6] != 1 || g[7] != 1) return; // AvgPool2d has no dilation
        int kh = g[0], kw = g[1], sh = g[2], sw = g[3], ph = g[4], pw = g[5], n = g[8], c = g[9], h = g[10], w = g[11];
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        Tensor x = randn(12, n, c, h, w);
        for (boolean include : new boolean[]{true, false}) {
            AvgPool2d pool = new AvgPool2d(new int[]{kh, kw}, new int[]{sh, sw}, new int[]{ph, pw}, include);
            assertClose(pool.forward(x), new int[]{n, c, oh, ow},
                    Naive.avgPool(x.toDoubleArray(), n, c, h, w, kh, kw, sh, sw, ph, pw, include, oh, ow), 1e-14, pool.toString());
            gradCheck(pool, x, 1e-6);
        }
    }

    @Test
    void maxPoolTiesRouteTheGradientToTheFirstMaximum() {
        MaxPool2d pool = new MaxPool2d(2);
        Tensor x = tensor(new double[]{1, 1, 1, 1}, 1, 1, 2, 2);
        pool.forward(x);
        double[] dx = pool.backward(tensor(new double[]{5}, 1, 1, 1, 1)).toDoubleArray();
        assertArrayEquals(new double[]{5, 0, 0, 0}, dx, 0.0);
    }

    @Test
    void defaultsAndRepr() {
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).toString());
        assertEquals("MaxPool2d(kernel_size=(2, 3), stride=(1, 2), padding=(1, 0), dilation=1, ceil_mode=False)",
                new MaxPool2d(new int[]{2, 3}, new int[]{1, 2}, new int[]{1, 0}, new int[]{1, 1}).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=1, padding=1, count_include_pad=False)", new AvgPool2d(3, 1, 1).countIncludePad(false).toString());
        assertEquals(3, new MaxPool2d(new int[]{3, 3}, null, new int[]{0, 0}, new int[]{1, 1}).geometry().strideH(), "stride defaults to kernel_size");
    }

    @Test
    void badArgumentsAndInput() {
        String pad = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(3, 1, 2)).getMessage();
        assertTrue(pad.contains("pad should be at most half of effective kernel size"), pad);
        String apad = assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(2, 2, 2)).getMessage();
        assertTrue(apad.contains("pad should be at most half of kernel size"), apad);
        MaxPool2d pool = new MaxPool2d(3);
        String small = assertThrows(IllegalArgumentException.class, () -> pool.forward(randn(1, 1, 1, 2, 5))).getMessage();
        assertTrue(small.startsWith("MaxPool2d(kernel_size=3") && small.contains("[1, 1, 2, 5]") && small.contains("H >= 3"), small);
        String rank = assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(2).forward(randn(1, 4, 4))).getMessage();
        assertTrue(rank.startsWith("AvgPool2d(") && rank.contains("[N, C, H, W]") && rank.contains("[4, 4]"), rank);
    }

    /** PyTorch reads a 4th positional argument as ceil_mode; count_include_pad is set by name. */
    @Test
    void countIncludePadIsSetByName() {
        AvgPool2d named = new AvgPool2d(3, 2, 1).countIncludePad(false);
        Tensor x = randn(5, 1, 1, 4, 4);
        double[] corner = named.forward(x).toDoubleArray();
        double[] xs = x.toDoubleArray();
        assertEquals((xs[0] + xs[1] + xs[4] + xs[5]) / 4, corner[0], 1e-15);           // 4 real values, not 9
        assertEquals((xs[0] + xs[1] + xs[4] + xs[5]) / 9, new AvgPool2d(3, 2, 1).forward(x).toDoubleArray()[0], 1e-15);
    }

    /** ceil_mode rounds the output size up; a window starting in the right/bottom padding is dropped, as PyTorch. */
    @Test
    void ceilModeOutputSizesFollowPyTorch() {
        Tensor x = randn(6, 1, 1, 7, 6);
        assertArrayEquals(new int[]{1, 1, 4, 3}, new MaxPool2d(2).ceilMode(true).forward(x).shape());       // ⌈5/2⌉+1, ⌈4/2⌉+1
        assertArrayEquals(new int[]{1, 1, 3, 3}, new MaxPool2d(2).forward(x).shape());
        assertArrayEquals(new int[]{1, 1, 4, 4}, new MaxPool2d(3, 2, 1).ceilMode(true).forward(x).shape()); // PyTorch: (1, 1, 4, 4)
        assertArrayEquals(new int[]{1, 1, 4, 3}, new AvgPool2d(2).ceilMode(true).forward(x).shape());
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=True)", new MaxPool2d(2).ceilMode(true).toString());
        double[] xs = x.toDoubleArray(), y = new AvgPool2d(2).ceilMode(true).forward(x).toDoubleArray();
        assertEquals((xs[36] + xs[37]) / 2, y[9], 1e-15, "the last row's windows hold 2 elements and divide by 2");
        gradCheck(new AvgPool2d(3, 2, 1).ceilMode(true), x, 1e-6);
        gradCheck(new MaxPool2d(3, 2, 1).ceilMode(true), tensor(distinct(7, 42), 1, 1, 7, 6), 1e-6);
    }
}
