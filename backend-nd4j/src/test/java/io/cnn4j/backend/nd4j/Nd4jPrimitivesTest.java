package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cnn4j.backend.nd4j.Nd4jVsReference.*;
import static org.junit.jupiter.api.Assertions.*;

/** Every primitive of {@link Nd4jBackend} against the reference backend, both dtypes, on row-major, permuted and strided inputs. */
class Nd4jPrimitivesTest {

    @ParameterizedTest @EnumSource(DType.class)
    void hostTransferRoundTripsInEveryLayout(DType dt) {
        int[] shape = {2, 3, 4};
        double[] d = random(1, shape);
        for (int v = 0; v < 3; v++) {
            Tensor t = nd4j(d, dt, v, shape);
            assertClose("roundtrip v" + v, ND4J.fromHost(t.toDoubleArray(), dt, shape), ref(d, dt, shape), dt);
            assertEquals(dt, t.dtype());
        }
        assertArrayEquals(new double[6], ND4J.zeros(dt, 2, 3).toDoubleArray());
        assertEquals(3.5, ND4J.fromArray(new double[]{3.5}).item());
        assertEquals(0, ND4J.zeros(dt, 0, 3).toDoubleArray().length);
        assertClose("uniform", ND4J.uniform(dt, 7, -2, 3, 5, 4), REF.uniform(dt, 7, -2, 3, 5, 4), dt);
        assertThrows(IllegalArgumentException.class, () -> ND4J.fromArray(new float[5], 2, 3));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void shapeOps(DType dt) {
        int[] shape = {2, 3, 4};
        double[] d = random(2, shape);
        Tensor r = ref(d, dt, shape);
        for (int v = 0; v < 3; v++) {
            Tensor n = nd4j(d, dt, v, shape);
            assertClose("reshape v" + v, ND4J.reshape(n, 4, -1), REF.reshape(r, 4, -1), dt);
            assertClose("permute v" + v, ND4J.permute(n, 2, 0, 1), REF.permute(r, 2, 0, 1), dt);
            assertClose("slice v" + v, ND4J.slice(n, 2, 1, 2), REF.slice(r, 2, 1, 2), dt);
            assertClose("slice0 v" + v, ND4J.slice(n, -3, 1, 1), REF.slice(r, -3, 1, 1), dt);
            DType other = dt == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
            assertClose("cast v" + v, ND4J.cast(n, other), REF.cast(r, other), DType.FLOAT32);
            assertClose("concat v" + v, ND4J.concat(1, n, ND4J.slice(n, 1, 0, 2)), REF.concat(1, r, REF.slice(r, 1, 0, 2)), dt);
        }
        Tensor n = nd4j(d, dt, 0, shape);
        Tensor view = ND4J.reshape(n, 6, 4);
        ND4J.fill(ND4J.permute(n, 0, 2, 1), 9); // permute materialises: n unchanged
        assertClose("permute copies", view, REF.reshape(r, 6, 4), dt);
        assertThrows(IllegalArgumentException.class, () -> ND4J.reshape(n, 5, -1));
        assertThrows(IllegalArgumentException.class, () -> ND4J.slice(n, 2, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> ND4J.concat(0, n, ND4J.zeros(dt, 2, 4, 3)));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void matmulAllRanksTransposesAndLayouts(DType dt) {
        int m = 5, k = 7, n = 3, b = 4;
        for (boolean ta : new boolean[]{false, true}) for (boolean tb : new boolean[]{false, true}) {
            int[][] aShapes = {ta ? new int[]{k, m} : new int[]{m, k}, ta ? new int[]{b, k, m} : new int[]{b, m, k}};
            int[][] bShapes = {tb ? new int[]{n, k} : new int[]{k, n}, tb ? new int[]{b, n, k} : new int[]{b, k, n}};
            for (int[] as : aShapes) for (int[] bs : bShapes) for (int va = 0; va < 3; va++) for (int vb = 0; vb < 3; vb++) {
                double[] da = random(3, as), db = random(4, bs);
                String what = "matmul " + java.util.Arrays.toString(as) + (ta ? "T" : "") + "·" + java.util.Arrays.toString(bs) + (tb ? "T" : "") + " v" + va + vb;
                assertClose(what, ND4J.matmul(nd4j(da, dt, va, as), ta, nd4j(db, dt, vb, bs), tb),
                        REF.matmul(ref(da, dt, as), ta, ref(db, dt, bs), tb), dt);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ND4J.matmul(ND4J.zeros(dt, 2, 3), false, ND4J.zeros(dt, 2, 3), false));
        assertThrows(IllegalArgumentException.class, () -> ND4J.matmul(ND4J.zeros(dt, 2, 2, 3), false, ND4J.zeros(dt, 3, 3, 2), false));
    }

    /** The convolution pattern: weights · unfold(x), weightsᵀ · dY, dY · colsᵀ, on wide (one GEMM) and narrow (gathered) batches. */
    @ParameterizedTest @EnumSource(DType.class)
    void matmulOnUnfoldLayouts(DType dt) {
        for (int hw : new int[]{6, 40}) {
            int[] xs = {3, 4, hw, hw};
            double[] dx = random(5, xs), dw = random(6, 5, 4 * 9);
            ConvGeometry g = ConvGeometry.square(3, 1, 1, 1);
            Tensor cn = ND4J.unfold(nd4j(dx, dt, 0, xs), g, 0), cr = REF.unfold(ref(dx, dt, xs), g, 0);
            Tensor wn = nd4j(dw, dt, 0, 5, 36), wr = ref(dw, dt, 5, 36);
            Tensor yn = ND4J.matmul(wn, false, cn, false), yr = REF.matmul(wr, false, cr, false);
            assertClose("W·cols " + hw, yn, yr, dt);
            Tensor dyn = ND4J.unary(UnaryOp.TANH, yn), dyr = REF.unary(UnaryOp.TANH, yr);
            assertClose("Wᵀ·dY " + hw, ND4J.matmul(wn, true, dyn, false), REF.matmul(wr, true, dyr, false), dt);
            assertClose("dY·colsᵀ " + hw, ND4J.matmul(dyn, false, cn, true), REF.matmul(dyr, false, cr, true), dt);
            Tensor flat = ND4J.reshape(yn, 3, 5, hw, hw);
            assertClose("reshape of channel-major", flat, REF.reshape(yr, 3, 5, hw, hw), dt);
            int[] dys = {3, 5, hw * hw};
            double[] dd = random(8, dys);
            assertClose("Wᵀ·dY c-order " + hw, ND4J.matmul(wn, true, nd4j(dd, dt, 0, dys), false), REF.matmul(wr, true, ref(dd, dt, dys), false), dt);
        }
    }

    static List<ConvGeometry> geometries() {
        return List.of(ConvGeometry.square(3, 1, 1, 1), ConvGeometry.square(2, 2, 0, 1), ConvGeometry.of(2, 3, 1, 2, 1, 0, 1, 2),
                new ConvGeometry(2, 2, 1, 1, 0, 1, 0, 1, 1, 1), new ConvGeometry(3, 2, 2, 1, 2, 0, 1, 2, 2, 1),
                ConvGeometry.square(5, 3, 2, 1), ConvGeometry.square(1, 1, 0, 1));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void unfoldAndFoldMatchReferenceIncludingAsymmetricPadding(DType dt) {
        int[] xs = {2, 3, 7, 8};
        double[] dx = random(9, xs);
        for (ConvGeometry g : geometries()) for (double pad : new double[]{0, Double.NEGATIVE_INFINITY, 1.5}) for (int v = 0; v < 3; v++) {
            Tensor un = ND4J.unfold(nd4j(dx, dt, v, xs), g, pad), ur = REF.unfold(ref(dx, dt, xs), g, pad);
            assertClose("unfold " + g + " pad " + pad + " v" + v, un, ur, dt);
            if (pad != 0) continue;
            int[] cs = ur.shape();
            double[] dc = random(10, cs);
            assertClose("fold " + g + " v" + v, ND4J.fold(nd4j(dc, dt, v, cs), g, 7, 8), REF.fold(ref(dc, dt, cs), g, 7, 8), dt);
            // fold of unfold's own (channel-major) layout
            assertClose("fold∘unfold " + g, ND4J.fold(un, g, 7, 8), REF.fold(ur, g, 7, 8), dt);
        }
        assertThrows(IllegalArgumentException.class, () -> ND4J.unfold(ND4J.zeros(dt, 1, 1, 2, 2), ConvGeometry.square(3, 1, 0, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> ND4J.fold(ND4J.zeros(dt, 1, 9, 5), ConvGeometry.square(3, 1, 0, 1), 4, 4));
        assertThrows(IllegalArgumentException.class, () -> ND4J.fold(ND4J.zeros(dt, 1, 8, 4), ConvGeometry.square(3, 1, 0, 1), 4, 4));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void unaryOps(DType dt) {
        int[] s = {3, 4, 5};
        double[] d = random(11, s);
        for (int i = 0; i < d.length; i += 7) d[i] *= 30; // large magnitudes for exp/sigmoid/tanh
        for (UnaryOp op : UnaryOp.values()) for (int v = 0; v < 3; v++) {
            double[] in = d.clone();
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT) for (int i = 0; i < in.length; i++) in[i] = Math.abs(in[i]) + 1e-3;
            if (op == UnaryOp.EXP) for (int i = 0; i < in.length; i++) in[i] = Math.max(-20, Math.min(20, in[i]));
            assertClose(op + " v" + v, ND4J.unary(op, nd4j(in, dt, v, s)), REF.unary(op, ref(in, dt, s)), dt);
        }
        double[] special = {Double.NaN, -0.0, 0.0, -2, 3, Double.POSITIVE_INFINITY};
        for (UnaryOp op : new UnaryOp[]{UnaryOp.RELU, UnaryOp.SIGN, UnaryOp.ABS, UnaryOp.NEG, UnaryOp.SIGMOID})
            assertClose(op + " special", ND4J.unary(op, ND4J.fromHost(special, dt, 6)), REF.unary(op, REF.fromHost(special, dt, 6)), dt);
    }

    @ParameterizedTest @EnumSource(DType.class)
    void binaryOpsBroadcastAndScalar(DType dt) {
        int[][][] pairs = {{{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {1, 3, 1}}, {{2, 3, 4}, {4}}, {{3, 1}, {1, 4}}, {{1, 3, 1, 1}, {2, 3, 4, 5}}, {{}, {2, 2}}};
        for (BinaryOp op : BinaryOp.values()) for (int[][] p : pairs) for (int v = 0; v < 3; v++) {
            double[] da = random(12, p[0]), db = random(13, p[1]);
            if (op == BinaryOp.POW) for (int i = 0; i < da.length; i++) da[i] = Math.abs(da[i]) + 0.1;
            if (op.ordinal() >= BinaryOp.GT.ordinal()) for (int i = 0; i < Math.min(da.length, db.length); i += 3) db[i] = da[i]; // ties
            String what = op + " " + java.util.Arrays.toString(p[0]) + "∘" + java.util.Arrays.toString(p[1]) + " v" + v;
            assertClose(what, ND4J.binary(op, nd4j(da, dt, v, p[0]), nd4j(db, dt, v, p[1])), REF.binary(op, ref(da, dt, p[0]), ref(db, dt, p[1])), dt);
            assertClose(what + " scalar", ND4J.binary(op, nd4j(da, dt, v, p[0]), 0.37), REF.binary(op, ref(da, dt, p[0]), 0.37), dt);
        }
        double[] a = {Double.NaN, 1, 2, Double.NaN}, b = {1, Double.NaN, 3, Double.NaN};
        for (BinaryOp op : new BinaryOp[]{BinaryOp.MAX, BinaryOp.MIN, BinaryOp.ADD, BinaryOp.GT, BinaryOp.EQ}) {
            assertClose(op + " NaN", ND4J.binary(op, ND4J.fromHost(a, dt, 4), ND4J.fromHost(b, dt, 4)), REF.binary(op, REF.fromHost(a, dt, 4), REF.fromHost(b, dt, 4)), dt);
            assertClose(op + " NaN scalar", ND4J.binary(op, ND4J.fromHost(a, dt, 4), 1.5), REF.binary(op, REF.fromHost(a, dt, 4), 1.5), dt);
        }
        assertThrows(IllegalArgumentException.class, () -> ND4J.binary(BinaryOp.ADD, ND4J.zeros(dt, 2, 3), ND4J.zeros(dt, 3, 2)));
        DType other = dt == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
        assertThrows(IllegalArgumentException.class, () -> ND4J.binary(BinaryOp.ADD, ND4J.zeros(dt, 2), ND4J.zeros(other, 2)));
        assertThrows(IllegalArgumentException.class, () -> ND4J.binary(BinaryOp.ADD, ND4J.zeros(dt, 2), REF.zeros(dt, 2)));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void sumOverAxes(DType dt) {
        int[] s = {2, 3, 4, 5};
        double[] d = random(14, s);
        int[][] axesSets = {{}, {0}, {1}, {-1}, {0, 2, 3}, {3, 1}, {0, 1, 2, 3}};
        for (int[] axes : axesSets) for (boolean keep : new boolean[]{false, true}) for (int v = 0; v < 3; v++)
            assertClose("sum " + java.util.Arrays.toString(axes) + " keep=" + keep + " v" + v,
                    ND4J.sum(nd4j(d, dt, v, s), axes, keep), REF.sum(ref(d, dt, s), axes, keep), dt);
        assertThrows(IllegalArgumentException.class, () -> ND4J.sum(ND4J.zeros(dt, 2, 3), new int[]{1, -1}, false));
        assertThrows(IllegalArgumentException.class, () -> ND4J.sum(ND4J.zeros(dt, 2, 3), new int[]{2}, false));
        // large sum: float accumulation must stay within tolerance
        int[] big = {32, 64, 16, 16};
        double[] db = random(15, big);
        assertClose("sum big", ND4J.sum(nd4j(db, dt, 1, big), new int[]{0, 2, 3}, false), REF.sum(ref(db, dt, big), new int[]{0, 2, 3}, false), dt);
    }

    @ParameterizedTest @EnumSource(DType.class)
    void maxWithArgmaxFirstIndexAndNaN(DType dt) {
        int[] s = {2, 4, 3, 5};
        double[] d = random(16, s);
        for (int i = 0; i < d.length; i++) d[i] = Math.round(d[i] * 2) / 2.0; // many ties
        for (int axis = -4; axis < 4; axis++) for (boolean keep : new boolean[]{false, true}) for (int v = 0; v < 3; v++) {
            ArgMax n = ND4J.max(nd4j(d, dt, v, s), axis, keep), r = REF.max(ref(d, dt, s), axis, keep);
            assertClose("max values axis " + axis + " v" + v, n.values(), r.values(), dt);
            assertArrayEquals(r.indices().toDoubleArray(), n.indices().toDoubleArray(), "argmax axis " + axis + " v" + v);
        }
        double[] nan = {1, Double.NaN, 3, Double.NaN, Double.POSITIVE_INFINITY, 2, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        ArgMax n = ND4J.max(ND4J.fromHost(nan, dt, 3, 3), 1, false), r = REF.max(REF.fromHost(nan, dt, 3, 3), 1, false);
        assertArrayEquals(r.values().toDoubleArray(), n.values().toDoubleArray());
        assertArrayEquals(r.indices().toDoubleArray(), n.indices().toDoubleArray());
    }

    @ParameterizedTest @EnumSource(DType.class)
    void scatterIsTheAdjointOfArgmaxGather(DType dt) {
        int[] s = {2, 3, 4, 5};
        double[] d = random(17, s);
        ArgMax rn = ND4J.max(ND4J.fromHost(d, dt, s), 2, true), rr = REF.max(REF.fromHost(d, dt, s), 2, true);
        int[] gs = rr.values().shape();
        double[] g = random(18, gs);
        assertClose("scatter", ND4J.scatter(ND4J.fromHost(g, dt, gs), rn.indices(), 2, 4), REF.scatter(REF.fromHost(g, dt, gs), rr.indices(), 2, 4), dt);
        Tensor badIdx = ND4J.binary(BinaryOp.ADD, rn.indices(), 4.0);
        assertThrows(IllegalArgumentException.class, () -> ND4J.scatter(ND4J.fromHost(g, dt, gs), badIdx, 2, 4));
    }

    @ParameterizedTest @EnumSource(DType.class)
    void inPlaceUpdatesWriteThroughViews(DType dt) {
        int[] s = {3, 4};
        double[] dx = random(19, s), dy = random(20, s);
        for (int v = 0; v < 3; v++) {
            Tensor yn = nd4j(dy, dt, v, s), yr = ref(dy, dt, s);
            ND4J.axpy(-0.25, nd4j(dx, dt, 2 - v, s), yn);
            REF.axpy(-0.25, ref(dx, dt, s), yr);
            assertClose("axpy v" + v, yn, yr, dt);
            ND4J.axpy(1.0, nd4j(dx, dt, 0, s), yn);
            REF.axpy(1.0, ref(dx, dt, s), yr);
            assertClose("axpy1 v" + v, yn, yr, dt);
            ND4J.copy(nd4j(dx, dt, 1, s), yn);
            assertClose("copy v" + v, yn, ref(dx, dt, s), dt);
            ND4J.fill(yn, 2.5);
            assertClose("fill v" + v, yn, REF.binary(BinaryOp.ADD, REF.zeros(dt, s), 2.5), dt);
        }
        Tensor y = ND4J.zeros(dt, 3, 4);
        Tensor view = ND4J.reshape(y, 12);
        ND4J.fill(view, 1);
        assertEquals(12.0, ND4J.sum(y, new int[]{0, 1}, false).item(), 0);
        assertThrows(IllegalArgumentException.class, () -> ND4J.axpy(1, ND4J.zeros(dt, 3), ND4J.zeros(dt, 4)));
    }

    @Test
    void memoryScopeReleasesTemporariesKeepsKeptAndOlderTensorsAndNests() {
        Tensor param = ND4J.fromArray(new float[]{1, 2, 3, 4}, 2, 2);
        Tensor kept, temp, innerKept;
        for (int step = 0; step < 3; step++) { // several cycles: the workspace learns its size, then reuses it
            try (MemoryScope scope = ND4J.scope()) {
                temp = ND4J.binary(BinaryOp.MUL, param, 2.0);
                kept = scope.keep(ND4J.binary(BinaryOp.ADD, param, 1.0));
                try (MemoryScope inner = ND4J.scope()) {
                    innerKept = inner.keep(ND4J.binary(BinaryOp.SUB, param, 1.0));
                    ND4J.binary(BinaryOp.MUL, innerKept, 3.0);
                }
                assertArrayEquals(new float[]{0, 1, 2, 3}, ND4J.binary(BinaryOp.SUB, innerKept, ND4J.binary(BinaryOp.MUL, param, 0.0)).toFloatArray(),
                        "kept in the inner scope: alive in the outer one");
                assertArrayEquals(new float[]{1, 2, 3, 4}, ND4J.reshape(param, 4).toFloatArray());
                ND4J.axpy(1.0, temp, param); // in-place update of an older tensor persists
                ND4J.axpy(-1.0, temp, param);
            }
            Tensor t = temp, ik = innerKept;
            assertThrows(IllegalStateException.class, t::toFloatArray, "temporary released at scope close");
            assertThrows(IllegalStateException.class, ik::toFloatArray, "inner-kept tensor dies with the outer scope");
            assertArrayEquals(new float[]{2, 3, 4, 5}, kept.toFloatArray());
            assertArrayEquals(new float[]{1, 2, 3, 4}, param.toFloatArray());
        }
        Tensor outside = ND4J.binary(BinaryOp.MUL, param, 2.0);
        assertArrayEquals(new float[]{2, 4, 6, 8}, outside.toFloatArray(), "no scope: ordinary memory");
    }

    @Test
    void providerReportsAvailabilityAndThreads() {
        Nd4jBackendProvider p = new Nd4jBackendProvider();
        assertEquals("nd4j", p.name());
        assertEquals(200, p.priority());
        assertTrue(p.availability().available(), p.availability().reason());
        assertEquals("nd4j", p.create().name());
        assertTrue(java.util.ServiceLoader.load(io.cnn4j.backend.BackendProvider.class).stream().anyMatch(s -> s.type() == Nd4jBackendProvider.class));
        int before = Nd4jRuntime.threads(), blasBefore = Nd4jRuntime.blasThreads();
        Nd4jRuntime.setThreads(1);
        assertEquals(1, Nd4jRuntime.threads());
        assertEquals(1, Nd4jRuntime.blasThreads());
        Nd4jRuntime.setThreads(Math.max(before, blasBefore));
    }
}
