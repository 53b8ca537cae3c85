package io.cnn4j.backend.nd4j;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers: the same data on the nd4j and reference backends, layout variants, and normwise comparison. */
final class Nd4jVsReference {
    private Nd4jVsReference() {}

    static final Nd4jBackend ND4J = new Nd4jBackend();
    static final ReferenceBackend REF = new ReferenceBackend();

    static double tol(DType d) { return d == DType.FLOAT32 ? 1e-5 : 1e-12; }

    /** Random values in [-1, 1) as a host array. */
    static double[] random(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] d = new double[(int) Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() * 2 - 1;
        return d;
    }

    /**
     * The same logical tensor on nd4j in a layout chosen by {@code variant}: 0 row-major, 1 stored with axes
     * reversed (a permuted view of a fresh buffer), 2 a strided sub-view (every other element of a larger buffer).
     */
    static Tensor nd4j(double[] data, DType dtype, int variant, int... shape) {
        Tensor dense = ND4J.fromHost(data, dtype, shape);
        INDArray a = ((Nd4jTensor) dense).array();
        if (variant == 1 && shape.length >= 2) {
            int r = shape.length;
            int[] rev = new int[r];
            for (int i = 0; i < r; i++) rev[i] = r - 1 - i;
            INDArray buf = a.permute(rev).dup('c'); // physical order reversed
            return ND4J.wrap(buf.permute(rev));
        }
        if (variant == 2 && shape.length >= 1) {
            long[] big = Nd4jTypes.longs(shape);
            big[shape.length - 1] *= 2;
            INDArray buf = Nd4j.zeros(a.dataType(), big);
            INDArray view = buf.get(stridedLast(shape.length, shape[shape.length - 1]));
            view.assign(a);
            return ND4J.wrap(view);
        }
        return dense;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] stridedLast(int rank, int n) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        for (int i = 0; i < rank - 1; i++) idx[i] = org.nd4j.linalg.indexing.NDArrayIndex.all();
        idx[rank - 1] = org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2, 2L * n);
        return idx;
    }

    static Tensor ref(double[] data, DType dtype, int... shape) { return REF.fromHost(data, dtype, shape); }

    /** Asserts same shape and ‖a−b‖/‖b‖ ≤ tolerance (absolute when ‖b‖ = 0); NaN/∞ must match position-wise. */
    static void assertClose(String what, Tensor actual, Tensor expected, DType dtype) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double[] a = actual.toDoubleArray(), b = expected.toDoubleArray();
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(b[i]) || Double.isInfinite(b[i])) {
                assertTrue(Double.compare(a[i], b[i]) == 0, what + ": element " + i + " expected " + b[i] + " got " + a[i]);
                continue;
            }
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        double err = den == 0 ? Math.sqrt(num) : Math.sqrt(num / den);
        assertTrue(err <= tol(dtype), what + ": normwise relative error " + err + " > " + tol(dtype));
    }
}
