package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

import java.util.Arrays;

/**
 * Sum over axes, max with argmax over one axis, and the scatter that routes max-pool gradients, on ND4J reductions.
 *
 * <p>Tie-breaking and NaN: libnd4j's {@code argmax} returns the first index of the maximum (as the SPI requires) but
 * skips NaN, while the SPI (like PyTorch) treats NaN as the maximum. When the input holds a NaN, NaNs are replaced by
 * +∞ and +∞ by the largest finite value in a copy, the argmax is taken there, and the values are gathered from the
 * original; this finds the first NaN (and the first +∞ when there is none).
 */
final class Reductions {
    private Reductions() {}

    static INDArray sum(INDArray x, int[] axes, boolean keepDims) {
        int rank = x.rank();
        int[] norm = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.normalizeAxis(axes[i], rank, "sum");
            if (seen[a]) throw new IllegalArgumentException("sum: axis " + axes[i] + " listed twice in " + Arrays.toString(axes));
            seen[a] = true;
            norm[i] = a;
        }
        if (norm.length == 0) return x.dup('c');
        long[] outShape = reducedShape(x.shape(), seen, keepDims);
        if (x.length() == 0) return Nd4j.create(x.dataType(), outShape, 'c');
        if (Gemm.HOST_BLAS) {
            // FLOAT32 sums accumulate in double (as the reference backend does) and round once: bias and BatchNorm
            // gradients are sums with cancellation, where float accumulation drifts past the SPI's 1e-5.
            if (x.dataType() == DataType.FLOAT)
                return sumByGemm(Layouts.plainC(x).castTo(DataType.DOUBLE), seen).castTo(DataType.FLOAT).reshape('c', outShape);
            return sumByGemm(Layouts.plainC(x), seen).reshape('c', outShape);
        }
        Arrays.sort(norm);
        INDArray r = x.sum(keepDims, norm);
        return Arrays.equals(r.shape(), outShape) ? r : r.reshape('c', outShape);
    }

    /**
     * Sum over the flagged axes of a plain row-major array as GEMMs with a ones vector, one run of adjacent reduced
     * axes at a time (innermost first): a run with nothing after it is {@code [P,A]·1}, one with nothing before it
     * {@code 1ᵀ·[A,Q]}; a run in the middle uses libnd4j's reduction. libnd4j's own sum over leading axes is
     * 10-50× slower (measured), and these sums (bias and weight gradients) run every training step.
     */
    private static INDArray sumByGemm(INDArray x, boolean[] reduced) {
        java.util.List<long[]> groups = new java.util.ArrayList<>(); // {size, reducedFlag}
        long[] shape = x.shape();
        for (int i = 0; i < shape.length; i++) {
            long flag = reduced[i] ? 1 : 0;
            if (!groups.isEmpty() && groups.get(groups.size() - 1)[1] == flag) groups.get(groups.size() - 1)[0] *= shape[i];
            else groups.add(new long[]{shape[i], flag});
        }
        INDArray cur = x;
        while (true) {
            int g = -1;
            for (int i = groups.size() - 1; i >= 0; i--) if (groups.get(i)[1] == 1) { g = i; break; }
            if (g < 0) return cur;
            long p = 1, q = 1, a = groups.get(g)[0];
            for (int i = 0; i < g; i++) p *= groups.get(i)[0];
            for (int i = g + 1; i < groups.size(); i++) q *= groups.get(i)[0];
            INDArray next = Nd4j.createUninitialized(cur.dataType(), new long[]{p, q}, 'c');
            if (a == 0) next.assign(0);
            else if (q == 1) Gemm.gemm(Gemm.Operand.of(cur, 0, (int) p, (int) a, a, 1), Gemm.Operand.of(Ones.of(cur.dataType(), a), 0, (int) a, 1, 1, 1), next, 0, 1);
            else if (p == 1) Gemm.gemm(Gemm.Operand.of(Ones.of(cur.dataType(), a), 0, 1, (int) a, a, 1), Gemm.Operand.of(cur, 0, (int) a, (int) q, q, 1), next, 0, (int) q);
            else next = cur.reshape('c', new long[]{p, a, q}).sum(1).reshape('c', new long[]{p, q});
            cur = next;
            groups.remove(g);
            // merge the now-adjacent kept groups
            if (g > 0 && g < groups.size() && groups.get(g - 1)[1] == groups.get(g)[1]) {
                groups.get(g - 1)[0] *= groups.get(g)[0];
                groups.remove(g);
            }
        }
    }

    /** [values, indices] of the max along {@code axis}; indices in x's dtype. */
    static INDArray[] max(INDArray x, int axis, boolean keepDims) {
        int rank = x.rank();
        int a = Shapes.normalizeAxis(axis, rank, "max");
        if (x.size(a) < 1) throw new IllegalArgumentException("max: axis " + axis + " of shape " + Shapes.str(Matmul.ints(x.shape())) + " is empty");
        boolean[] red = new boolean[rank];
        red[a] = true;
        long[] outShape = reducedShape(x.shape(), red, keepDims);
        long[] keptShape = reducedShape(x.shape(), red, true);
        if (x.length() == 0) return new INDArray[]{Nd4j.create(x.dataType(), outShape, 'c'), Nd4j.create(x.dataType(), outShape, 'c')};
        INDArray search = x;
        boolean hasNaN = Elementwise.countNaN(x) > 0;
        double big = x.dataType() == DataType.DOUBLE ? Double.MAX_VALUE : Float.MAX_VALUE;
        boolean hasInf = false;
        if (hasNaN) {
            search = x.dup('c');
            hasInf = Nd4j.getExecutioner().exec(new MatchCondition(search, Conditions.greaterThan(big))).getLong(0) > 0;
            BooleanIndexing.replaceWhere(search, big, Conditions.greaterThan(big));
            BooleanIndexing.replaceWhere(search, Double.POSITIVE_INFINITY, Conditions.isNan());
        }
        INDArray idx = Nd4j.argMax(search, a).castTo(x.dataType()).reshape('c', keptShape);
        INDArray values = search.max(true, a);
        if (hasNaN) {
            BooleanIndexing.replaceWhere(values, Double.NaN, Conditions.greaterThan(big));
            if (hasInf) BooleanIndexing.replaceWhere(values, Double.POSITIVE_INFINITY, Conditions.greaterThanOrEqual(big));
        }
        if (!keepDims) {
            values = values.reshape('c', outShape);
            idx = idx.reshape('c', outShape);
        }
        return new INDArray[]{values, idx};
    }

    /** out[..., i, ...] = sum over the one-hot positions: src where index == i, else 0 (exact: one hit per slot). */
    static INDArray scatter(INDArray src, INDArray index, int axis, int size) {
        int rank = src.rank();
        int a = Shapes.normalizeAxis(axis, rank, "scatter");
        if (!Arrays.equals(src.shape(), index.shape()))
            throw new IllegalArgumentException("scatter: src shape " + Shapes.str(Matmul.ints(src.shape())) + " and index shape "
                    + Shapes.str(Matmul.ints(index.shape())) + " differ");
        if (src.size(a) != 1)
            throw new IllegalArgumentException("scatter: src must have size 1 along axis " + axis + ", got shape " + Shapes.str(Matmul.ints(src.shape()))
                    + "; pass max(..., keepDims=true) results");
        if (size < 0) throw new IllegalArgumentException("scatter: size must be >= 0, got " + size);
        long[] outShape = src.shape().clone();
        outShape[a] = size;
        if (src.length() == 0 || size == 0) return Nd4j.create(src.dataType(), outShape, 'c');
        double lo = index.minNumber().doubleValue(), hi = index.maxNumber().doubleValue();
        if (!(lo >= 0 && hi < size) || Elementwise.countNaN(index) > 0)
            throw new IllegalArgumentException("scatter: indices must lie in [0, " + size + "), got range [" + lo + ", " + hi + "]");
        long[] iotaShape = new long[rank];
        Arrays.fill(iotaShape, 1);
        iotaShape[a] = size;
        INDArray iota = Nd4j.arange(0, size).castTo(src.dataType()).reshape('c', iotaShape);
        INDArray mask = Nd4j.createUninitialized(DataType.BOOL, outShape, 'c');
        Nd4j.exec(new EqualTo(iota, index, mask));
        INDArray out = Nd4j.createUninitialized(src.dataType(), outShape, 'c');
        out.assign(mask);
        Nd4j.exec(new MulOp(out, src, out));
        return out;
    }

    private static long[] reducedShape(long[] shape, boolean[] reduced, boolean keepDims) {
        int kept = 0;
        for (int i = 0; i < shape.length; i++) if (!reduced[i] || keepDims) kept++;
        long[] r = new long[kept];
        int j = 0;
        for (int i = 0; i < shape.length; i++) {
            if (reduced[i]) { if (keepDims) r[j++] = 1; } else r[j++] = shape[i];
        }
        return r;
    }
}
