package io.cnn4j.tck;

import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.CompositeConvolutions;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.ConvGradients;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.tck.Closeness.assertClose;

/**
 * The fused operations of the SPI ({@link Backend#conv2d}, {@link Backend#conv2dBackward},
 * {@link Backend#convTranspose2d}, {@link Backend#convTranspose2dBackward}) equal their composite definitions in
 * {@link CompositeConvolutions} on the same backend, on random geometries (asymmetric padding, stride, dilation,
 * with and without bias): normwise relative error ≤ 1e-5 (FLOAT32) / ≤ 1e-12 (FLOAT64). A backend that does not
 * override them passes trivially; one that does is held to the definition. Agreement of the composites with the
 * reference backend and PyTorch follows from the primitive, layer and golden-vector contracts.
 */
public interface FusedOperationConformance extends BackendUnderTest {

    @Test
    default void conv2dOverrideEqualsComposite() {
        Backend b = backendUnderTest();
        Tck.qt(60).forAll(FusedCase.cases()).checkAssert(f -> {
            ConvCase c = f.conv();
            ConvGeometry g = c.g();
            Tensor x = b.uniform(c.dtype(), c.seed(), -1, 1, c.inputShape());
            Tensor w = b.uniform(c.dtype(), c.seed() + 1, -1, 1, f.outChannels(), c.c(), g.kernelH(), g.kernelW());
            Tensor bias = f.bias() ? b.uniform(c.dtype(), c.seed() + 2, -1, 1, f.outChannels()) : null;
            assertClose("conv2d " + f, b.conv2d(x, w, bias, g), CompositeConvolutions.conv2d(b, x, w, bias, g));
            Tensor dY = b.uniform(c.dtype(), c.seed() + 3, -1, 1, c.n(), f.outChannels(), c.outH(), c.outW());
            assertSameGradients("conv2dBackward " + f, b.conv2dBackward(dY, x, w, g, f.bias()),
                    CompositeConvolutions.conv2dBackward(b, dY, x, w, g, f.bias()));
        });
    }

    @Test
    default void convTranspose2dOverrideEqualsComposite() {
        Backend b = backendUnderTest();
        Tck.qt(60).forAll(FusedCase.cases()).checkAssert(f -> {
            ConvCase c = f.conv();
            ConvGeometry g = c.g();
            int in = c.c(), out = f.outChannels();
            Tensor x = b.uniform(c.dtype(), c.seed(), -1, 1, c.n(), in, c.outH(), c.outW());
            Tensor w = b.uniform(c.dtype(), c.seed() + 1, -1, 1, in, out, g.kernelH(), g.kernelW());
            Tensor bias = f.bias() ? b.uniform(c.dtype(), c.seed() + 2, -1, 1, out) : null;
            assertClose("convTranspose2d " + f, b.convTranspose2d(x, w, bias, g, c.h(), c.w()),
                    CompositeConvolutions.convTranspose2d(b, x, w, bias, g, c.h(), c.w()));
            Tensor dY = b.uniform(c.dtype(), c.seed() + 3, -1, 1, c.n(), out, c.h(), c.w());
            assertSameGradients("convTranspose2dBackward " + f, b.convTranspose2dBackward(dY, x, w, g, f.bias()),
                    CompositeConvolutions.convTranspose2dBackward(b, dY, x, w, g, f.bias()));
        });
    }

    private static void assertSameGradients(String what, ConvGradients actual, ConvGradients expected) {
        assertClose(what + ": input gradient", actual.input(), expected.input());
        assertClose(what + ": weight gradient", actual.weight(), expected.weight());
        if ((actual.bias() == null) != (expected.bias() == null))
            throw new AssertionError(what + ": bias gradient " + (actual.bias() == null ? "missing" : "returned but not requested"));
        if (expected.bias() != null) assertClose(what + ": bias gradient", actual.bias(), expected.bias());
    }
}
