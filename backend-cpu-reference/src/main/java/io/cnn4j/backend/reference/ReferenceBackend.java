package io.cnn4j.backend.reference;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;

/**
 * The pure-Java backend and the executable specification of the {@link Backend} SPI: every other backend is
 * compared with it. Tensors are {@link RefTensor}s (dense row-major Java arrays). Each primitive lives in its
 * own class ({@link Matmul}, {@link Unfold}, {@link Fold}, {@link Elementwise}, {@link Broadcast},
 * {@link Sum}, {@link MaxReduction}, {@link Scatter}, {@link Layout}, {@link InPlace}); this class checks that
 * arguments belong to this backend and share a dtype, then dispatches.
 *
 * <p>Thread safety: the backend holds no mutable state, so one instance may be used by several threads on
 * different tensors. Heavy primitives split their work over the common {@link java.util.concurrent.ForkJoinPool}.
 */
public final class ReferenceBackend implements Backend {

    /** Registry name. */
    public static final String NAME = "reference";

    @Override
    public String name() { return NAME; }

    // ------------------------------------------------------------------ creation and host transfer

    @Override
    public Tensor zeros(DType dtype, int... shape) {
        if (dtype == null) throw new IllegalArgumentException("zeros: dtype is null; pass DType.FLOAT32 or DType.FLOAT64");
        for (int d : shape)
            if (d < 0) throw new IllegalArgumentException("zeros: negative dimension in shape " + Shapes.str(shape));
        return RefTensor.zeros(this, dtype, shape);
    }

    @Override
    public Tensor fromArray(float[] data, int... shape) {
        return RefTensor.ofFloats(this, data.clone(), shape);
    }

    @Override
    public Tensor fromArray(double[] data, int... shape) {
        return RefTensor.ofDoubles(this, data.clone(), shape);
    }

    @Override
    public float[] toFloatArray(Tensor t) {
        RefTensor r = own("toFloatArray", t);
        if (r.isFloat()) return r.f.clone();
        float[] out = new float[r.d.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) r.d[i];
        return out;
    }

    @Override
    public double[] toDoubleArray(Tensor t) {
        RefTensor r = own("toDoubleArray", t);
        if (!r.isFloat()) return r.d.clone();
        double[] out = new double[r.f.length];
        for (int i = 0; i < out.length; i++) out[i] = r.f[i];
        return out;
    }

    // ------------------------------------------------------------------ shape

    @Override
    public Tensor reshape(Tensor x, int... shape) {
        RefTensor r = own("reshape", x);
        return r.withShape(Shapes.resolveReshape(r.shapeRef(), shape));
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        return Layout.permute(own("permute", x), axes);
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        return Layout.cast(own("cast", x), dtype);
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        return Layout.slice(own("slice", x), axis, start, length);
    }

    @Override
    public Tensor concat(int axis, Tensor... xs) {
        Shapes.concatenated(axis, xs); // validates the list and the shapes before the element checks below
        Shapes.requireCompatible("concat", this, xs);
        RefTensor[] rs = new RefTensor[xs.length];
        for (int i = 0; i < xs.length; i++) rs[i] = (RefTensor) xs[i];
        return Layout.concat(axis, rs);
    }

    // ------------------------------------------------------------------ linear algebra

    @Override
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        Shapes.requireCompatible("matmul", this, a, b);
        return Matmul.matmul((RefTensor) a, transposeA, (RefTensor) b, transposeB);
    }

    // ------------------------------------------------------------------ sliding windows

    @Override
    public Tensor unfold(Tensor x, ConvGeometry g, double padValue) {
        return Unfold.unfold(own("unfold", x), g, padValue);
    }

    @Override
    public Tensor fold(Tensor cols, ConvGeometry g, int height, int width) {
        return Fold.fold(own("fold", cols), g, height, width);
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return Elementwise.unary(op, own("unary " + op, x));
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Shapes.requireCompatible("binary " + op, this, a, b);
        return Broadcast.binary(op, (RefTensor) a, (RefTensor) b);
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, double scalar) {
        return Elementwise.scalar(op, own("binary " + op, a), scalar);
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return Sum.sum(own("sum", x), axes, keepDims);
    }

    @Override
    public ArgMax max(Tensor x, int axis, boolean keepDims) {
        return MaxReduction.max(own("max", x), axis, keepDims);
    }

    @Override
    public Tensor scatter(Tensor src, Tensor index, int axis, int size) {
        Shapes.requireCompatible("scatter", this, src, index);
        return Scatter.scatter((RefTensor) src, (RefTensor) index, axis, size);
    }

    // ------------------------------------------------------------------ in place

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        Shapes.requireCompatible("axpy", this, x, y);
        Shapes.requireSameShape("axpy", x, y);
        InPlace.axpy(alpha, (RefTensor) x, (RefTensor) y);
    }

    @Override
    public void fill(Tensor t, double value) {
        InPlace.fill(own("fill", t), value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        Shapes.requireCompatible("copy", this, src, dst);
        Shapes.requireSameShape("copy", src, dst);
        InPlace.copy((RefTensor) src, (RefTensor) dst);
    }

    // ------------------------------------------------------------------ helpers

    /** Checks that {@code t} is a tensor of this backend and returns it as a {@link RefTensor}. */
    private RefTensor own(String op, Tensor t) {
        if (t == null) throw new IllegalArgumentException(op + ": tensor is null");
        Shapes.requireCompatible(op, this, t);
        return (RefTensor) t;
    }

    @Override
    public String toString() {
        return "ReferenceBackend(" + NAME + ")";
    }
}
