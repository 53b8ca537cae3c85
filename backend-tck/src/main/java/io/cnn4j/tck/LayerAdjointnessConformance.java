package io.cnn4j.tck;

import io.cnn4j.nn.Conv2d;
import io.cnn4j.nn.ConvTranspose2d;
import io.cnn4j.nn.Context;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.tck.Adjointness.absDot;
import static io.cnn4j.tck.Adjointness.assertEqualInner;
import static io.cnn4j.tck.Adjointness.dot;

/**
 * ConvTranspose2d is the adjoint of Conv2d: with the same weight tensor ({@code [Cout, Cin, kh, kw]} for the
 * convolution is {@code [in=Cout, out=Cin, kh, kw]} for the transposed one), no bias, and the output_padding that
 * restores the input size, ⟨conv(x), y⟩ = ⟨x, convT(y)⟩ (float64, relative 1e-12 of Σ|terms|).
 */
public interface LayerAdjointnessConformance extends BackendUnderTest {

    @Test
    default void convTranspose2dIsTheAdjointOfConv2d() {
        Backend b = backendUnderTest();
        Tck.qt(40).forAll(ConvCase.cases(true, 4).map(c -> c.withDtype(DType.FLOAT64))).checkAssert(c -> {
            var g = c.g();
            int cout = 1 + (int) Math.floorMod(c.seed(), 5L);
            int[] k = {g.kernelH(), g.kernelW()}, s = {g.strideH(), g.strideW()}, p = {g.padTop(), g.padLeft()}, d = {g.dilationH(), g.dilationW()};
            int[] op = {(c.h() + 2 * p[0] - g.effectiveKernelH()) % s[0], (c.w() + 2 * p[1] - g.effectiveKernelW()) % s[1]};
            Context ctx = Context.of(b, DType.FLOAT64, c.seed());
            Conv2d conv = new Conv2d(ctx, c.c(), cout, k, s, p, d, false);
            ConvTranspose2d convT = new ConvTranspose2d(ctx, cout, c.c(), k, s, p, op, d, false);
            b.copy(conv.weight().value(), convT.weight().value());
            Tensor x = Adjointness.random(b, c.seed() + 1, c.inputShape());
            Tensor cx = conv.forward(x);
            Tensor y = Adjointness.random(b, c.seed() + 2, cx.shape());
            Tensor ty = convT.forward(y);
            String what = "Conv2d(" + c.c() + ", " + cout + ") / ConvTranspose2d(" + cout + ", " + c.c() + ", output_padding=("
                    + op[0] + ", " + op[1] + ")) adjointness, " + c;
            if (!java.util.Arrays.equals(ty.shape(), x.shape()))
                throw new AssertionError(what + ": ConvTranspose2d output " + java.util.Arrays.toString(ty.shape()) + " should have the Conv2d input shape "
                        + java.util.Arrays.toString(x.shape()));
            assertEqualInner(what, dot(cx, y), dot(x, ty), absDot(cx, y), 1e-12);
        });
    }
}
