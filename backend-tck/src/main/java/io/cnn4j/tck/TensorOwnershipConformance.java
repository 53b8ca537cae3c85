package io.cnn4j.tck;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every tensor a primitive returns belongs to the backend that returned it ({@code t.backend() == backend}).
 * A backend that hands back another backend's tensors (say, a wrapper that forgets to wrap one result) computes the
 * right numbers, so the value checks pass; the next primitive that receives such a tensor would then reject it, or
 * silently run on the other backend. Each primitive that returns a tensor is checked here, in both dtypes.
 */
public interface TensorOwnershipConformance extends BackendUnderTest {

    private static void owned(Backend b, String op, Tensor t) {
        assertSame(b, t.backend(), op + " returned a tensor of backend '" + t.backend().name() + "', not of '" + b.name()
                + "': every tensor a backend returns must be its own");
    }

    private static Tensor ramp(Backend b, DType dtype, int... shape) {
        double[] d = new double[Math.toIntExact(io.cnn4j.tensor.Shapes.numel(shape))];
        for (int i = 0; i < d.length; i++) d[i] = (i % 7) - 3 + 0.25 * i;
        return b.fromHost(d, dtype, shape);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    default void creationReturnsOwnTensors(DType dtype) {
        Backend b = backendUnderTest();
        owned(b, "zeros", b.zeros(dtype, 2, 3));
        owned(b, "fromArray(float[])", b.fromArray(new float[] {1, 2, 3, 4}, 2, 2));
        owned(b, "fromArray(double[])", b.fromArray(new double[] {1, 2, 3, 4}, 2, 2));
        owned(b, "fromHost", b.fromHost(new double[] {1, 2}, dtype, 2));
        owned(b, "uniform", b.uniform(dtype, 1, -1, 1, 2, 3));
        owned(b, "normal", b.normal(dtype, 1, 0, 1, 2, 3));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    default void layoutOpsReturnOwnTensors(DType dtype) {
        Backend b = backendUnderTest();
        Tensor x = ramp(b, dtype, 2, 3, 4);
        owned(b, "reshape", b.reshape(x, 6, 4));
        owned(b, "permute", b.permute(x, 2, 0, 1));
        owned(b, "cast", b.cast(x, dtype == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32));
        owned(b, "cast to the same dtype", b.cast(x, dtype));
        owned(b, "slice", b.slice(x, 1, 1, 2));
        owned(b, "concat", b.concat(0, x, x));
        owned(b, "concat of one tensor", b.concat(2, x));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    default void matmulReturnsOwnTensors(DType dtype) {
        Backend b = backendUnderTest();
        owned(b, "matmul 2-D", b.matmul(ramp(b, dtype, 2, 3), false, ramp(b, dtype, 3, 4), false));
        owned(b, "matmul transposed", b.matmul(ramp(b, dtype, 3, 2), true, ramp(b, dtype, 4, 3), true));
        owned(b, "matmul batched", b.matmul(ramp(b, dtype, 2, 2, 3), false, ramp(b, dtype, 2, 3, 4), false));
        owned(b, "matmul broadcast", b.matmul(ramp(b, dtype, 2, 3), false, ramp(b, dtype, 5, 3, 4), false));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    default void slidingWindowOpsReturnOwnTensors(DType dtype) {
        Backend b = backendUnderTest();
        ConvGeometry g = ConvGeometry.square(2, 1, 1, 1);
        Tensor cols = b.unfold(ramp(b, dtype, 1, 2, 4, 4), g, 0.0);
        owned(b, "unfold", cols);
        owned(b, "unfold with a -inf pad value", b.unfold(ramp(b, dtype, 1, 2, 4, 4), g, Double.NEGATIVE_INFINITY));
        owned(b, "fold", b.fold(cols, g, 4, 4));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    default void elementwiseOpsReturnOwnTensors(DType dtype) {
        Backend b = backendUnderTest();
        Tensor x = ramp(b, dtype, 2, 3);
        for (UnaryOp op : UnaryOp.values()) owned(b, "unary " + op, b.unary(op, x));
        for (BinaryOp op : BinaryOp.values()) {
            owned(b, "binary " + op, b.binary(op, x, ramp(b, dtype, 2, 3)));
            owned(b, "binary " + op + " with broadcasting", b.binary(op, x, ramp(b, dtype, 3)));
            owned(b, "binary " + op + " with a scalar", b.binary(op, x, 0.5));
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    default void reductionsReturnOwnTensors(DType dtype) {
        Backend b = backendUnderTest();
        Tensor x = ramp(b, dtype, 2, 3, 4);
        owned(b, "sum", b.sum(x, new int[] {1}, false));
        owned(b, "sum keepDims", b.sum(x, new int[] {0, 2}, true));
        owned(b, "sum over no axes", b.sum(x, new int[0], false));
        ArgMax m = b.max(x, 2, true);
        owned(b, "max (values)", m.values());
        owned(b, "max (indices)", m.indices());
        ArgMax flat = b.max(x, 0, false);
        owned(b, "max without keepDims (values)", flat.values());
        owned(b, "max without keepDims (indices)", flat.indices());
        owned(b, "scatter", b.scatter(m.values(), m.indices(), 2, 4));
    }

    @Test
    default void resultsOfResultsStayOwned() {
        // A chain as a layer runs it: each result feeds the next primitive, so a foreign result would fail here too.
        Backend b = backendUnderTest();
        Tensor x = ramp(b, DType.FLOAT32, 1, 1, 3, 3);
        Tensor cols = b.unfold(x, ConvGeometry.square(2, 1, 0, 1), 0.0);
        Tensor y = b.matmul(b.reshape(b.cast(cols, DType.FLOAT32), 4, 4), true, b.zeros(DType.FLOAT32, 4, 1), false);
        owned(b, "unfold -> cast -> reshape -> matmul", y);
        Tensor z = b.unary(UnaryOp.RELU, b.binary(BinaryOp.ADD, y, 1.0));
        owned(b, "matmul -> binary -> unary", z);
    }
}
