package io.cnn4j.jcuda;

import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.UnaryOp;
import jcuda.driver.CUdeviceptr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Device} that runs each kernel launch as plain Java, following the kernel's contract in
 * {@code src/main/cuda} (same arguments, same index conventions, same NaN/tie rules). With it the whole
 * {@link JCudaBackend} — allocation, pooling, scopes, argument building, offsets, plans — runs the conformance
 * kit on a machine without a GPU ({@code EmulatedJCudaConformanceTest}). The CUDA code itself is checked
 * separately, on the CPU, by {@code backend-jcuda/cuda/emulate-kernels.sh}, and on a GPU by
 * {@code JCudaConformanceTest}. FLOAT32 arithmetic here is done in double and rounded, so results may differ
 * from the GPU's in the last bit; the kit's tolerances absorb that.
 */
final class EmulatedDevice implements Device {
    private final Map<CUdeviceptr, ByteBuffer> memory = new IdentityHashMap<>();
    private long launches;

    @Override public String description() { return "Java emulation of the jcuda kernels (no GPU)"; }
    @Override public int multiprocessors() { return 132; }
    @Override public void synchronize() {}
    @Override public long[] memoryInfo() { return new long[] {0, 0}; }

    long launches() { return launches; }

    @Override
    public synchronized CUdeviceptr allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        memory.put(p, ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN));
        return p;
    }

    @Override public synchronized void free(CUdeviceptr handle) { memory.remove(handle); }

    private synchronized ByteBuffer buf(Object pointer) {
        ByteBuffer b = memory.get((CUdeviceptr) pointer);
        if (b == null) throw new AssertionError("kernel argument is not a live device allocation: " + pointer);
        return b;
    }

    @Override public void copyToDevice(CUdeviceptr dst, float[] src) { ByteBuffer b = buf(dst); for (int i = 0; i < src.length; i++) b.putFloat(4 * i, src[i]); }
    @Override public void copyToDevice(CUdeviceptr dst, double[] src) { ByteBuffer b = buf(dst); for (int i = 0; i < src.length; i++) b.putDouble(8 * i, src[i]); }
    @Override public void copyToHost(float[] dst, CUdeviceptr src) { ByteBuffer b = buf(src); for (int i = 0; i < dst.length; i++) dst[i] = b.getFloat(4 * i); }
    @Override public void copyToHost(double[] dst, CUdeviceptr src) { ByteBuffer b = buf(src); for (int i = 0; i < dst.length; i++) dst[i] = b.getDouble(8 * i); }
    @Override public void copyToHost(int[] dst, CUdeviceptr src) { ByteBuffer b = buf(src); for (int i = 0; i < dst.length; i++) dst[i] = b.getInt(4 * i); }

    @Override
    public void copyOnDevice(CUdeviceptr dst, CUdeviceptr src, long bytes) {
        ByteBuffer d = buf(dst), s = buf(src);
        for (int i = 0; i < bytes; i++) d.put(i, s.get(i));
    }

    @Override
    public void zero(CUdeviceptr dst, long bytes) {
        ByteBuffer d = buf(dst);
        for (int i = 0; i < bytes; i++) d.put(i, (byte) 0);
    }

    /** A typed view of one device buffer. */
    private record Arr(ByteBuffer b, boolean f32) {
        double get(long i) { return f32 ? b.getFloat((int) (4 * i)) : b.getDouble((int) (8 * i)); }
        void set(long i, double v) { if (f32) b.putFloat((int) (4 * i), (float) v); else b.putDouble((int) (8 * i), v); }
    }

    private static UnaryOp unary(int code) {
        for (UnaryOp op : UnaryOp.values()) if (OpCodes.of(op) == code) return op;
        throw new AssertionError("unknown unary code " + code);
    }

    private static BinaryOp binary(int code) {
        for (BinaryOp op : BinaryOp.values()) if (OpCodes.of(op) == code) return op;
        throw new AssertionError("unknown binary code " + code);
    }

    private static StridedLayout layout(int[] l) {
        int r = l[0];
        int[] shape = new int[r], s0 = new int[r], s1 = new int[r];
        for (int d = 0; d < r; d++) {
            shape[d] = l[1 + d];
            s0[d] = l[1 + StridedLayout.MAX_RANK + d];
            s1[d] = l[1 + 2 * StridedLayout.MAX_RANK + d];
        }
        return new StridedLayout(shape, s0, s1);
    }

    @Override
    public synchronized void launch(String kernel, LaunchShape s, KernelArgs args) {
        launches++;
        List<Object> v = args.values();
        boolean f32 = kernel.endsWith("_f32");
        String base = kernel.replaceAll("_f(32|64)$", "");
        switch (base) {
            case "unary": { Arr x = arr(v, 0, f32), y = arr(v, 1, f32); int n = in(v, 2); UnaryOp op = unary(in(v, 3));
                linear(s, n);
                for (int i = 0; i < n; i++) y.set(i, op.apply(x.get(i))); break; }
            case "binary_same": { Arr a = arr(v, 0, f32), b = arr(v, 1, f32), y = arr(v, 2, f32); int n = in(v, 3); BinaryOp op = binary(in(v, 4));
                linear(s, n);
                for (int i = 0; i < n; i++) y.set(i, op.apply(a.get(i), b.get(i))); break; }
            case "binary_bcast": { Arr a = arr(v, 0, f32), b = arr(v, 1, f32), y = arr(v, 2, f32); int n = in(v, 3); BinaryOp op = binary(in(v, 4));
                StridedLayout l = layout((int[]) v.get(5));
                linear(s, n);
                for (int i = 0; i < n; i++) { long[] o = l.offsets(i); y.set(i, op.apply(a.get(o[0]), b.get(o[1]))); } break; }
            case "binary_scalar": { Arr a = arr(v, 0, f32), y = arr(v, 1, f32); int n = in(v, 2); BinaryOp op = binary(in(v, 3)); double sc = (Double) v.get(4);
                linear(s, n);
                for (int i = 0; i < n; i++) y.set(i, op.apply(a.get(i), sc)); break; }
            case "axpy": { Arr x = arr(v, 0, f32), y = arr(v, 1, f32); int n = in(v, 2); double alpha = (Double) v.get(3);
                linear(s, n);
                for (int i = 0; i < n; i++) y.set(i, y.get(i) + alpha * x.get(i)); break; }
            case "fill": { Arr y = arr(v, 0, f32); int n = in(v, 1); double val = (Double) v.get(2);
                linear(s, n);
                for (int i = 0; i < n; i++) y.set(i, val); break; }
            case "cast_f32_to": case "cast_f64_to": {
                boolean fromF32 = kernel.startsWith("cast_f32");
                Arr x = arr(v, 0, fromF32), y = arr(v, 1, !fromF32); int n = in(v, 2);
                linear(s, n);
                for (int i = 0; i < n; i++) y.set(i, x.get(i)); break; }
            case "strided_copy": { Arr src = arr(v, 0, f32); int so = in(v, 1); Arr dst = arr(v, 2, f32); int doff = in(v, 3); int n = in(v, 4);
                StridedLayout l = layout((int[]) v.get(5));
                linear(s, n);
                for (int i = 0; i < n; i++) { long[] o = l.offsets(i); dst.set(doff + o[1], src.get(so + o[0])); } break; }
            case "sum_mid": { Arr x = arr(v, 0, f32), y = arr(v, 1, f32); int outer = in(v, 2), red = in(v, 3), inner = in(v, 4);
                linear(s, (long) outer * inner);
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < inner; i++) {
                        double acc = 0;
                        for (int r = 0; r < red; r++) acc += x.get(((long) o * red + r) * inner + i);
                        y.set((long) o * inner + i, acc);
                    }
                break; }
            case "sum_rows_block": { Arr x = arr(v, 0, f32), y = arr(v, 1, f32); int rows = in(v, 2), cols = in(v, 3);
                if (s.blockX() != 256) throw new AssertionError("sum_rows_block needs 256 threads per block (shared array size), got " + s);
                for (int r = 0; r < rows; r++) {
                    double acc = 0;
                    for (int c = 0; c < cols; c++) acc += x.get((long) r * cols + c);
                    y.set(r, acc);
                }
                break; }
            case "max_axis": { Arr x = arr(v, 0, f32), vals = arr(v, 1, f32), idx = arr(v, 2, f32); int outer = in(v, 3), size = in(v, 4), inner = in(v, 5);
                linear(s, (long) outer * inner);
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < inner; i++) {
                        double best = x.get((long) o * size * inner + i);
                        int bi = 0;
                        for (int r = 1; r < size && !Double.isNaN(best); r++) {
                            double c = x.get(((long) o * size + r) * inner + i);
                            if (Double.isNaN(c) || c > best) { best = c; bi = r; }
                        }
                        vals.set((long) o * inner + i, best);
                        idx.set((long) o * inner + i, bi);
                    }
                break; }
            case "scatter_axis": { Arr src = arr(v, 0, f32), idx = arr(v, 1, f32), out = arr(v, 2, f32); int outer = in(v, 3), size = in(v, 4), inner = in(v, 5);
                ByteBuffer err = buf(v.get(6));
                linear(s, (long) outer * inner);
                for (int o = 0; o < outer; o++)
                    for (int i = 0; i < inner; i++) {
                        long t = (long) o * inner + i;
                        double fi = idx.get(t);
                        int k = (int) fi;
                        if (!(fi >= 0) || fi >= size || k != fi) { err.putInt(0, 1); continue; }
                        long d = ((long) o * size + k) * inner + i;
                        out.set(d, out.get(d) + src.get(t));
                    }
                break; }
            case "unfold": { Arr x = arr(v, 0, f32), cols = arr(v, 1, f32); int n = in(v, 2); int[] g = (int[]) v.get(3); double pad = (Double) v.get(4);
                int C = g[0], H = g[1], W = g[2], kh = g[3], kw = g[4], sh = g[5], sw = g[6], pt = g[7], pl = g[8], dh = g[9], dw = g[10], oH = g[11], oW = g[12];
                long L = (long) oH * oW, rows = (long) C * kh * kw;
                linear(s, n * rows * L);
                for (int b = 0; b < n; b++) for (int c = 0; c < C; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++)
                    for (int oh = 0; oh < oH; oh++) for (int ow = 0; ow < oW; ow++) {
                        int ih = oh * sh - pt + i * dh, iw = ow * sw - pl + j * dw;
                        double val = (ih >= 0 && ih < H && iw >= 0 && iw < W) ? x.get(((long) (b * C + c) * H + ih) * W + iw) : pad;
                        cols.set(((long) b * rows + (c * kh + i) * kw + j) * L + (long) oh * oW + ow, val);
                    }
                break; }
            case "fold": { Arr cols = arr(v, 0, f32), x = arr(v, 1, f32); int n = in(v, 2); int[] g = (int[]) v.get(3);
                int C = g[0], H = g[1], W = g[2], kh = g[3], kw = g[4], sh = g[5], sw = g[6], pt = g[7], pl = g[8], dh = g[9], dw = g[10], oH = g[11], oW = g[12];
                long L = (long) oH * oW, rows = (long) C * kh * kw;
                linear(s, (long) n * C * H * W);
                for (long i = 0; i < (long) n * C * H * W; i++) x.set(i, 0);
                for (int b = 0; b < n; b++) for (int c = 0; c < C; c++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++)
                    for (int oh = 0; oh < oH; oh++) for (int ow = 0; ow < oW; ow++) {
                        int ih = oh * sh - pt + i * dh, iw = ow * sw - pl + j * dw;
                        if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                        long xi = ((long) (b * C + c) * H + ih) * W + iw;
                        x.set(xi, x.get(xi) + cols.get(((long) b * rows + (c * kh + i) * kw + j) * L + (long) oh * oW + ow));
                    }
                break; }
            case "matmul_big": case "matmul_big1": case "matmul_big2": case "matmul_small": { Arr a = arr(v, 0, f32), b = arr(v, 1, f32), c = arr(v, 2, f32); int[] p = (int[]) v.get(3);
                int m = p[0], n = p[1], k = p[2], tile = base.startsWith("matmul_big") ? 128 : 64;
                if ((long) s.gridX() * tile < n || (long) s.gridY() * tile < m || s.blockX() != 256)
                    throw new AssertionError(kernel + " " + s + " does not cover " + m + "x" + n + " with " + tile + "-tiles of 256 threads");
                for (int bz = 0; bz < s.gridZ(); bz++)
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < n; j++) {
                            double acc = 0;
                            for (int kk = 0; kk < k; kk++)
                                acc += a.get((long) bz * p[5] + (long) i * p[3] + (long) kk * p[4]) * b.get((long) bz * p[8] + (long) kk * p[6] + (long) j * p[7]);
                            c.set((long) bz * p[10] + (long) i * p[9] + j, acc);
                        }
                break; }
            default: throw new AssertionError("EmulatedDevice: no emulation of kernel " + kernel);
        }
    }

    private Arr arr(List<Object> v, int i, boolean f32) { return new Arr(buf(v.get(i)), f32); }

    private static int in(List<Object> v, int i) { return (Integer) v.get(i); }

    /** A grid-stride launch must have the shape LaunchShape.linear gives (covering n threads up to the cap). */
    private static void linear(LaunchShape s, long n) {
        if (n < 1 || !s.equals(LaunchShape.linear(n))) throw new AssertionError("linear launch over " + n + " elements has shape " + s);
    }
}
