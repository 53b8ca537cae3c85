package io.cnn4j.tck;

import io.cnn4j.tensor.AdamUpdate;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.CompositeOptimizers;
import io.cnn4j.tensor.CompositeConvolutions;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.ConvGradients;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.tck.Closeness.assertClose;

/**
 * The fused operations of the SPI ({@link Backend#conv2d}, {@link Backend#conv2dBackward},
 * {@link Backend#convTranspose2d}, {@link Backend#convTranspose2dBackward}, {@link Backend#adamStep}) equal their
 * composite definitions in {@link CompositeConvolutions} and {@link CompositeOptimizers} on the same backend, on random geometries (asymmetric padding, stride, dilation,
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

    @Test
    default void adamStepOverrideEqualsComposite() {
        Backend b = backendUnderTest();
        Tck.qt(40).forAll(PrimitiveCases.data(1, 4)).checkAssert(d -> {
            boolean decoupled = (d.seed() & 1) == 0;
            double wd = (d.seed() & 2) == 0 ? 0.0 : 0.01;
            AdamUpdate u = new AdamUpdate(1e-3, 0.9, 0.999, 1e-8, wd, decoupled, 1 + (d.seed() % 7));
            Tensor[] mine = adamOperands(b, d), composite = adamOperands(b, d);
            b.adamStep(mine[0], mine[1], mine[2], mine[3], u);
            CompositeOptimizers.adamStep(b, composite[0], composite[1], composite[2], composite[3], u);
            String what = "adamStep " + u + " on " + d;
            assertClose(what + ": parameter", mine[0], composite[0]);
            assertClose(what + ": exp_avg", mine[2], composite[2]);
            assertClose(what + ": exp_avg_sq", mine[3], composite[3]);
        });
    }

    /** Parameter, gradient, and non-trivial moments (the second positive) for one Adam case. */
    private static Tensor[] adamOperands(Backend b, PrimitiveCases.Data d) {
        return new Tensor[]{b.uniform(d.dtype(), d.seed(), -1, 1, d.shape()), b.uniform(d.dtype(), d.seed() + 1, -1, 1, d.shape()),
                b.uniform(d.dtype(), d.seed() + 2, -0.1, 0.1, d.shape()), b.uniform(d.dtype(), d.seed() + 3, 0, 0.01, d.shape())};
    }

    private static void assertSameGradients(String what, ConvGradients actual, ConvGradients expected) {
        assertClose(what + ": input gradient", actual.input(), expected.input());
        assertClose(what + ": weight gradient", actual.weight(), expected.weight());
        if ((actual.bias() == null) != (expected.bias() == null))
            throw new AssertionError(what + ": bias gradient " + (actual.bias() == null ? "missing" : "returned but not requested"));
        if (expected.bias() != null) assertClose(what + ": bias gradient", actual.bias(), expected.bias());
    }
}
