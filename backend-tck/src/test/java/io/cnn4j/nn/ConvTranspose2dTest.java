package io.cnn4j.nn;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.cnn4j.nn.NnTesting.*;
import static org.junit.jupiter.api.Assertions.*;

class ConvTranspose2dTest {

    /** in, out, kh, kw, sh, sw, ph, pw, oph, opw, dh, dw, bias, n, h, w */
    static Stream<int[]> geometries() {
        return Stream.of(
                new int[]{3, 4, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 2, 3, 3},
                new int[]{3, 2, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 2, 3, 4},   // the seed network's Upsampling
                new int[]{2, 3, 3, 3, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 4, 4},
                new int[]{2, 2, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1, 2, 3, 3},   // output_padding
                new int[]{2, 3, 2, 3, 2, 1, 0, 1, 1, 0, 1, 1, 0, 1, 3, 4},   // non-square
                new int[]{1, 2, 3, 3, 3, 3, 1, 1, 2, 0, 1, 1, 1, 1, 3, 3},
                new int[]{2, 2, 3, 3, 1, 1, 0, 0, 0, 0, 2, 2, 1, 1, 3, 3},   // dilation
                new int[]{2, 2, 3, 3, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 3, 4},   // output_padding >= stride, < dilation
                new int[]{2, 3, 3, 5, 3, 2, 1, 2, 2, 1, 1, 2, 1, 1, 3, 3},
                new int[]{2, 2, 3, 3, 1, 1, 2, 2, 0, 0, 1, 1, 1, 2, 4, 4});  // output smaller than input
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void forwardMatchesScatterDefinitionAndBackwardMatchesFiniteDifferences(int[] g) {
        int in = g[0], out = g[1], kh = g[2], kw = g[3], sh = g[4], sw = g[5], ph = g[6], pw = g[7], oph = g[8], opw = g[9];
        int dh = g[10], dw = g[11], n = g[13], h = g[14], w = g[15];
        boolean bias = g[12] == 1;
        ConvTranspose2d conv = new ConvTranspose2d(ctx(1), in, out, new int[]{kh, kw}, new int[]{sh, sw}, new int[]{ph, pw},
                new int[]{oph, opw}, new int[]{dh, dw}, bias);
        Tensor x = randn(2, n, in, h, w);
        int oh = (h - 1) * sh - 2 * ph + dh * (kh - 1) + oph + 1, ow = (w - 1) * sw - 2 * pw + dw * (kw - 1) + opw + 1;
        double[] expected = Naive.convTranspose2d(x.toDoubleArray(), n, in, h, w, conv.weight().value().toDoubleArray(),
                bias ? conv.bias().value().toDoubleArray() : null, out, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow);
        assertClose(conv.forward(x), new int[]{n, out, oh, ow}, expected, 1e-12, conv.toString());
        gradCheck(conv, x, 1e-6);
    }

    @Test
    void isTheAdjointOfConv2dWithTheSameWeights() {
        // ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ with conv weight [out,in,k,k] reused as convT weight [out,in,k,k] (convT in=out of conv)
        Conv2d conv = new Conv2d(ctx(1), 3, 4, new int[]{3, 2}, new int[]{2, 2}, new int[]{1, 1}, new int[]{1, 1}, false);
        ConvTranspose2d convT = new ConvTranspose2d(ctx(2), 4, 3, new int[]{3, 2}, new int[]{2, 2}, new int[]{1, 1},
                new int[]{1, 0}, new int[]{1, 1}, false);
        backend().copy(conv.weight().value(), convT.weight().value());
        Tensor x = randn(3, 2, 3, 8, 8); // height 8: the conv size formula floors, output_padding 1 restores it
        Tensor cx = conv.forward(x);
        Tensor y = randn(4, cx.shape());
        Tensor ty = convT.forward(y);
        assertArrayEquals(x.shape(), ty.shape());
        double lhs = dot(cx.toDoubleArray(), y.toDoubleArray()), rhs = dot(x.toDoubleArray(), ty.toDoubleArray());
        assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)));
    }

    @Test
    void initUsesPyTorchFanInOfTheTransposedLayout() {
        ConvTranspose2d conv = new ConvTranspose2d(ctx(9), 16, 4, 3, 2);
        double bound = 1 / Math.sqrt(4 * 3 * 3); // fan_in = weight.size(1)·kh·kw = out·kh·kw
        Context replay = ctx(9);
        Tensor w = backend().uniform(DType.FLOAT64, replay.nextSeed(), -bound, bound, 16, 4, 3, 3);
        Tensor b = backend().uniform(DType.FLOAT64, replay.nextSeed(), -bound, bound, 4);
        assertArrayEquals(w.toDoubleArray(), conv.weight().value().toDoubleArray(), 0.0);
        assertArrayEquals(b.toDoubleArray(), conv.bias().value().toDoubleArray(), 0.0);
    }

    @Test
    void outputPaddingMustBeSmallerThanStrideOrDilation() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(ctx(1), 2, 2, 3, 2, 1, 2)).getMessage();
        assertTrue(m.contains("output padding must be smaller than either stride or dilation"), m);
        assertTrue(m.startsWith("ConvTranspose2d(2, 2)"), m);
    }

    @Test
    void reprAndBadInput() {
        assertEquals("ConvTranspose2d(256, 64, kernel_size=(2, 2), stride=(2, 2))", new ConvTranspose2d(ctx(1), 256, 64, 2, 2).toString());
        assertEquals("ConvTranspose2d(4, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), bias=False)",
                new ConvTranspose2d(ctx(1), 4, 2, 3, 2, 1, 1, 1, false).toString());
        ConvTranspose2d up = new ConvTranspose2d(ctx(1), 4, 2, 3, 1, 2);
        String ch = assertThrows(IllegalArgumentException.class, () -> up.forward(randn(1, 1, 3, 5, 5))).getMessage();
        assertTrue(ch.contains("[N, 4, H, W]") && ch.contains("[1, 3, 5, 5]"), ch);
        String small = assertThrows(IllegalArgumentException.class, () -> up.forward(randn(1, 1, 4, 1, 1))).getMessage();
        assertTrue(small.contains("non-positive output size"), small);
    }

    @Test
    void upsamplingIsAConvTranspose2dUnderTheEe559Name() {
        Upsampling up = new Upsampling(ctx(4), 256, 64, 2, 2);
        ConvTranspose2d same = new ConvTranspose2d(ctx(4), 256, 64, 2, 2);
        assertEquals("Upsampling(256, 64, kernel_size=(2, 2), stride=(2, 2))", up.toString());
        assertArrayEquals(same.weight().value().toDoubleArray(), up.weight().value().toDoubleArray(), 0.0);
        assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(up.stateDict().keySet()));
        Tensor x = randn(5, 1, 256, 2, 2);
        assertArrayEquals(same.forward(x).toDoubleArray(), up.forward(x).toDoubleArray(), 0.0);
    }
}
