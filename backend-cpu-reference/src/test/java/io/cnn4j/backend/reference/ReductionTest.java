package io.cnn4j.backend.reference;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cnn4j.backend.reference.Check.B;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** sum, max/argmax and scatter. */
class ReductionTest {

    /** Naive sum: every input element added to the output index with reduced coordinates dropped. */
    static double[] naiveSum(double[] x, int[] shape, boolean[] reduced) {
        int rank = shape.length;
        int outN = 1;
        for (int i = 0; i < rank; i++) if (!reduced[i]) outN *= shape[i];
        double[] out = new double[outN];
        int n = (int) Shapes.numel(shape);
        int[] idx = new int[rank];
        for (int flat = 0; flat < n; flat++) {
            int rem = flat;
            for (int ax = rank - 1; ax >= 0; ax--) { idx[ax] = rem % shape[ax]; rem /= shape[ax]; }
            int o = 0;
            for (int ax = 0; ax < rank; ax++) if (!reduced[ax]) o = o * shape[ax] + idx[ax];
            out[o] += x[flat];
        }
        return out;
    }

    @Test
    void handCheckedSums() {
        Tensor x = B.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Check.exact(B.sum(x, new int[]{0}, false), new double[]{5, 7, 9}, 3);
        Check.exact(B.sum(x, new int[]{-1}, true), new double[]{6, 15}, 2, 1);
        Check.exact(B.sum(x, new int[]{0, 1}, false), new double[]{21});
        Check.exact(B.sum(x, new int[]{}, false), new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Check.exact(B.sum(B.fromArray(new double[]{7}), new int[]{}, false), new double[]{7});
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void randomSumsMatchNaiveForEveryAxisSubset(DType dt) {
        int[][] shapes = {{3, 4, 5, 6}, {2, 1, 7, 3}, {5}, {1, 1}, {4, 0, 3}};
        long seed = 40;
        for (int[] shape : shapes) {
            int rank = shape.length;
            double[] x = Check.random(dt, seed++, (int) Shapes.numel(shape));
            for (int mask = 0; mask < (1 << rank); mask++) {
                boolean[] red = new boolean[rank];
                int count = Integer.bitCount(mask);
                int[] axes = new int[count];
                for (int ax = 0, k = 0; ax < rank; ax++)
                    if ((mask & (1 << ax)) != 0) { red[ax] = true; axes[k++] = (k % 2 == 0) ? ax - rank : ax; }
                double[] e = naiveSum(x, shape, red);
                int[] keep = shape.clone(), drop = new int[rank - count];
                for (int ax = 0, k = 0; ax < rank; ax++) { if (red[ax]) keep[ax] = 1; else drop[k++] = shape[ax]; }
                Check.close(B.sum(Check.tensor(dt, x, shape), axes, true), e, keep);
                Check.close(B.sum(Check.tensor(dt, x, shape), axes, false), e, drop);
            }
        }
    }

    @Test
    void sumRejectsBadAxes() {
        Tensor x = B.zeros(DType.FLOAT32, 2, 3);
        Check.rejects(() -> B.sum(x, new int[]{1, -1}, false), "sum", "twice", "[2, 3]");
        Check.rejects(() -> B.sum(x, new int[]{2}, false), "sum", "axis 2");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void maxTiesTakeFirstIndexAndNanWins(DType dt) {
        double nan = Double.NaN;
        // rows: tie between 0 and 2; NaN at 1 then a larger value; all equal
        Tensor x = Check.tensor(dt, new double[]{3, 1, 3, 0, nan, 9, 2, 2, 2}, 3, 3);
        ArgMax m = B.max(x, 1, false);
        double[] v = m.values().toDoubleArray();
        assertArrayEquals(new double[]{0, 1, 0}, m.indices().toDoubleArray(), 0.0);
        assertArrayEquals(new double[]{3, nan, 2}, v, 0.0);
        ArgMax c = B.max(x, 0, true);
        assertArrayEquals(new int[]{1, 3}, c.values().shape());
        assertArrayEquals(new double[]{0, 1, 1}, c.indices().toDoubleArray(), 0.0);
        assertArrayEquals(new double[]{3, nan, 9}, c.values().toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void randomMaxMatchesNaive(DType dt) {
        int[] shape = {3, 5, 4, 2};
        double[] x = Check.random(dt, 77, 120);
        for (int ax = 0; ax < 4; ax++) {
            int outer = 1, inner = 1, n = shape[ax];
            for (int i = 0; i < ax; i++) outer *= shape[i];
            for (int i = ax + 1; i < 4; i++) inner *= shape[i];
            double[] ev = new double[outer * inner], ei = new double[outer * inner];
            for (int o = 0; o < outer; o++)
                for (int j = 0; j < inner; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int bi = -1;
                    for (int k = 0; k < n; k++) {
                        double v = x[(o * n + k) * inner + j];
                        if (v > best) { best = v; bi = k; }
                    }
                    ev[o * inner + j] = best;
                    ei[o * inner + j] = bi;
                }
            int[] keep = shape.clone();
            keep[ax] = 1;
            ArgMax m = B.max(Check.tensor(dt, x, shape), ax - (ax % 2) * 4, true);
            Check.exact(m.values(), ev, keep);
            Check.exact(m.indices(), ei, keep);
            Check.exact(B.max(Check.tensor(dt, x, shape), ax, false).indices(), ei, MaxReduction.outShape(shape, ax, false));
        }
    }

    @Test
    void maxRejectsEmptyAxis() {
        Check.rejects(() -> B.max(B.zeros(DType.FLOAT32, 2, 0), 1, false), "max", "[2, 0]");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void scatterIsTheAdjointOfGatherAtArgmax(DType dt) {
        Tensor src = Check.tensor(dt, new double[]{10, 20, 30, 40}, 2, 1, 2);
        Tensor idx = Check.tensor(dt, new double[]{2, 0, 1, 2}, 2, 1, 2);
        Check.exact(B.scatter(src, idx, 1, 3), new double[]{0, 20, 0, 0, 10, 0, 0, 0, 30, 0, 0, 40}, 2, 3, 2);
        // round trip with max: scatter(values, argmax) puts each maximum back at its place
        double[] x = Check.random(dt, 5, 60);
        Tensor xt = Check.tensor(dt, x, 3, 4, 5);
        ArgMax m = B.max(xt, -2, true);
        double[] s = B.scatter(m.values(), m.indices(), -2, 4).toDoubleArray();
        double[] idxs = m.indices().toDoubleArray(), vals = m.values().toDoubleArray();
        double[] e = new double[60];
        for (int o = 0; o < 3; o++)
            for (int j = 0; j < 5; j++) e[(o * 4 + (int) idxs[o * 5 + j]) * 5 + j] = vals[o * 5 + j];
        assertArrayEquals(e, s, 0.0);
    }

    @Test
    void scatterRejectsBadInput() {
        Tensor src = B.zeros(DType.FLOAT32, 2, 1);
        Check.rejects(() -> B.scatter(src, B.fromArray(new float[]{0, 3}, 2, 1), 1, 3), "scatter", "index 3", "[0, 3)");
        Check.rejects(() -> B.scatter(src, B.fromArray(new float[]{0, 0.5f}, 2, 1), 1, 3), "scatter", "0.5");
        Check.rejects(() -> B.scatter(src, B.zeros(DType.FLOAT32, 1, 2), 1, 3), "scatter", "[2, 1]", "[1, 2]");
        Check.rejects(() -> B.scatter(B.zeros(DType.FLOAT32, 2, 2), B.zeros(DType.FLOAT32, 2, 2), 1, 3), "scatter", "size 1");
    }
}
