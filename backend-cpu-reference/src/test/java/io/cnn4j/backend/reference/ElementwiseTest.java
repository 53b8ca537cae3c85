package io.cnn4j.backend.reference;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cnn4j.backend.reference.Check.B;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ElementwiseTest {

    /** Naive broadcast: for every output index, map back to each operand with its size-1 axes pinned at 0. */
    static double[] naiveBinary(BinaryOp op, double[] a, int[] as, double[] b, int[] bs, int[] out) {
        int n = (int) Shapes.numel(out);
        double[] r = new double[n];
        int[] idx = new int[out.length];
        for (int flat = 0; flat < n; flat++) {
            int rem = flat;
            for (int ax = out.length - 1; ax >= 0; ax--) { idx[ax] = rem % out[ax]; rem /= out[ax]; }
            r[flat] = op.apply(a[offset(idx, as)], b[offset(idx, bs)]);
        }
        return r;
    }

    private static int offset(int[] idx, int[] shape) {
        int off = 0, shift = idx.length - shape.length;
        for (int ax = 0; ax < shape.length; ax++) off = off * shape[ax] + (shape[ax] == 1 ? 0 : idx[ax + shift]);
        return off;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void unaryMatchesDefinition(DType dt) {
        double[] x = Check.random(dt, 3, 2000);
        x[0] = 0; x[1] = -0.0; x[2] = 50; x[3] = -50; x[4] = Double.NaN; // edge values
        for (UnaryOp op : UnaryOp.values()) {
            Tensor y = B.unary(op, Check.tensor(dt, x, 40, 50));
            double[] got = y.toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double e = op.apply(x[i]);
                if (dt == DType.FLOAT32) e = (float) e;
                assertEquals(e, got[i], 0.0, op + "(" + x[i] + ")");
            }
        }
    }

    @Test
    void handCheckedActivations() {
        Check.exact(B.unary(UnaryOp.RELU, B.fromArray(new float[]{-1, 0, 2}, 3)), new double[]{0, 0, 2}, 3);
        Check.exact(B.unary(UnaryOp.SIGMOID, B.fromArray(new double[]{0}, 1)), new double[]{0.5}, 1);
        Check.exact(B.unary(UnaryOp.SIGN, B.fromArray(new double[]{-3, 0, 4}, 3)), new double[]{-1, 0, 1}, 3);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void broadcastingMatchesNaive(DType dt) {
        int[][][] cases = {
                {{2, 3}, {2, 3}},
                {{4, 3, 5, 2}, {1, 3, 1, 1}},   // bias over NCHW
                {{4, 3, 5, 2}, {3, 1, 1}},      // missing leading axis
                {{3, 1}, {1, 4}},               // both broadcast → [3,4]
                {{5}, {2, 1, 5}},
                {{2, 3, 4}, {}},                // scalar tensor
                {{1}, {7, 1}},
                {{2, 1, 3}, {2, 4, 1}},
        };
        long seed = 20;
        for (int[][] c : cases) {
            int[] as = c[0], bs = c[1], out = Shapes.broadcast("test", as, bs);
            double[] a = Check.random(dt, seed++, (int) Shapes.numel(as)), b0 = Check.random(dt, seed++, (int) Shapes.numel(bs));
            for (BinaryOp op : BinaryOp.values()) {
                double[] aa = op == BinaryOp.POW ? abs(a) : a, b = op == BinaryOp.POW ? abs(b0) : b0;
                Tensor r = B.binary(op, Check.tensor(dt, aa, as), Check.tensor(dt, b, bs));
                double[] e = naiveBinary(op, aa, as, b, bs, out);
                if (dt == DType.FLOAT32) for (int i = 0; i < e.length; i++) e[i] = (float) e[i];
                Check.close(r, e, out);
                // swapped operands exercise the other broadcast direction
                Tensor s = B.binary(op, Check.tensor(dt, b, bs), Check.tensor(dt, aa, as));
                double[] es = naiveBinary(op, b, bs, aa, as, out);
                if (dt == DType.FLOAT32) for (int i = 0; i < es.length; i++) es[i] = (float) es[i];
                Check.close(s, es, out);
            }
        }
    }

    private static double[] abs(double[] a) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) r[i] = Math.abs(r[i]);
        return r;
    }

    @Test
    void largeBroadcastAddUsesParallelPathCorrectly() {
        int[] as = {32, 64, 16, 16}, bs = {64, 1, 1};
        double[] a = Check.random(DType.FLOAT32, 1, 32 * 64 * 256), b = Check.random(DType.FLOAT32, 2, 64);
        Tensor r = B.binary(BinaryOp.ADD, B.fromHost(a, DType.FLOAT32, as), B.fromHost(b, DType.FLOAT32, bs));
        double[] e = naiveBinary(BinaryOp.ADD, a, as, b, bs, as);
        for (int i = 0; i < e.length; i++) e[i] = (float) e[i];
        Check.exact(r, e, as);
    }

    @Test
    void comparisonsAndNanRules() {
        Tensor a = B.fromArray(new double[]{1, 2, Double.NaN}, 3), b = B.fromArray(new double[]{2, 2, 0}, 3);
        Check.exact(B.binary(BinaryOp.GT, a, b), new double[]{0, 0, 0}, 3);
        Check.exact(B.binary(BinaryOp.GE, a, b), new double[]{0, 1, 0}, 3);
        Check.exact(B.binary(BinaryOp.EQ, a, b), new double[]{0, 1, 0}, 3);
        double[] mx = B.binary(BinaryOp.MAX, a, b).toDoubleArray();
        assertEquals(2, mx[0]);
        assertEquals(Double.NaN, mx[2]);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void scalarOpsMatchDefinition(DType dt) {
        double[] x = Check.random(dt, 9, 300);
        for (BinaryOp op : BinaryOp.values()) {
            double s = op == BinaryOp.POW ? 2.0 : 0.375;
            double[] got = B.binary(op, Check.tensor(dt, x, 300), s).toDoubleArray();
            for (int i = 0; i < x.length; i++) {
                double e = op.apply(x[i], s);
                if (dt == DType.FLOAT32) e = (float) e;
                assertEquals(e, got[i], 0.0, op + "(" + x[i] + ", " + s + ")");
            }
        }
    }

    /** Comparisons and ReLU have branch-free fast loops; check them on the IEEE corner cases against the definition. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void comparisonFastPathsMatchDefinitionOnCornerCases(DType dt) {
        double inf = Double.POSITIVE_INFINITY, tiny = dt == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE;
        double[] x = {0, -0.0, tiny, -tiny, 2 * tiny, 1, -1, 0.5, 0.1, inf, -inf, Double.NaN, 3e38, -3e38, 0.375};
        if (dt == DType.FLOAT32) for (int i = 0; i < x.length; i++) x[i] = (float) x[i];
        double[] scalars = {0, -0.0, tiny, -tiny, 0.375, 0.1, inf, -inf, Double.NaN, 1e-300};
        for (BinaryOp op : new BinaryOp[]{BinaryOp.GT, BinaryOp.GE, BinaryOp.LT, BinaryOp.LE, BinaryOp.EQ, BinaryOp.MAX, BinaryOp.MIN})
            for (double y : scalars) {
                double[] got = B.binary(op, Check.tensor(dt, x, x.length), y).toDoubleArray();
                for (int i = 0; i < x.length; i++) {
                    double e = op.apply(x[i], y);
                    if (dt == DType.FLOAT32) e = (float) e;
                    assertEquals(e, got[i], 0.0, op + "(" + x[i] + ", " + y + ")");
                }
            }
        double[] relu = B.unary(UnaryOp.RELU, Check.tensor(dt, x, x.length)).toDoubleArray();
        for (int i = 0; i < x.length; i++) assertEquals(UnaryOp.RELU.apply(x[i]), relu[i], 0.0, "RELU(" + x[i] + ")");
    }

    @Test
    void incompatibleShapesAreRejected() {
        Check.rejects(() -> B.binary(BinaryOp.ADD, B.zeros(DType.FLOAT32, 2, 3), B.zeros(DType.FLOAT32, 4, 3)),
                "ADD", "[2, 3]", "[4, 3]", "broadcast");
        Check.rejects(() -> B.binary(BinaryOp.MUL, B.zeros(DType.FLOAT32, 2), B.zeros(DType.FLOAT64, 2)), "MUL", "dtypes differ");
    }
}
