package io.cnn4j.backend.nd4j;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.AdamUpdate;
import io.cnn4j.tensor.CompositeConvolutions;
import io.cnn4j.tensor.CompositeOptimizers;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.ConvGradients;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Tensor SPI on ND4J {@link INDArray}s (nd4j-native on the CPU). Every primitive is an ND4J array operation:
 * strided BLAS GEMM for matmul ({@link Matmul}), strided copies for unfold/fold ({@link Windows}), transform and
 * broadcastable pairwise ops ({@link Elementwise}), reductions ({@link Reductions}).
 *
 * <p>The fused operations are overridden for FLOAT32: convolutions run per-image columns + OpenBLAS
 * ({@link GemmConvolutions}), one GEMM over the batch ({@link BatchedGemmConvolutions}) or libnd4j's own convolution
 * ops, oneDNN kernels with the default natives ({@link Libnd4jConvolutions}), whichever
 * {@link ConvolutionChooser} measures fastest for each shape; Adam runs in one pass ({@link FusedAdam}). FLOAT64 uses the composite definitions.
 *
 * <p>Memory: results live off-heap in ND4J buffers, released when their tensors are garbage collected, when
 * {@link Tensor#close()} is called, or when the {@link #scope()} they were created in closes.
 */
public final class Nd4jBackend implements Backend {

    private final ConvolutionChooser convolutions;

    /** The backend with the convolution policy of the system property {@value ConvolutionChooser#PROPERTY} (default auto). */
    public Nd4jBackend() { this(ConvolutionChooser.Policy.fromSystemProperty()); }

    Nd4jBackend(ConvolutionChooser.Policy convolutionPolicy) {
        Nd4jRuntime.init();
        this.convolutions = new ConvolutionChooser(convolutionPolicy);
    }

    /**
     * The convolution implementation chosen per shape so far (one line each: the candidates' times and the winner);
     * see {@link ConvolutionChooser}.
     */
    public List<String> convolutionChoices() { return convolutions.decisions(); }

    @Override public String name() { return "nd4j"; }

    // ------------------------------------------------------------------ wrapping

    Tensor wrap(INDArray a) { return wrap(a, true); }

    private Tensor wrap(INDArray a, boolean ownsStorage) {
        return new Nd4jTensor(this, a, ownsStorage);
    }

    private INDArray arr(String op, Tensor t) {
        if (!(t instanceof Nd4jTensor) || t.backend() != this)
            throw new IllegalArgumentException(op + ": tensor belongs to backend '" + t.backend().name() + "', not 'nd4j'; move it with backend.fromArray(t.toDoubleArray(), ...) first");
        return ((Nd4jTensor) t).array();
    }

    private void compatible(String op, Tensor... ts) { Shapes.requireCompatible(op, this, ts); }

    // ------------------------------------------------------------------ creation and host transfer

    @Override
    public Tensor zeros(DType dtype, int... shape) {
        Shapes.numel(shape);
        return wrap(Nd4j.create(Nd4jTypes.nd4j(dtype), Nd4jTypes.longs(shape), 'c'));
    }

    @Override
    public Tensor fromArray(float[] data, int... shape) {
        checkLength("fromArray", data.length, shape);
        INDArray a = Nd4j.create(DataType.FLOAT, Nd4jTypes.longs(shape), 'c');
        if (data.length > 0) a.data().setData(data);
        return wrap(a);
    }

    @Override
    public Tensor fromArray(double[] data, int... shape) {
        checkLength("fromArray", data.length, shape);
        INDArray a = Nd4j.create(DataType.DOUBLE, Nd4jTypes.longs(shape), 'c');
        if (data.length > 0) a.data().setData(data);
        return wrap(a);
    }

    private static void checkLength(String op, int length, int[] shape) {
        long n = Shapes.numel(shape);
        if (n != length)
            throw new IllegalArgumentException(op + ": data has " + length + " elements but shape " + Shapes.str(shape) + " needs " + n);
    }

    @Override
    public float[] toFloatArray(Tensor t) {
        INDArray a = rowMajor(arr("toFloatArray", t));
        return a.length() == 0 ? new float[0] : a.data().asFloat();
    }

    @Override
    public double[] toDoubleArray(Tensor t) {
        INDArray a = rowMajor(arr("toDoubleArray", t));
        return a.length() == 0 ? new double[0] : a.data().asDouble();
    }

    /** {@code a} itself when it is a dense c-order array at offset 0 covering its whole buffer, else a c-order copy. */
    private static INDArray rowMajor(INDArray a) {
        if (a.length() == 0) return a;
        boolean plain = a.offset() == 0 && a.data().length() == a.length() && (a.rank() == 0 || Layouts.isDenseC(a.shape(), a.stride()));
        return plain ? a : a.dup('c');
    }

    // ------------------------------------------------------------------ shape

    @Override
    public Tensor reshape(Tensor x, int... shape) {
        INDArray a = arr("reshape", x);
        int[] to = Shapes.resolveReshape(((Nd4jTensor) x).shapeRef(), shape);
        if (a.length() == 0) return wrap(Nd4j.create(a.dataType(), Nd4jTypes.longs(to), 'c'));
        INDArray r = a.reshape('c', Nd4jTypes.longs(to));
        boolean shares = r.data().address() == a.data().address();
        return wrap(r, !shares);
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        INDArray a = arr("permute", x);
        int r = a.rank();
        int[] perm = Shapes.permutation(x.shape(), axes);
        if (a.length() == 0 || r == 0) {
            int[] s = Shapes.permuted(((Nd4jTensor) x).shapeRef(), perm);
            return wrap(Nd4j.create(a.dataType(), Nd4jTypes.longs(s), 'c'));
        }
        return wrap(a.permute(perm).dup('c'));
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        INDArray a = arr("cast", x);
        DataType target = Nd4jTypes.nd4j(dtype);
        if (a.length() == 0) return wrap(Nd4j.create(target, a.shape(), 'c'));
        INDArray r = Layouts.allocLike(a, target);
        r.assign(a);
        return wrap(r);
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        INDArray a = arr("slice", x);
        int ax = Shapes.sliceAxis(x.shape(), axis, start, length);
        long[] shape = a.shape().clone();
        shape[ax] = length;
        if (length == 0 || a.length() == 0) return wrap(Nd4j.create(a.dataType(), shape, 'c'));
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int i = 0; i < idx.length; i++) idx[i] = i == ax ? NDArrayIndex.interval(start, start + length) : NDArrayIndex.all();
        INDArray r = a.get(idx);
        // ND4J's get() on some strided views drops size-1 axes; take it from a row-major copy then
        if (!Arrays.equals(r.shape(), shape)) r = a.dup('c').get(idx);
        return wrap(r.dup('c').reshape('c', shape));
    }

    @Override
    public Tensor concat(int axis, Tensor... xs) {
        long[] outShape = Nd4jTypes.longs(Shapes.concatenated(axis, xs));
        compatible("concat", xs);
        int rank = xs[0].rank();
        int ax = Shapes.normalizeAxis(axis, rank, "concat");
        INDArray out = Nd4j.createUninitialized(arr("concat", xs[0]).dataType(), outShape, 'c');
        long pos = 0;
        for (Tensor t : xs) {
            int len = t.dim(ax);
            if (len == 0) continue;
            INDArrayIndex[] idx = new INDArrayIndex[rank];
            for (int i = 0; i < rank; i++) idx[i] = i == ax ? NDArrayIndex.interval(pos, pos + len) : NDArrayIndex.all();
            out.get(idx).assign(arr("concat", t));
            pos += len;
        }
        return wrap(out);
    }

    // ------------------------------------------------------------------ linear algebra and windows

    @Override
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        compatible("matmul", a, b);
        return wrap(Matmul.matmul(arr("matmul", a), transposeA, arr("matmul", b), transposeB));
    }

    @Override
    public Tensor unfold(Tensor x, ConvGeometry g, double padValue) {
        Shapes.requireRank("unfold", x, 4, "[N,C,H,W]");
        INDArray xa = arr("unfold", x);
        return wrap(Windows.unfold(xa, g, padValue));
    }

    @Override
    public Tensor fold(Tensor cols, ConvGeometry g, int height, int width) {
        Shapes.requireRank("fold", cols, 3, "[N, C·kh·kw, L]");
        return wrap(Windows.fold(arr("fold", cols), g, height, width));
    }

    // ------------------------------------------------------------------ fused convolutions

    /**
     * FLOAT32 on host memory runs whichever implementation {@link ConvolutionChooser} measured fastest for the shape;
     * FLOAT64 (and a device ND4J) the composite definitions.
     */
    private static boolean fusedFast(Tensor t) { return t.dtype() == DType.FLOAT32 && Gemm.HOST_BLAS; }

    @Override
    public Tensor conv2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g) {
        CompositeConvolutions.checkConv2d("conv2d", this, input, weight, bias, g);
        if (!fusedFast(input)) return CompositeConvolutions.conv2d(this, input, weight, bias, g);
        INDArray x = arr("conv2d", input), w = arr("conv2d", weight), b = bias == null ? null : arr("conv2d", bias);
        Map<ConvolutionChooser.Implementation, Supplier<INDArray>> c = new EnumMap<>(ConvolutionChooser.Implementation.class);
        c.put(ConvolutionChooser.Implementation.GEMM, () -> GemmConvolutions.conv2d(x, w, b, g));
        if (batchFits(input, w.size(1) * g.kernelSize(), (long) g.outH(input.dim(2)) * g.outW(input.dim(3))))
            c.put(ConvolutionChooser.Implementation.BATCHED_GEMM, () -> BatchedGemmConvolutions.conv2d(x, w, b, g));
        if (Libnd4jConvolutions.supports(g))
            c.put(ConvolutionChooser.Implementation.LIBND4J, () -> Libnd4jConvolutions.conv2d(x, w, b, g));
        return wrap(convolutions.run("conv2d" + (b == null ? "" : "+bias"), g, new long[][]{x.shape(), w.shape()}, c));
    }

    @Override
    public ConvGradients conv2dBackward(Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g, boolean biasGrad) {
        if (!fusedFast(input)) return CompositeConvolutions.conv2dBackward(this, gradOutput, input, weight, g, biasGrad);
        CompositeConvolutions.checkConv2dBackward("conv2dBackward", this, gradOutput, input, weight, g);
        INDArray dY = arr("conv2dBackward", gradOutput), x = arr("conv2dBackward", input), w = arr("conv2dBackward", weight);
        Map<ConvolutionChooser.Implementation, Supplier<INDArray[]>> c = new EnumMap<>(ConvolutionChooser.Implementation.class);
        c.put(ConvolutionChooser.Implementation.GEMM, () -> GemmConvolutions.conv2dBackward(dY, x, w, g, biasGrad));
        if (batchFits(input, w.size(1) * g.kernelSize(), (long) gradOutput.dim(2) * gradOutput.dim(3)))
            c.put(ConvolutionChooser.Implementation.BATCHED_GEMM, () -> BatchedGemmConvolutions.conv2dBackward(dY, x, w, g, biasGrad));
        if (Libnd4jConvolutions.supports(g))
            c.put(ConvolutionChooser.Implementation.LIBND4J, () -> Libnd4jConvolutions.conv2dBackward(dY, x, w, g, biasGrad));
        return gradients(convolutions.run("conv2dBackward" + (biasGrad ? "+bias" : ""), g, new long[][]{x.shape(), w.shape()}, c));
    }

    @Override
    public Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, ConvGeometry g, int outH, int outW) {
        CompositeConvolutions.checkConvTranspose2d("convTranspose2d", this, input, weight, bias, g, outH, outW);
        if (!fusedFast(input) || !gridIsInput(g, outH, outW, input))
            return CompositeConvolutions.convTranspose2d(this, input, weight, bias, g, outH, outW);
        INDArray x = arr("convTranspose2d", input), w = arr("convTranspose2d", weight), b = bias == null ? null : arr("convTranspose2d", bias);
        Map<ConvolutionChooser.Implementation, Supplier<INDArray>> c = new EnumMap<>(ConvolutionChooser.Implementation.class);
        c.put(ConvolutionChooser.Implementation.GEMM, () -> GemmConvolutions.convTranspose2d(x, w, b, g, outH, outW));
        if (batchFits(input, w.size(1) * g.kernelSize(), (long) input.dim(2) * input.dim(3)))
            c.put(ConvolutionChooser.Implementation.BATCHED_GEMM, () -> BatchedGemmConvolutions.convTranspose2d(x, w, b, g, outH, outW));
        if (Libnd4jConvolutions.supportsTransposed(g, outH, outW, input.dim(2), input.dim(3)))
            c.put(ConvolutionChooser.Implementation.LIBND4J, () -> Libnd4jConvolutions.convTranspose2d(x, w, b, g, outH, outW));
        return wrap(convolutions.run("convTranspose2d" + (b == null ? "" : "+bias"), g, new long[][]{x.shape(), w.shape(), {outH, outW}}, c));
    }

    @Override
    public ConvGradients convTranspose2dBackward(Tensor gradOutput, Tensor input, Tensor weight, ConvGeometry g, boolean biasGrad) {
        CompositeConvolutions.checkConvTranspose2dBackward("convTranspose2dBackward", this, gradOutput, input, weight, g);
        int outH = gradOutput.dim(2), outW = gradOutput.dim(3);
        if (!fusedFast(input) || !gridIsInput(g, outH, outW, input))
            return CompositeConvolutions.convTranspose2dBackward(this, gradOutput, input, weight, g, biasGrad);
        INDArray dY = arr("convTranspose2dBackward", gradOutput), x = arr("convTranspose2dBackward", input),
                w = arr("convTranspose2dBackward", weight);
        Map<ConvolutionChooser.Implementation, Supplier<INDArray[]>> c = new EnumMap<>(ConvolutionChooser.Implementation.class);
        c.put(ConvolutionChooser.Implementation.GEMM, () -> GemmConvolutions.convTranspose2dBackward(dY, x, w, g, biasGrad));
        if (batchFits(input, w.size(1) * g.kernelSize(), (long) input.dim(2) * input.dim(3)))
            c.put(ConvolutionChooser.Implementation.BATCHED_GEMM, () -> BatchedGemmConvolutions.convTranspose2dBackward(dY, x, w, g, biasGrad));
        if (Libnd4jConvolutions.supportsTransposed(g, outH, outW, input.dim(2), input.dim(3)))
            c.put(ConvolutionChooser.Implementation.LIBND4J, () -> Libnd4jConvolutions.convTranspose2dBackward(dY, x, w, g, biasGrad));
        return gradients(convolutions.run("convTranspose2dBackward" + (biasGrad ? "+bias" : ""), g,
                new long[][]{x.shape(), w.shape(), dY.shape()}, c));
    }

    /**
     * Whether the batch-wide buffers of {@link BatchedGemmConvolutions} (columns {@code [rows, N·positions]} and the
     * activations) stay within host-array limits.
     */
    private static boolean batchFits(Tensor input, long columnRows, long positions) {
        long n = input.dim(0);
        return columnRows * n * positions < Integer.MAX_VALUE && input.numel() < Integer.MAX_VALUE / 2;
    }

    /** Whether the convolution grid of the output size is the input itself (no output padding beyond the stride). */
    private static boolean gridIsInput(ConvGeometry g, int outH, int outW, Tensor input) {
        return g.outH(outH) == input.dim(2) && g.outW(outW) == input.dim(3);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, AdamUpdate update) {
        CompositeOptimizers.checkAdam(this, param, grad, expAvg, expAvgSq);
        INDArray p = arr("adamStep", param), g = arr("adamStep", grad), m = arr("adamStep", expAvg), v = arr("adamStep", expAvgSq);
        if (fusedFast(param) && Layouts.isPlainC(p) && Layouts.isPlainC(g) && Layouts.isPlainC(m) && Layouts.isPlainC(v))
            FusedAdam.step(p, g, m, v, update);
        else CompositeOptimizers.adamStep(this, param, grad, expAvg, expAvgSq, update);
    }

    private ConvGradients gradients(INDArray[] g) {
        return new ConvGradients(wrap(g[0]), wrap(g[1]), g[2] == null ? null : wrap(g[2]));
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        return wrap(Elementwise.unary(op, arr(op.name().toLowerCase(), x)));
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        compatible(op.name().toLowerCase(), a, b);
        return wrap(Elementwise.binary(op, arr(op.name().toLowerCase(), a), arr(op.name().toLowerCase(), b)));
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, double scalar) {
        return wrap(Elementwise.binary(op, arr(op.name().toLowerCase(), a), scalar));
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        return wrap(Reductions.sum(arr("sum", x), axes, keepDims));
    }

    @Override
    public ArgMax max(Tensor x, int axis, boolean keepDims) {
        INDArray[] r = Reductions.max(arr("max", x), axis, keepDims);
        return new ArgMax(wrap(r[0]), wrap(r[1]));
    }

    @Override
    public Tensor scatter(Tensor src, Tensor index, int axis, int size) {
        compatible("scatter", src, index);
        return wrap(Reductions.scatter(arr("scatter", src), arr("scatter", index), axis, size));
    }

    // ------------------------------------------------------------------ in place

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        compatible("axpy", x, y);
        Shapes.requireSameShape("axpy", x, y);
        INDArray xa = arr("axpy", x), ya = arr("axpy", y);
        if (ya.length() == 0) return;
        if (alpha == 1.0) ya.addi(xa);
        else Nd4j.exec(new Axpy(xa, ya, ya, alpha));
    }

    @Override
    public void fill(Tensor t, double value) {
        INDArray a = arr("fill", t);
        if (a.length() == 0) return;
        a.assign(value);
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        compatible("copy", src, dst);
        Shapes.requireSameShape("copy", src, dst);
        INDArray d = arr("copy", dst);
        if (d.length() == 0) return;
        INDArray s = arr("copy", src);
        d.assign(s);
    }

    // ------------------------------------------------------------------ memory

    /** A workspace-backed scope: the tensors this thread creates inside it are released at close, except kept ones. */
    @Override
    public MemoryScope scope() { return Nd4jMemoryScope.open(); }
}
