package io.cnn4j.tck;

import io.cnn4j.tensor.AdamUpdate;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.CompositeActivations;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.CompositeOptimizers;
import io.cnn4j.tensor.CompositeConvolutions;
import io.cnn4j.tensor.CompositeSpecialFunctions;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.ConvGradients;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static io.cnn4j.tck.Closeness.assertClose;

/**
 * The fused operations of the SPI ({@link Backend#conv2d}, {@link Backend#conv2dBackward},
 * {@link Backend#convTranspose2d}, {@link Backend#convTranspose2dBackward}, {@link Backend#adamStep},
 * {@link Backend#relu}, {@link Backend#reluBackward}, {@link Backend#erf}) equal their composite definitions in
 * {@link CompositeConvolutions}, {@link CompositeOptimizers}, {@link CompositeActivations} and
 * {@link CompositeSpecialFunctions} on the same backend:
 * convolutions on random geometries (asymmetric padding, stride, dilation, with and without bias), the others on
 * random shapes and special values; normwise relative error ≤ 1e-5 (FLOAT32) / ≤ 1e-12 (FLOAT64). A backend that
 * does not override them passes trivially; one that does is held to the definition. Agreement of the composites
 * with the reference backend and PyTorch follows from the primitive, layer and golden-vector contracts.
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

    @Test
    default void reluOverridesEqualComposites() {
        Backend b = backendUnderTest();
        Tck.qt(40).forAll(PrimitiveCases.data(1, 4)).checkAssert(d -> {
            Tensor x = b.uniform(d.dtype(), d.seed(), -1, 1, d.shape()), dY = b.uniform(d.dtype(), d.seed() + 1, -1, 1, d.shape());
            Tensor y = b.relu(x);
            assertClose("relu " + d, y, CompositeActivations.relu(b, x));
            assertClose("reluBackward " + d, b.reluBackward(dY, y), CompositeActivations.reluBackward(b, dY, y));
        });
        for (DType dt : DType.values()) {
            double[] special = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, -1.5, 2.5};
            Tensor x = b.fromHost(special, dt, special.length), dY = b.fromHost(new double[]{1, 2, 3, 4, 5, 6, 7}, dt, special.length);
            Tensor y = b.relu(x);
            assertClose("relu at NaN/±inf/±0 " + dt, y, CompositeActivations.relu(b, x));
            assertClose("reluBackward at NaN/±inf/±0 " + dt, b.reluBackward(dY, y), CompositeActivations.reluBackward(b, dY, y));
        }
    }

    /** x and erf(x) from mpmath at 200-bit precision (rounded to double), across the three intervals of the composite. */
    double[][] ERF_KNOWN = {
            {-6.0, -4.5, -4.0, -3.25, -2.0, -1.5, -1.0, -0.5, -0.46875, -0.3, -0.001, -1e-10, 0.0, 1e-300, 1e-10, 0.001, 0.1, 0.3,
                    0.46875, 0.47, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 3.99, 4.0, 4.01, 4.5, 5.0, 5.5, 5.9, 6.0, 10.0, 27.0, 30.0, 1e10},
            {-1.0, -0.9999999998033839, -0.9999999845827421, -0.9999956972205363, -0.9953222650189527, -0.9661051464753108,
                    -0.8427007929497149, -0.5204998778130465, -0.49261347321793797, -0.3286267594591274, -0.0011283787909692365,
                    -1.1283791670955126e-10, 0.0, 1.1283791670955126e-300, 1.1283791670955126e-10, 0.0011283787909692365,
                    0.1124629160182849, 0.3286267594591274, 0.49261347321793797, 0.4937450508860821, 0.5204998778130465,
                    0.7111556336535151, 0.8427007929497149, 0.9661051464753108, 0.9953222650189527, 0.999593047982555,
                    0.9999779095030014, 0.9999992569016276, 0.9999999832607886, 0.9999999845827421, 0.9999999858030606,
                    0.9999999998033839, 0.9999999999984626, 0.9999999999999927, 0.9999999999999999, 1.0, 1.0, 1.0, 1.0, 1.0}};

    /**
     * {@link Backend#erf} against known values: per element relative error ≤ 1e-12 in FLOAT64 and ≤ 1e-6 in FLOAT32
     * (there against erf of the float-rounded input); erf(±∞) = ±1, erf(NaN) = NaN; and an override equals the composite.
     */
    @Test
    default void erfMatchesKnownValuesAndComposite() {
        Backend b = backendUnderTest();
        double[] x = ERF_KNOWN[0], expected = ERF_KNOWN[1];
        double[] got = b.erf(b.fromArray(x, x.length)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double rel = Math.abs(got[i] - expected[i]) / Math.max(Math.abs(expected[i]), Double.MIN_NORMAL);
            if (!(rel <= 1e-12)) throw new AssertionError("erf(" + x[i] + ") FLOAT64 = " + got[i] + ", expected " + expected[i] + " (relative error " + rel + " > 1e-12)");
        }
        double[] f32 = b.erf(b.fromHost(x, DType.FLOAT32, x.length)).toDoubleArray();
        double[] f64OfRounded = new double[x.length];
        for (int i = 0; i < x.length; i++) f64OfRounded[i] = (float) x[i];
        double[] reference = b.erf(b.fromArray(f64OfRounded, x.length)).toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            double rel = Math.abs(f32[i] - reference[i]) / Math.max(Math.abs(reference[i]), 1e-30);
            if (!(rel <= 1e-6)) throw new AssertionError("erf(" + (float) x[i] + ") FLOAT32 = " + f32[i] + ", expected " + reference[i] + " (relative error " + rel + " > 1e-6)");
        }
        for (DType dt : DType.values()) {
            double[] special = b.erf(b.fromHost(new double[]{Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN}, dt, 3)).toDoubleArray();
            if (special[0] != -1 || special[1] != 1 || !Double.isNaN(special[2]))
                throw new AssertionError("erf(-inf, inf, NaN) " + dt + " = " + java.util.Arrays.toString(special) + ", expected [-1.0, 1.0, NaN]");
        }
        Tck.qt(30).forAll(PrimitiveCases.data(1, 4)).checkAssert(d -> {
            Tensor t = b.uniform(d.dtype(), d.seed(), -5, 5, d.shape());
            assertClose("erf " + d, b.erf(t), CompositeSpecialFunctions.erf(b, t));
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
