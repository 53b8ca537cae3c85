package io.cnn4j.tck;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.cnn4j.tck.Closeness.assertClose;
import static io.cnn4j.tck.Closeness.assertExact;

/**
 * Every SPI primitive on random valid cases (QuickTheories), compared with the reference backend: normwise
 * relative error ≤ 1e-5 (FLOAT32) / ≤ 1e-12 (FLOAT64); layout ops, argmax, scatter, masks and casts exactly.
 * A failure prints the shrunk case (shapes, geometry, dtype, data seed).
 */
public interface PrimitiveConformance extends BackendUnderTest {

    private void requireDistinctBackends() {
        Assumptions.assumeFalse(isReferenceItself(), "backend under test is the reference backend: comparison with itself skipped");
    }

    private Twin twin(PrimitiveCases.Data d, double low, double high) {
        Backend ref = referenceBackend(), bt = backendUnderTest();
        return d.grid() ? Twin.grid(ref, bt, d.dtype(), d.seed(), d.shape()) : Twin.uniform(ref, bt, d.dtype(), d.seed(), low, high, d.shape());
    }

    @Test
    default void createAndTransferRoundTripExactly() {
        Backend bt = backendUnderTest();
        Tck.qt(30).forAll(PrimitiveCases.data(0, 4)).checkAssert(d -> {
            double[] host = referenceBackend().uniform(DType.FLOAT64, d.seed(), -1, 1, d.shape()).toDoubleArray();
            float[] hostF = new float[host.length];
            for (int i = 0; i < host.length; i++) hostF[i] = (float) host[i];
            Tensor t64 = bt.fromArray(host, d.shape());
            Tensor t32 = bt.fromArray(hostF, d.shape());
            if (t64.dtype() != DType.FLOAT64 || t32.dtype() != DType.FLOAT32) throw new AssertionError("fromArray dtypes: " + t64.dtype() + ", " + t32.dtype());
            if (!Arrays.equals(t64.shape(), d.shape())) throw new AssertionError("fromArray shape " + Arrays.toString(t64.shape()) + " for " + d);
            if (!Arrays.equals(bt.toDoubleArray(t64), host)) throw new AssertionError("FLOAT64 round trip not exact for " + d);
            if (!Arrays.equals(bt.toFloatArray(t32), hostF)) throw new AssertionError("FLOAT32 round trip not exact for " + d);
            double[] widened = bt.toDoubleArray(t32);
            for (int i = 0; i < widened.length; i++) if (widened[i] != hostF[i]) throw new AssertionError("FLOAT32 widening not exact at " + i);
            float[] rounded = bt.toFloatArray(t64);
            for (int i = 0; i < rounded.length; i++) if (rounded[i] != hostF[i]) throw new AssertionError("FLOAT64→float rounding differs at " + i);
            double[] z = bt.toDoubleArray(bt.zeros(d.dtype(), d.shape()));
            for (double v : z) if (v != 0) throw new AssertionError("zeros not zero for " + d);
        });
    }

    @Test
    default void seededUniformAndNormalMatchTheHostStream() {
        requireDistinctBackends();
        Tck.qt(20).forAll(PrimitiveCases.data(1, 4)).checkAssert(d -> {
            assertClose("uniform " + d, backendUnderTest().uniform(d.dtype(), d.seed(), -2, 3, d.shape()),
                    referenceBackend().uniform(d.dtype(), d.seed(), -2, 3, d.shape()));
            assertClose("normal " + d, backendUnderTest().normal(d.dtype(), d.seed(), 0.5, 2, d.shape()),
                    referenceBackend().normal(d.dtype(), d.seed(), 0.5, 2, d.shape()));
        });
    }

    @Test
    default void unfoldMatchesReference() {
        requireDistinctBackends();
        double[] padValues = {0.0, Double.NEGATIVE_INFINITY, 0.5};
        Tck.qt(60).forAll(ConvCase.cases(false, 4)).checkAssert(c -> {
            Twin x = Twin.uniform(referenceBackend(), backendUnderTest(), c.dtype(), c.seed(), -1, 1, c.inputShape());
            double pad = padValues[(int) Math.floorMod(c.seed(), 3L)];
            assertClose("unfold(padValue " + pad + ") " + c, backendUnderTest().unfold(x.test(), c.g(), pad), referenceBackend().unfold(x.ref(), c.g(), pad));
        });
    }

    @Test
    default void foldMatchesReference() {
        requireDistinctBackends();
        Tck.qt(60).forAll(ConvCase.cases(false, 4)).checkAssert(c -> {
            int rows = c.c() * c.g().kernelSize(), cols = c.outH() * c.outW();
            Twin y = Twin.uniform(referenceBackend(), backendUnderTest(), c.dtype(), c.seed(), -1, 1, c.n(), rows, cols);
            assertClose("fold " + c, backendUnderTest().fold(y.test(), c.g(), c.h(), c.w()), referenceBackend().fold(y.ref(), c.g(), c.h(), c.w()));
        });
    }

    @Test
    default void matmulMatchesReference() {
        requireDistinctBackends();
        Tck.qt(60).forAll(PrimitiveCases.matmul()).checkAssert(c -> {
            Twin a = Twin.uniform(referenceBackend(), backendUnderTest(), c.dtype(), c.seed(), -1, 1, c.aShape());
            Twin b = Twin.uniform(referenceBackend(), backendUnderTest(), c.dtype(), c.seed() + 1, -1, 1, c.bShape());
            assertClose("matmul " + c, backendUnderTest().matmul(a.test(), c.transA(), b.test(), c.transB()),
                    referenceBackend().matmul(a.ref(), c.transA(), b.ref(), c.transB()));
        });
    }

    @Test
    default void unaryOpsMatchReference() {
        requireDistinctBackends();
        Tck.qt(60).forAll(PrimitiveCases.unary()).checkAssert(c -> {
            Twin x = twin(c.x(), -3, 3);
            assertClose("unary " + c, backendUnderTest().unary(c.op(), x.test()), referenceBackend().unary(c.op(), x.ref()));
        });
    }

    @Test
    default void everyUnaryOpAtSpecialValues() {
        requireDistinctBackends();
        double[] special = {0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 30, -30, 700, -700, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (DType dt : DType.values()) {
            Twin x = Twin.of(referenceBackend().fromHost(special, dt, special.length), backendUnderTest());
            for (UnaryOp op : UnaryOp.values())
                assertClose("unary " + op + " " + dt + " at " + Arrays.toString(special), backendUnderTest().unary(op, x.test()), referenceBackend().unary(op, x.ref()));
        }
    }

    @Test
    default void binaryOpsWithBroadcastingMatchReference() {
        requireDistinctBackends();
        Tck.qt(60).forAll(PrimitiveCases.broadcast()).checkAssert(c -> {
            Backend ref = referenceBackend(), bt = backendUnderTest();
            Twin a = c.grid() ? Twin.grid(ref, bt, c.dtype(), c.seed(), c.a()) : Twin.uniform(ref, bt, c.dtype(), c.seed(), -2, 2, c.a());
            Twin b = c.grid() ? Twin.grid(ref, bt, c.dtype(), c.seed() + 1, c.b()) : Twin.uniform(ref, bt, c.dtype(), c.seed() + 1, -2, 2, c.b());
            assertClose("binary " + c, bt.binary(c.op(), a.test(), b.test()), ref.binary(c.op(), a.ref(), b.ref()));
        });
    }

    @Test
    default void scalarOpsMatchReference() {
        requireDistinctBackends();
        Tck.qt(50).forAll(PrimitiveCases.scalar()).checkAssert(c -> {
            Twin x = twin(c.x(), -2, 2);
            assertClose("binary " + c, backendUnderTest().binary(c.op(), x.test(), c.scalar()), referenceBackend().binary(c.op(), x.ref(), c.scalar()));
        });
    }

    @Test
    default void sumOverAxesMatchesReference() {
        requireDistinctBackends();
        Tck.qt(50).forAll(PrimitiveCases.sum()).checkAssert(c -> {
            Twin x = twin(c.x(), -1, 1);
            assertClose(c.toString(), backendUnderTest().sum(x.test(), c.axes(), c.keepDims()), referenceBackend().sum(x.ref(), c.axes(), c.keepDims()));
        });
    }

    @Test
    default void maxAndArgmaxMatchReferenceExactly() {
        requireDistinctBackends();
        Tck.qt(50).forAll(PrimitiveCases.axis()).checkAssert(c -> {
            Twin x = twin(c.x(), -1, 1);
            ArgMax got = backendUnderTest().max(x.test(), c.axis(), c.keepDims());
            ArgMax want = referenceBackend().max(x.ref(), c.axis(), c.keepDims());
            assertExact("max values, " + c, got.values(), want.values());
            assertExact("argmax indices (first occurrence on ties), " + c, got.indices(), want.indices());
        });
    }

    @Test
    default void scatterMatchesReferenceExactly() {
        requireDistinctBackends();
        Tck.qt(40).forAll(PrimitiveCases.axis()).checkAssert(c -> {
            int[] shape = c.x().shape();
            int axis = c.positiveAxis();
            int size = shape[axis];
            int[] srcShape = shape.clone();
            srcShape[axis] = 1;
            Twin src = Twin.uniform(referenceBackend(), backendUnderTest(), c.x().dtype(), c.x().seed(), -1, 1, srcShape);
            double[] idx = referenceBackend().uniform(DType.FLOAT64, c.x().seed() + 7, 0, size, srcShape).toDoubleArray();
            for (int i = 0; i < idx.length; i++) idx[i] = Math.floor(idx[i]);
            Twin index = Twin.of(referenceBackend().fromHost(idx, c.x().dtype(), srcShape), backendUnderTest());
            assertExact("scatter to size " + size + " along axis " + axis + " of src " + Arrays.toString(srcShape) + ", " + c,
                    backendUnderTest().scatter(src.test(), index.test(), axis, size), referenceBackend().scatter(src.ref(), index.ref(), axis, size));
        });
    }

    @Test
    default void permuteMatchesReferenceExactly() {
        requireDistinctBackends();
        Tck.qt(40).forAll(PrimitiveCases.permute()).checkAssert(c -> {
            Twin x = twin(c.x(), -1, 1);
            assertExact(c.toString(), backendUnderTest().permute(x.test(), c.axes()), referenceBackend().permute(x.ref(), c.axes()));
        });
    }

    @Test
    default void reshapeMatchesReferenceExactly() {
        requireDistinctBackends();
        Tck.qt(40).forAll(PrimitiveCases.reshape()).checkAssert(c -> {
            Twin x = twin(c.x(), -1, 1);
            assertExact(c.toString(), backendUnderTest().reshape(x.test(), c.to()), referenceBackend().reshape(x.ref(), c.to()));
            // reshape of a permuted (materialised) tensor must also follow row-major order
            int r = c.x().shape().length;
            int[] rev = new int[r];
            for (int i = 0; i < r; i++) rev[i] = r - 1 - i;
            assertExact("reshape after permute " + Arrays.toString(rev) + ", " + c,
                    backendUnderTest().reshape(backendUnderTest().permute(x.test(), rev), c.to()),
                    referenceBackend().reshape(referenceBackend().permute(x.ref(), rev), c.to()));
        });
    }

    @Test
    default void sliceAndConcatMatchReferenceExactly() {
        requireDistinctBackends();
        Tck.qt(40).forAll(PrimitiveCases.axis()).checkAssert(c -> {
            Twin x = twin(c.x(), -1, 1);
            int axis = c.positiveAxis();
            int size = c.x().shape()[axis];
            int start = (int) Math.floorMod(c.x().seed(), (long) size);
            int length = (int) Math.floorMod(c.x().seed() / 7, (long) (size - start)) + 1;
            Tensor sTest = backendUnderTest().slice(x.test(), axis, start, length);
            Tensor sRef = referenceBackend().slice(x.ref(), axis, start, length);
            assertExact("slice start " + start + " length " + length + ", " + c, sTest, sRef);
            if (start > 0) {
                Tensor restTest = backendUnderTest().slice(x.test(), axis, 0, start);
                Tensor restRef = referenceBackend().slice(x.ref(), axis, 0, start);
                assertExact("concat(x, slice, x[:start]) along " + axis + ", " + c,
                        backendUnderTest().concat(axis, x.test(), sTest, restTest), referenceBackend().concat(axis, x.ref(), sRef, restRef));
            }
            assertExact("concat of one tensor, " + c, backendUnderTest().concat(c.axis(), x.test()), referenceBackend().concat(c.axis(), x.ref()));
        });
    }

    /** The SPI allows dimensions of size 0 (zeros: "every dimension must be ≥ 0"): empty slices and concat parts. */
    @Test
    default void zeroSizedSliceAndConcat() {
        Backend bt = backendUnderTest();
        for (DType dt : DType.values()) {
            Tensor x = bt.fromHost(new double[] {1, 2, 3, 4, 5, 6}, dt, 2, 3);
            Tensor empty = bt.slice(x, 1, 1, 0);
            if (!Arrays.equals(empty.shape(), new int[] {2, 0})) throw new AssertionError("slice of length 0: shape " + Arrays.toString(empty.shape()) + ", expected [2, 0]");
            Tensor joined = bt.concat(1, empty, x, bt.zeros(dt, 2, 0));
            assertExact("concat with empty parts " + dt, joined, Twin.of(x, referenceBackend()).test());
        }
    }

    @Test
    default void castMatchesReferenceExactly() {
        requireDistinctBackends();
        Tck.qt(30).forAll(PrimitiveCases.data(0, 4)).checkAssert(d -> {
            Twin x = twin(d, -1e3, 1e3);
            for (DType to : DType.values())
                assertExact("cast to " + to + " of " + d, backendUnderTest().cast(x.test(), to), referenceBackend().cast(x.ref(), to));
        });
    }

    @Test
    default void inPlaceAxpyFillCopyMatchReference() {
        requireDistinctBackends();
        Tck.qt(30).forAll(PrimitiveCases.data(0, 4)).checkAssert(d -> {
            Backend ref = referenceBackend(), bt = backendUnderTest();
            Twin x = twin(d, -1, 1);
            Twin y = Twin.uniform(ref, bt, d.dtype(), d.seed() + 3, -1, 1, d.shape());
            double alpha = -0.75;
            bt.axpy(alpha, x.test(), y.test());
            ref.axpy(alpha, x.ref(), y.ref());
            assertClose("axpy alpha " + alpha + " " + d, y.test(), y.ref());

            Tensor dst = bt.zeros(d.dtype(), d.shape());
            bt.copy(x.test(), dst);
            assertExact("copy " + d, dst, x.ref());
            bt.fill(x.test(), 2.5);
            assertExact("copy must not alias its source; " + d, dst, x.ref());
            Tensor filled = ref.zeros(d.dtype(), d.shape());
            ref.fill(filled, 2.5);
            assertExact("fill 2.5 " + d, x.test(), filled);
        });
    }
}
