package io.cnn4j.backend.reference;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.cnn4j.backend.reference.Check.B;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** reshape, permute, cast, slice, concat, creation and host transfer, in-place ops. */
class LayoutTest {

    @Test
    void handCheckedPermuteSliceConcat() {
        Tensor x = B.fromArray(new float[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Check.exact(B.permute(x, 1, 0), new double[]{1, 4, 2, 5, 3, 6}, 3, 2);
        Check.exact(B.slice(x, 1, 1, 2), new double[]{2, 3, 5, 6}, 2, 2);
        Check.exact(B.slice(x, 0, 1, 1), new double[]{4, 5, 6}, 1, 3);
        Check.exact(B.concat(1, x, B.slice(x, 1, 0, 1)), new double[]{1, 2, 3, 1, 4, 5, 6, 4}, 2, 4);
        Check.exact(B.concat(0, x, x), new double[]{1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6}, 4, 3);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void permuteMatchesNaive(DType dt) {
        int[] shape = {2, 3, 4, 5};
        double[] x = Check.random(dt, 1, 120);
        int[][] perms = {{0, 1, 2, 3}, {3, 2, 1, 0}, {0, 2, 3, 1}, {1, 0, 3, 2}, {2, 0, 1, 3}};
        int[] st = Shapes.strides(shape);
        for (int[] p : perms) {
            int[] os = new int[4];
            for (int i = 0; i < 4; i++) os[i] = shape[p[i]];
            double[] e = new double[120];
            int f = 0;
            for (int a = 0; a < os[0]; a++) for (int b = 0; b < os[1]; b++) for (int c = 0; c < os[2]; c++) for (int d = 0; d < os[3]; d++) {
                int[] o = {a, b, c, d};
                int src = 0;
                for (int i = 0; i < 4; i++) src += o[i] * st[p[i]];
                e[f++] = x[src];
            }
            Check.exact(B.permute(Check.tensor(dt, x, shape), p), e, os);
        }
        Check.rejects(() -> B.permute(Check.tensor(dt, x, shape), 0, 1, 1, 2), "permute", "[0, 1, 1, 2]", "[2, 3, 4, 5]");
        Check.rejects(() -> B.permute(Check.tensor(dt, x, shape), 0, 1), "permute", "[2, 3, 4, 5]");
    }

    @Test
    void reshapeSharesStorageAndInfers() {
        Tensor x = B.fromArray(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor y = B.reshape(x, -1, 2);
        assertArrayEquals(new int[]{3, 2}, y.shape());
        B.fill(y, 7);
        Check.exact(x, new double[]{7, 7, 7, 7, 7, 7}, 2, 3);
        Check.rejects(() -> B.reshape(x, 4, 2), "reshape", "[2, 3]", "[4, 2]");
    }

    @Test
    void castRoundsAndWidens() {
        Tensor d = B.fromArray(new double[]{0.1, 1e300}, 2);
        Tensor f = B.cast(d, DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[]{0.1f, Float.POSITIVE_INFINITY}, f.toFloatArray());
        Tensor back = B.cast(f, DType.FLOAT64);
        assertEquals((double) 0.1f, back.toDoubleArray()[0]);
        Tensor copy = B.cast(back, DType.FLOAT64);
        B.fill(copy, 0);
        assertEquals((double) 0.1f, back.toDoubleArray()[0], "cast to the same dtype is a copy");
    }

    @Test
    void sliceAndConcatRejectBadInput() {
        Tensor x = B.zeros(DType.FLOAT32, 2, 3);
        Check.rejects(() -> B.slice(x, 1, 2, 2), "slice", "[2, 3]", "start=2");
        Check.rejects(() -> B.concat(0, x, B.zeros(DType.FLOAT32, 2, 4)), "concat", "[2, 3]", "[2, 4]");
        Check.rejects(() -> B.concat(0, x, B.zeros(DType.FLOAT64, 2, 3)), "concat", "dtypes differ");
        Check.rejects(() -> B.concat(0), "concat");
    }

    @Test
    void creationAndHostTransfer() {
        float[] data = {1.5f, -2};
        Tensor t = B.fromArray(data, 2, 1);
        data[0] = 99;
        assertArrayEquals(new float[]{1.5f, -2}, t.toFloatArray(), "fromArray copies");
        assertArrayEquals(new double[]{1.5, -2}, t.toDoubleArray());
        Check.exact(B.zeros(DType.FLOAT64, 2, 0, 3), new double[0], 2, 0, 3);
        Check.exact(B.zeros(DType.FLOAT32), new double[]{0});
        Check.rejects(() -> B.fromArray(new float[3], 2, 2), "fromArray", "[2, 2]");
        Check.rejects(() -> B.zeros(DType.FLOAT32, 2, -1), "zeros", "[2, -1]");
        Check.rejects(() -> B.fromArray(new double[2], -1, -2), "fromArray", "[-1, -2]");
        Tensor u = B.uniform(DType.FLOAT32, 42, -1, 1, 1000);
        Tensor u2 = B.uniform(DType.FLOAT32, 42, -1, 1, 1000);
        assertArrayEquals(u.toFloatArray(), u2.toFloatArray(), "same seed, same stream");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void inPlaceOps(DType dt) {
        Tensor y = Check.tensor(dt, new double[]{1, 2, 3}, 3);
        B.axpy(-2, Check.tensor(dt, new double[]{0.5, 1, 1.5}, 3), y);
        Check.exact(y, new double[]{0, 0, 0}, 3);
        B.copy(Check.tensor(dt, new double[]{4, 5, 6}, 3), y);
        Check.exact(y, new double[]{4, 5, 6}, 3);
        B.fill(y, 0.25);
        Check.exact(y, new double[]{0.25, 0.25, 0.25}, 3);
        Check.rejects(() -> B.axpy(1, Check.tensor(dt, new double[2], 2), y), "axpy", "[2]", "[3]");
        Check.rejects(() -> B.copy(Check.tensor(dt, new double[2], 2), y), "copy", "[2]", "[3]");
    }

    @Test
    void largeAxpyIsParallelAndCorrect() {
        int n = 1 << 18;
        double[] x = Check.random(DType.FLOAT64, 3, n), y = Check.random(DType.FLOAT64, 4, n);
        Tensor yt = B.fromArray(y, n);
        B.axpy(0.5, B.fromArray(x, n), yt);
        double[] e = new double[n];
        for (int i = 0; i < n; i++) e[i] = y[i] + 0.5 * x[i];
        Check.exact(yt, e, n);
    }
}
