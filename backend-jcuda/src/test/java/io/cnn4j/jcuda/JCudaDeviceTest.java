package io.cnn4j.jcuda;

import io.cnn4j.backend.reference.ReferenceBackend;
import io.cnn4j.tensor.Backend;
import io.cnn4j.tensor.BinaryOp;
import io.cnn4j.tensor.ConvGeometry;
import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import io.cnn4j.tensor.Tensor;
import io.cnn4j.tensor.UnaryOp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Device-specific checks the conformance kit does not make: the big-tile matmul path, bit-reproducibility,
 * error reporting, scope release in device memory. Skipped with the reason where no CUDA device is usable.
 */
class JCudaDeviceTest {
    private JCudaBackend gpu;
    private final Backend ref = new ReferenceBackend();

    @BeforeEach
    void device() { gpu = GpuAvailable.backendOrSkip(); }

    @Test
    void bigTileBatchedTransposedMatmulMatchesReference() {
        for (DType dt : DType.values()) {
            for (int mode = 0; mode < 4; mode++) {
                boolean ta = (mode & 1) != 0, tb = (mode & 2) != 0;
                int b = 3, m = 1100, n = 1300, k = 70;                 // 9*11*3 = 297 big tiles: BIG config, ragged edges
                double[] a = host(b * m * k, 1 + mode), bb = host(b * k * n, 11 + mode);
                int[] as = ta ? new int[] {b, k, m} : new int[] {b, m, k};
                int[] bs = tb ? new int[] {b, n, k} : new int[] {b, k, n};
                assertEquals(MatmulPlan.Tiles.BIG, MatmulPlan.of(as, ta, bs, tb).tiles(132));
                Tensor g = gpu.matmul(gpu.fromHost(a, dt, as), ta, gpu.fromHost(bb, dt, bs), tb);
                Tensor r = ref.matmul(ref.fromHost(a, dt, as), ta, ref.fromHost(bb, dt, bs), tb);
                assertClose(r.toDoubleArray(), g.toDoubleArray(), dt, "matmul " + dt + " ta=" + ta + " tb=" + tb);
            }
        }
    }

    @Test
    void foldSumAndMatmulAreBitReproducible() {
        ConvGeometry g = ConvGeometry.square(3, 1, 1, 1);             // heavy overlap: 9 contributions per pixel
        Tensor cols = gpu.uniform(DType.FLOAT32, 5, -1, 1, 4, 8 * 9, 32 * 32);
        float[] first = gpu.fold(cols, g, 32, 32).toFloatArray();
        float[] second = gpu.fold(cols, g, 32, 32).toFloatArray();
        assertArrayEquals(first, second, 0f);
        Tensor x = gpu.uniform(DType.FLOAT32, 6, -1, 1, 64, 4096);
        assertArrayEquals(x.sum(false, 1).toFloatArray(), x.sum(false, 1).toFloatArray(), 0f);
        assertEquals(x.sumAll().item(), x.sumAll().item(), 0.0);
        Tensor w = gpu.uniform(DType.FLOAT32, 7, -1, 1, 512, 512);
        assertArrayEquals(w.matmul(w).toFloatArray(), w.matmul(w).toFloatArray(), 0f);
    }

    @Test
    void launchErrorsNameKernelShapeAndCudaError() {
        Tensor x = gpu.zeros(DType.FLOAT32, 16);
        CudaException e = assertThrows(CudaException.class, () -> gpu.device().launch("fill_f32", new LaunchShape(1, 1, 1, 4096, 1, 1),
                new KernelArgs().ptr(((CudaTensor) x).pointer()).i(16).d(1.0)));
        assertTrue(e.getMessage().contains("fill_f32") && e.getMessage().contains("block=(4096,1,1)") && e.getMessage().contains("CUDA_ERROR_"),
                e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> gpu.scatter(gpu.fromArray(new float[] {1, 2}, 2, 1), gpu.fromArray(new float[] {0, 5}, 2, 1), 1, 3));
        assertTrue(bad.getMessage().contains("scatter"), bad.getMessage());
    }

    @Test
    void scopeReturnsTemporariesToThePool() {
        JCudaBackend gpu = GpuAvailable.freshBackendOrSkip();
        Tensor param = gpu.uniform(DType.FLOAT32, 1, -1, 1, 256, 256);
        long before = gpu.deviceBytesInUse();
        Tensor kept;
        try (MemoryScope s = gpu.scope()) {
            Tensor y = param.matmul(param).apply(UnaryOp.RELU).apply(BinaryOp.ADD, 1.0);
            kept = s.keep(y.sumAll());
            gpu.axpy(-0.1, y, param);                                  // in-place update of a pre-scope tensor persists
        }
        assertEquals(before + SizeClasses.roundUp(4), gpu.deviceBytesInUse(), "only the kept scalar survives the scope");
        assertTrue(Double.isFinite(kept.item()));
        kept.close();
        assertEquals(before, gpu.deviceBytesInUse());
    }

    static double[] host(int n, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = r.nextDouble() * 2 - 1;
        return d;
    }

    static void assertClose(double[] expected, double[] actual, DType dt, String what) {
        assertEquals(expected.length, actual.length, what);
        double num = 0, den = 0;
        for (int i = 0; i < expected.length; i++) {
            num += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            den += expected[i] * expected[i];
        }
        double rel = Math.sqrt(num / Math.max(den, 1e-300));
        assertTrue(rel <= (dt == DType.FLOAT32 ? 1e-5 : 1e-12), what + ": ‖a−b‖/‖b‖ = " + rel);
    }
}
