package io.cnn4j.jcuda;

import io.cnn4j.tensor.ArgMax;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Shapes;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import jcuda.driver.CUdeviceptr;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The Tensor SPI on an NVIDIA GPU, through the JCuda driver API and this module's own kernels
 * ({@code src/main/cuda}, committed as PTX). FLOAT32 and FLOAT64; every tensor is contiguous row-major in
 * pooled device memory ({@link DevicePool}).
 *
 * <p><b>Determinism.</b> No kernel uses floating-point atomics: fold (col2im) gathers per output pixel, sums
 * reduce in a fixed tree order, matmul sums K in a fixed order. The same inputs give bit-identical results on
 * the same GPU and kernel build, run after run. Results are not bit-identical to the reference backend
 * (different summation order); they agree within the SPI's tolerances.
 *
 * <p><b>Memory.</b> Use {@link #scope()} around a training step, {@link Tensor#close()} for early release; the
 * Cleaner returns anything else when it becomes unreachable. Errors from CUDA are {@link CudaException}s naming
 * the kernel, the launch shape and the CUDA error.
 */
public final class JCudaBackend implements Backend {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Device cuda;
    private final DevicePool<CUdeviceptr> pool;
    private final ThreadLocal<ArrayDeque<CudaScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

    JCudaBackend(Device cuda) {
        this.cuda = cuda;
        this.pool = new DevicePool<>(cuda, JCudaBackend::collectGarbage);
    }

    /** Lets the Cleaner return unreachable tensors' blocks before the pool gives up on an allocation. */
    private static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public String name() { return "jcuda"; }

    /** The device (package-private: tests launch kernels directly). */
    Device device() { return cuda; }

    /** The device this backend runs on, e.g. "CUDA device 0: NVIDIA H100 ..., compute capability 9.0, ...". */
    public String deviceDescription() { return cuda.description(); }

    /** Bytes of device memory held by live tensors (pool blocks in use). */
    public long deviceBytesInUse() { return pool.bytesInUse(); }

    /** Bytes of freed blocks kept by the pool for reuse. */
    public long deviceBytesCached() { return pool.bytesCached(); }

    /** How many times the pool called cuMemAlloc (flat after warm-up in a steady training loop). */
    public long deviceAllocations() { return pool.rawAllocations(); }

    /** {free, total} device memory as reported by the driver. */
    public long[] deviceMemoryInfo() { return cuda.memoryInfo(); }

    /** Blocks until all queued kernels have finished (for timing); errors name the last launched kernel. */
    public void synchronize() { cuda.synchronize(); }

    /** Frees the pool's cached blocks back to the device. */
    public void trimPool() { pool.trim(); }

    @Override
    public MemoryScope scope() { return new CudaScope(scopes.get()); }

    // ------------------------------------------------------------------ allocation and checks

    private CudaTensor allocate(DType dtype, int[] shape, String op) {
        long n = Shapes.numel(shape);
        if (n > Integer.MAX_VALUE)
            throw new IllegalArgumentException(op + ": result shape " + Shapes.str(shape) + " has " + n + " elements; jcuda supports < 2^31 per tensor");
        long bytes = n * dtype.byteSize();
        DeviceStorage storage = n == 0 ? DeviceStorage.empty() : new DeviceStorage(pool, pool.acquire(bytes));
        return track(new CudaTensor(this, dtype, shape, storage, CLEANER));
    }

    private CudaTensor track(CudaTensor t) {
        CudaScope s = scopes.get().peek();
        if (s != null) s.register(t);
        return t;
    }

    private CudaTensor own(String op, Tensor t) {
        Shapes.requireCompatible(op, this, t);
        return (CudaTensor) t;
    }

    private void requireSameDType(String op, Tensor... ts) { Shapes.requireCompatible(op, this, ts); }

    private static String sfx(DType d) { return d == DType.FLOAT32 ? "_f32" : "_f64"; }

    private void launchLinear(String kernel, long n, KernelArgs args) {
        if (n == 0) return;
        cuda.launch(kernel, LaunchShape.linear(n), args);
    }

    // ------------------------------------------------------------------ creation and host transfer

    @Override
    public Tensor zeros(DType dtype, int... shape) {
        CudaTensor t = allocate(dtype, shape, "zeros");
        if (t.count() > 0) cuda.zero(t.pointer(), t.bytes()); // all-zero bits = +0.0 in IEEE float and double
        return t;
    }

    @Override
    public Tensor fromArray(float[] data, int... shape) {
        checkLength("fromArray", data.length, shape);
        CudaTensor t = allocate(DType.FLOAT32, shape, "fromArray");
        if (data.length > 0) cuda.copyToDevice(t.pointer(), data);
        return t;
    }

    @Override
    public Tensor fromArray(double[] data, int... shape) {
        checkLength("fromArray", data.length, shape);
        CudaTensor t = allocate(DType.FLOAT64, shape, "fromArray");
        if (data.length > 0) cuda.copyToDevice(t.pointer(), data);
        return t;
    }

    private static void checkLength(String op, int length, int[] shape) {
        if (Shapes.numel(shape) != length)
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + Shapes.str(shape) + " (" + Shapes.numel(shape) + " elements)");
    }

    @Override
    public float[] toFloatArray(Tensor t) {
        CudaTensor x = own("toFloatArray", t);
        if (x.dtype() == DType.FLOAT32) {
            float[] out = new float[x.count()];
            if (out.length > 0) cuda.copyToHost(out, x.pointer());
            return out;
        }
        double[] d = toDoubleArray(x);
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) out[i] = (float) d[i];
        return out;
    }

    @Override
    public double[] toDoubleArray(Tensor t) {
        CudaTensor x = own("toDoubleArray", t);
        if (x.dtype() == DType.FLOAT64) {
            double[] out = new double[x.count()];
            if (out.length > 0) cuda.copyToHost(out, x.pointer());
            return out;
        }
        float[] f = toFloatArray(x);
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    // ------------------------------------------------------------------ shape

    @Override
    public Tensor reshape(Tensor x, int... shape) {
        CudaTensor t = own("reshape", x);
        int[] to = Shapes.resolveReshape(t.shapeRef(), shape);
        t.pointer(); // fails fast on a closed tensor
        t.storage().retain();
        return track(new CudaTensor(this, t.dtype(), to, t.storage(), CLEANER));
    }

    @Override
    public Tensor permute(Tensor x, int... axes) {
        CudaTensor t = own("permute", x);
        int[] s = t.shapeRef();
        int[] norm = Shapes.permutation(s, axes);
        StridedLayout layout = StridedLayout.permute(s, norm);
        CudaTensor out = allocate(t.dtype(), layout.shape(), "permute");
        stridedCopy("permute", t, 0, out, 0, layout.coalesce());
        return out;
    }

    private void stridedCopy(String op, CudaTensor src, int srcOffset, CudaTensor dst, int dstOffset, StridedLayout layout) {
        long n = layout.numel();
        if (n == 0) return;
        launchLinear("strided_copy" + sfx(src.dtype()), n, new KernelArgs().ptr(src.pointer()).i(srcOffset).ptr(dst.pointer()).i(dstOffset)
                .i((int) n).struct(layout.toKernelArg(op)));
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        CudaTensor t = own("cast", x);
        CudaTensor out = allocate(dtype, t.shapeRef(), "cast");
        if (t.count() == 0) return out;
        if (t.dtype() == dtype) cuda.copyOnDevice(out.pointer(), t.pointer(), t.bytes());
        else launchLinear(dtype == DType.FLOAT64 ? "cast_f32_to_f64" : "cast_f64_to_f32", t.count(),
                new KernelArgs().ptr(t.pointer()).ptr(out.pointer()).i(t.count()));
        return out;
    }

    @Override
    public Tensor slice(Tensor x, int axis, int start, int length) {
        CudaTensor t = own("slice", x);
        int[] s = t.shapeRef();
        int a = Shapes.sliceAxis(s, axis, start, length);
        int[] outShape = s.clone();
        outShape[a] = length;
        CudaTensor out = allocate(t.dtype(), outShape, "slice");
        StridedLayout layout = StridedLayout.partOfWhole(outShape, s).swapped().coalesce(); // s0 = whole (source), s1 = part
        stridedCopy("slice", t, start * Shapes.strides(s)[a], out, 0, layout);
        return out;
    }

    @Override
    public Tensor concat(int axis, Tensor... xs) {
        int[] outShape = Shapes.concatenated(axis, xs);
        requireSameDType("concat", xs);
        int a = Shapes.normalizeAxis(axis, outShape.length, "concat");
        CudaTensor out = allocate(xs[0].dtype(), outShape, "concat");
        int step = Shapes.strides(outShape)[a];
        int offset = 0;
        for (Tensor x : xs) {
            CudaTensor t = (CudaTensor) x;
            stridedCopy("concat", t, 0, out, offset * step, StridedLayout.partOfWhole(t.shapeRef(), outShape).coalesce());
            offset += t.shapeRef()[a];
        }
        return out;
    }

    // ------------------------------------------------------------------ linear algebra

    @Override
    public Tensor matmul(Tensor a, boolean transposeA, Tensor b, boolean transposeB) {
        requireSameDType("matmul", a, b);
        CudaTensor ta = (CudaTensor) a, tb = (CudaTensor) b;
        MatmulPlan plan = MatmulPlan.of(ta.shapeRef(), transposeA, tb.shapeRef(), transposeB);
        CudaTensor out = allocate(ta.dtype(), plan.outShape(), "matmul");
        if (out.count() == 0) return out;
        if (plan.k() == 0) {
            cuda.zero(out.pointer(), out.bytes());
            return out;
        }
        MatmulPlan.Tiles tiles = plan.tiles(cuda.multiprocessors());
        if ((tiles == MatmulPlan.Tiles.BIG1 || tiles == MatmulPlan.Tiles.BIG2) && ta.dtype() == DType.FLOAT64) tiles = MatmulPlan.Tiles.BIG;
        String kernel = tiles.kernel + sfx(ta.dtype());
        long es = ta.dtype().byteSize();
        int[] arg = plan.toKernelArg();
        for (int b0 = 0; b0 < plan.batch(); b0 += LaunchShape.MAX_GRID_YZ) {
            int chunk = Math.min(LaunchShape.MAX_GRID_YZ, plan.batch() - b0);
            cuda.launch(kernel, plan.launch(tiles, chunk), new KernelArgs()
                    .ptr(offset(ta.pointer(), es * b0 * plan.aSb()))
                    .ptr(offset(tb.pointer(), es * b0 * plan.bSb()))
                    .ptr(offset(out.pointer(), es * b0 * plan.cSb()))
                    .struct(arg));
        }
        return out;
    }

    private static CUdeviceptr offset(CUdeviceptr p, long bytes) { return bytes == 0 ? p : p.withByteOffset(bytes); }

    // ------------------------------------------------------------------ sliding windows

    @Override
    public Tensor unfold(Tensor x, ConvGeometry g, double padValue) {
        CudaTensor t = own("unfold", x);
        Shapes.requireRank("unfold", t, 4, "[N,C,H,W]");
        int[] s = t.shapeRef();
        WindowGeometry w = WindowGeometry.of(g, s[1], s[2], s[3]);
        CudaTensor out = allocate(t.dtype(), new int[] {s[0], Math.toIntExact(w.rows()), Math.toIntExact(w.positions())}, "unfold");
        launchLinear("unfold" + sfx(t.dtype()), out.count(), new KernelArgs().ptr(t.pointer()).ptr(out.pointer()).i(s[0])
                .struct(w.toKernelArg()).d(padValue));
        return out;
    }

    @Override
    public Tensor fold(Tensor cols, ConvGeometry g, int height, int width) {
        CudaTensor t = own("fold", cols);
        Shapes.requireRank("fold", t, 3, "[N, C*kh*kw, L]");
        int[] s = t.shapeRef();
        int kk = g.kernelSize();
        if (s[1] % kk != 0)
            throw new IllegalArgumentException("fold: " + s[1] + " rows (shape " + Shapes.str(s) + ") is not a multiple of kh*kw = " + kk + " for " + g);
        WindowGeometry w = WindowGeometry.of(g, s[1] / kk, height, width);
        if (s[2] != w.positions())
            throw new IllegalArgumentException("fold: " + s[2] + " columns (shape " + Shapes.str(s) + ") but a " + height + "x" + width
                    + " output with " + g + " has " + w.outH() + "x" + w.outW() + " = " + w.positions() + " positions");
        CudaTensor out = allocate(t.dtype(), new int[] {s[0], s[1] / kk, height, width}, "fold");
        launchLinear("fold" + sfx(t.dtype()), out.count(), new KernelArgs().ptr(t.pointer()).ptr(out.pointer()).i(s[0]).struct(w.toKernelArg()));
        return out;
    }

    // ------------------------------------------------------------------ elementwise

    @Override
    public Tensor unary(UnaryOp op, Tensor x) {
        CudaTensor t = own("unary " + op, x);
        CudaTensor out = allocate(t.dtype(), t.shapeRef(), "unary " + op);
        launchLinear("unary" + sfx(t.dtype()), t.count(), new KernelArgs().ptr(t.pointer()).ptr(out.pointer()).i(t.count()).i(OpCodes.of(op)));
        return out;
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = "binary " + op;
        requireSameDType(name, a, b);
        CudaTensor ta = (CudaTensor) a, tb = (CudaTensor) b;
        int[] outShape = Shapes.broadcast(name, ta.shapeRef(), tb.shapeRef());
        CudaTensor out = allocate(ta.dtype(), outShape, name);
        int n = out.count();
        if (n == 0) return out;
        if (Arrays.equals(ta.shapeRef(), tb.shapeRef())) {
            launchLinear("binary_same" + sfx(ta.dtype()), n, new KernelArgs().ptr(ta.pointer()).ptr(tb.pointer()).ptr(out.pointer()).i(n).i(OpCodes.of(op)));
        } else {
            StridedLayout layout = StridedLayout.broadcast(outShape, ta.shapeRef(), tb.shapeRef()).coalesce();
            launchLinear("binary_bcast" + sfx(ta.dtype()), n, new KernelArgs().ptr(ta.pointer()).ptr(tb.pointer()).ptr(out.pointer()).i(n)
                    .i(OpCodes.of(op)).struct(layout.toKernelArg(name)));
        }
        return out;
    }

    @Override
    public Tensor binary(BinaryOp op, Tensor a, double scalar) {
        CudaTensor t = own("binary " + op, a);
        CudaTensor out = allocate(t.dtype(), t.shapeRef(), "binary " + op);
        launchLinear("binary_scalar" + sfx(t.dtype()), t.count(), new KernelArgs().ptr(t.pointer()).ptr(out.pointer()).i(t.count())
                .i(OpCodes.of(op)).d(scalar));
        return out;
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        CudaTensor t = own("sum", x);
        ReductionPlan plan = ReductionPlan.of(t.shapeRef(), axes, keepDims);
        CudaTensor out = allocate(t.dtype(), plan.outShape(), "sum");
        if (out.count() == 0) return out;
        CudaTensor src = t;
        boolean temporary = false;
        if (plan.permutation() != null && t.count() > 0) {
            src = (CudaTensor) permute(t, plan.permutation());
            temporary = true;
        }
        try {
            if (plan.useRowBlocks()) {
                cuda.launch("sum_rows_block" + sfx(t.dtype()), LaunchShape.perRow(plan.outer(), LaunchShape.LINEAR_BLOCK),
                        new KernelArgs().ptr(src.pointer()).ptr(out.pointer()).i(plan.outer()).i(plan.red()));
            } else {
                launchLinear("sum_mid" + sfx(t.dtype()), plan.outputs(), new KernelArgs().ptr(src.pointer()).ptr(out.pointer())
                        .i(plan.outer()).i(plan.red()).i(plan.inner()));
            }
        } finally {
            if (temporary) src.close();
        }
        return out;
    }

    @Override
    public ArgMax max(Tensor x, int axis, boolean keepDims) {
        CudaTensor t = own("max", x);
        int[] s = t.shapeRef();
        int a = Shapes.normalizeAxis(axis, s.length, "max");
        if (s[a] < 1) throw new IllegalArgumentException("max: axis " + axis + " of shape " + Shapes.str(s) + " is empty; max needs size >= 1");
        int[] outShape = reducedShape(s, a, keepDims);
        CudaTensor values = allocate(t.dtype(), outShape, "max");
        CudaTensor indices = allocate(t.dtype(), outShape, "max");
        int outer = prod(s, 0, a), inner = prod(s, a + 1, s.length);
        launchLinear("max_axis" + sfx(t.dtype()), (long) outer * inner, new KernelArgs().ptr(t.pointer()).ptr(values.pointer())
                .ptr(indices.pointer()).i(outer).i(s[a]).i(inner));
        return new ArgMax(values, indices);
    }

    @Override
    public Tensor scatter(Tensor src, Tensor index, int axis, int size) {
        requireSameDType("scatter", src, index);
        CudaTensor ts = (CudaTensor) src, ti = (CudaTensor) index;
        Shapes.requireSameShape("scatter", src, index);
        int[] s = ts.shapeRef();
        int a = Shapes.normalizeAxis(axis, s.length, "scatter");
        if (s[a] != 1)
            throw new IllegalArgumentException("scatter: src and index must have size 1 along axis " + axis + " (as max(..., keepDims=true) returns), got shape " + Shapes.str(s));
        if (size < 1) throw new IllegalArgumentException("scatter: target size along axis " + axis + " must be >= 1, got " + size);
        int[] outShape = s.clone();
        outShape[a] = size;
        CudaTensor out = (CudaTensor) zeros(ts.dtype(), outShape);
        int outer = prod(s, 0, a), inner = prod(s, a + 1, s.length);
        if ((long) outer * inner == 0) return out;
        DevicePool.Block<CUdeviceptr> flag = pool.acquire(Integer.BYTES);
        try {
            cuda.zero(flag.handle(), Integer.BYTES);
            launchLinear("scatter_axis" + sfx(ts.dtype()), (long) outer * inner, new KernelArgs().ptr(ts.pointer()).ptr(ti.pointer())
                    .ptr(out.pointer()).i(outer).i(size).i(inner).ptr(flag.handle()));
            int[] err = new int[1];
            cuda.copyToHost(err, flag.handle());
            if (err[0] != 0) {
                out.close();
                throw new IllegalArgumentException("scatter: an index is not an integer in [0, " + size + ") along axis " + axis
                        + " (index shape " + Shapes.str(s) + "); pass the indices returned by max()");
            }
        } finally {
            pool.release(flag);
        }
        return out;
    }

    private static int[] reducedShape(int[] s, int axis, boolean keepDims) {
        if (keepDims) {
            int[] o = s.clone();
            o[axis] = 1;
            return o;
        }
        int[] o = new int[s.length - 1];
        for (int d = 0, j = 0; d < s.length; d++) if (d != axis) o[j++] = s[d];
        return o;
    }

    private static int prod(int[] s, int from, int to) {
        long p = 1;
        for (int d = from; d < to; d++) p *= s[d];
        return Math.toIntExact(p);
    }

    // ------------------------------------------------------------------ in place

    @Override
    public void axpy(double alpha, Tensor x, Tensor y) {
        requireSameDType("axpy", x, y);
        Shapes.requireSameShape("axpy", x, y);
        CudaTensor tx = (CudaTensor) x, ty = (CudaTensor) y;
        launchLinear("axpy" + sfx(tx.dtype()), tx.count(), new KernelArgs().ptr(tx.pointer()).ptr(ty.pointer()).i(tx.count()).d(alpha));
    }

    @Override
    public void fill(Tensor t, double value) {
        CudaTensor x = own("fill", t);
        launchLinear("fill" + sfx(x.dtype()), x.count(), new KernelArgs().ptr(x.pointer()).i(x.count()).d(value));
    }

    @Override
    public void copy(Tensor src, Tensor dst) {
        requireSameDType("copy", src, dst);
        Shapes.requireSameShape("copy", src, dst);
        CudaTensor s = (CudaTensor) src, d = (CudaTensor) dst;
        if (s.count() > 0) cuda.copyOnDevice(d.pointer(), s.pointer(), s.bytes());
    }

    @Override
    public String toString() { return "JCudaBackend[" + cuda.description() + ", " + pool + "]"; }
}
