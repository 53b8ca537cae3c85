package io.cnn4j.nn;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class Conv2dTest {

    /** in, out, kh, kw, sh, sw, ph, pw, dh, dw, bias, n, h, w */
    static Stream<int[]> geometries() {
        return Stream.of(
                new int[]{3, 4, 1, 1, 1, 1, 0, 0, 1, 1, 1, 2, 5, 5},
                new int[]{2, 3, 2, 2, 2, 2, 0, 0, 1, 1, 1, 1, 6, 6},
                new int[]{2, 2, 2, 2, 2, 2, 0, 0, 1, 1, 0, 2, 7, 7},   // floor in the size formula
                new int[]{3, 2, 3, 3, 1, 1, 1, 1, 1, 1, 1, 2, 5, 6},
                new int[]{2, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 7, 8},
                new int[]{2, 4, 2, 3, 1, 2, 1, 0, 1, 1, 1, 2, 5, 7},   // non-square everything
                new int[]{2, 2, 3, 3, 1, 1, 2, 2, 2, 2, 1, 1, 6, 6},   // dilation
                new int[]{1, 2, 3, 5, 2, 3, 1, 2, 2, 1, 0, 1, 9, 8},
                new int[]{3, 2, 5, 5, 1, 1, 0, 0, 1, 1, 1, 2, 5, 5});  // 1x1 output
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void forwardMatchesLoopDefinitionAndBackwardMatchesFiniteDifferences(int[] g) {
        int in = g[0], out = g[1], kh = g[2], kw = g[3], sh = g[4], sw = g[5], ph = g[6], pw = g[7], dh = g[8], dw = g[9];
        boolean bias = g[10] == 1;
        int n = g[11], h = g[12], w = g[13];
        Conv2d conv = new Conv2d(ctx(1), in, out, new int[]{kh, kw}, new int[]{sh, sw}, new int[]{ph, pw}, new int[]{dh, dw}, bias);
        Tensor x = randn(2, n, in, h, w);
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1, ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        double[] expected = Naive.conv2d(x.toDoubleArray(), n, in, h, w, conv.weight().value().toDoubleArray(),
                bias ? conv.bias().value().toDoubleArray() : null, out, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow);
        assertClose(conv.forward(x), new int[]{n, out, oh, ow}, expected, 1e-12, conv.toString());
        gradCheck(conv, x, 1e-6);
    }

    @Test
    void sameMatchesPyTorchAsymmetricPadding() {
        // even kernel: total padding d(k-1) = 3 for k=4, d=1 → top/left 1, bottom/right 2 (PyTorch pads the extra at the end)
        Conv2d conv = new Conv2d(ctx(3), 2, 3, new int[]{4, 2}, new int[]{1, 1}, "same", new int[]{1, 2}, true);
        assertEquals(1, conv.geometry().padTop());
        assertEquals(2, conv.geometry().padBottom());
        assertEquals(1, conv.geometry().padLeft());
        assertEquals(1, conv.geometry().padRight());
        Tensor x = randn(4, 2, 2, 5, 6);
        Tensor y = conv.forward(x);
        // "same": output size = input size; with top/left padding 1 the naive loop gives the rest by its bounds check
        double[] expected = Naive.conv2d(x.toDoubleArray(), 2, 2, 5, 6, conv.weight().value().toDoubleArray(),
                conv.bias().value().toDoubleArray(), 3, 4, 2, 1, 1, 1, 1, 1, 2, 5, 6);
        assertClose(y, new int[]{2, 3, 5, 6}, expected, 1e-12, "same");
        gradCheck(conv, x, 1e-6);
        assertEquals("Conv2d(2, 3, kernel_size=(4, 2), stride=(1, 1), padding=same, dilation=(1, 2))", conv.toString());
    }

    @Test
    void sameRejectsStride() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(ctx(1), 1, 1, 3, 2, "same", 1, true));
        assertTrue(e.getMessage().contains("padding='same' is not supported for strided convolutions"), e.getMessage());
    }

    @Test
    void initIsPyTorchDefaultDrawnFromTheContextSeeds() {
        Conv2d conv = new Conv2d(ctx(42), 3, 8, 3);
        double bound = 1 / Math.sqrt(3 * 3 * 3);
        Context replay = ctx(42);
        Tensor w = backend().uniform(DType.FLOAT64, replay.nextSeed(), -bound, bound, 8, 3, 3, 3);
        Tensor b = backend().uniform(DType.FLOAT64, replay.nextSeed(), -bound, bound, 8);
        assertArrayEquals(w.toDoubleArray(), conv.weight().value().toDoubleArray(), 0.0);
        assertArrayEquals(b.toDoubleArray(), conv.bias().value().toDoubleArray(), 0.0);
        double max = 0;
        for (double v : conv.weight().value().toDoubleArray()) max = Math.max(max, Math.abs(v));
        assertTrue(max <= bound && max > 0.8 * bound, "weights fill U(-1/sqrt(fan_in), 1/sqrt(fan_in)): max |w| = " + max);
        assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(conv.namedParameters().keySet()));
    }

    @Test
    void reprFollowsPyTorch() {
        assertEquals("Conv2d(3, 64, kernel_size=(2, 2), stride=(2, 2))", new Conv2d(ctx(1), 3, 64, 2, 2).toString());
        assertEquals("Conv2d(3, 5, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), dilation=(2, 2), bias=False)",
                new Conv2d(ctx(1), 3, 5, 3, 1, 1, 2, false).toString());
    }

    @Test
    void badInputIsRejectedWithLayerShapesAndFix() {
        Conv2d conv = new Conv2d(ctx(1), 3, 64, 2, 2);
        String wrongChannels = assertThrows(IllegalArgumentException.class, () -> conv.forward(randn(1, 2, 4, 8, 8))).getMessage();
        assertTrue(wrongChannels.startsWith("Conv2d(3, 64, kernel_size=(2, 2), stride=(2, 2))"), wrongChannels);
        assertTrue(wrongChannels.contains("[N, 3, H, W]") && wrongChannels.contains("[2, 4, 8, 8]"), wrongChannels);
        String rank3 = assertThrows(IllegalArgumentException.class, () -> conv.forward(randn(1, 3, 8, 8))).getMessage();
        assertTrue(rank3.contains("[3, 8, 8]") && rank3.contains("reshape(1, 3, 8, 8)"), rank3);
        String tooSmall = assertThrows(IllegalArgumentException.class, () -> conv.forward(randn(1, 1, 3, 1, 8))).getMessage();
        assertTrue(tooSmall.contains("1x8") && tooSmall.contains("H >= 2"), tooSmall);
        assertThrows(IllegalStateException.class, () -> new Conv2d(ctx(1), 1, 1, 1).backward(randn(1, 1, 1, 1, 1)));
        Conv2d c = new Conv2d(ctx(1), 1, 1, 1);
        c.forward(randn(1, 1, 1, 2, 2));
        String grad = assertThrows(IllegalArgumentException.class, () -> c.backward(randn(1, 1, 1, 3, 2))).getMessage();
        assertTrue(grad.contains("[1, 1, 2, 2]") && grad.contains("[1, 1, 3, 2]"), grad);
        String dtype = assertThrows(IllegalArgumentException.class,
                () -> c.forward(backend().fromArray(new float[4], 1, 1, 2, 2))).getMessage();
        assertTrue(dtype.contains("FLOAT32") && dtype.contains("FLOAT64"), dtype);
    }

    @Test
    void gradientsAccumulateUntilZeroGrad() {
        Conv2d conv = new Conv2d(ctx(5), 2, 2, 3, 1, 1);
        Tensor x = randn(6, 1, 2, 4, 4);
        Tensor dy = randn(7, 1, 2, 4, 4);
        conv.forward(x);
        conv.backward(dy);
        double[] once = conv.weight().grad().toDoubleArray();
        conv.forward(x);
        conv.backward(dy);
        double[] twice = conv.weight().grad().toDoubleArray();
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-12);
        conv.zeroGrad();
        for (double v : conv.weight().grad().toDoubleArray()) assertEquals(0.0, v);
    }
}
