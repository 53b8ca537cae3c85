package io.cnn4j.jcuda;

import io.cnn4j.tensor.DType;
import io.cnn4j.tensor.MemoryScope;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Scope, close and storage sharing semantics of device tensors, over a fake device (no GPU needed): the pool's
 * in-use bytes show exactly which blocks were returned.
 */
class CudaScopeTest {

    private final DevicePool<CUdeviceptr> pool = new DevicePool<>(new RawDeviceMemory<>() {
        @Override public CUdeviceptr allocate(long bytes) { return new CUdeviceptr(); }
        @Override public void free(CUdeviceptr handle) {}
    }, () -> {});
    private final Cleaner cleaner = Cleaner.create();
    private final ArrayDeque<CudaScope> stack = new ArrayDeque<>();

    /** What JCudaBackend.allocate does: a tensor on a fresh pooled block, registered with the innermost scope. */
    private CudaTensor tensor(int n) {
        CudaTensor t = new CudaTensor(null, DType.FLOAT32, new int[] {n}, new DeviceStorage(pool, pool.acquire(4L * n)), cleaner);
        if (stack.peek() != null) stack.peek().register(t);
        return t;
    }

    /** What reshape does: another handle on the same storage. */
    private CudaTensor view(CudaTensor t) {
        t.storage().retain();
        CudaTensor v = new CudaTensor(null, t.dtype(), t.shape(), t.storage(), cleaner);
        if (stack.peek() != null) stack.peek().register(v);
        return v;
    }

    @Test
    void scopeReleasesOnlyWhatItAllocatedExceptKeptTensors() {
        CudaTensor param = tensor(64);                       // allocated before the scope: 256 B
        CudaTensor kept;
        CudaTensor temp;
        try (MemoryScope s = new CudaScope(stack)) {
            temp = tensor(1024);                             // 4096 B
            kept = (CudaTensor) s.keep(tensor(128));         // 512 B
            assertEquals(256 + 4096 + 512, pool.bytesInUse());
        }
        assertTrue(temp.isClosed());
        assertFalse(kept.isClosed());
        assertFalse(param.isClosed());
        assertEquals(256 + 512, pool.bytesInUse());
        IllegalStateException e = assertThrows(IllegalStateException.class, temp::pointer);
        assertTrue(e.getMessage().contains("MemoryScope"), e.getMessage());
    }

    @Test
    void viewsKeepSharedStorageAliveUntilTheLastHandle() {
        CudaTensor param = tensor(64);
        try (MemoryScope s = new CudaScope(stack)) {
            CudaTensor v = view(param);                      // e.g. weight.reshape(...) inside the step
            assertEquals(256, pool.bytesInUse());
            assertNotNull(v.pointer());
        }
        assertFalse(param.isClosed());
        assertEquals(256, pool.bytesInUse(), "closing the view must not free the parameter");
        param.close();
        assertEquals(0, pool.bytesInUse());
        param.close();                                       // idempotent
        assertEquals(0, pool.bytesInUse());
    }

    @Test
    void keptTensorsMoveToTheEnclosingScope() {
        CudaTensor inner;
        try (MemoryScope outer = new CudaScope(stack)) {
            try (MemoryScope s = new CudaScope(stack)) {
                inner = (CudaTensor) s.keep(tensor(10));
            }
            assertFalse(inner.isClosed());
        }
        assertTrue(inner.isClosed());
        assertEquals(0, pool.bytesInUse());
    }

    @Test
    void scopesCloseInnermostFirstOnTheirThread() throws Exception {
        CudaScope outer = new CudaScope(stack);
        CudaScope inner = new CudaScope(stack);
        assertThrows(IllegalStateException.class, outer::close);
        Throwable[] fromOther = new Throwable[1];
        Thread t = new Thread(() -> {
            try { inner.close(); } catch (Throwable x) { fromOther[0] = x; }
        });
        t.start();
        t.join();
        assertInstanceOf(IllegalStateException.class, fromOther[0]);
        inner.close();
        outer.close();
        assertTrue(stack.isEmpty());
    }

    @Test
    void cleanerReturnsUnreachableTensors() throws Exception {
        for (int i = 0; i < 100; i++) tensor(256);             // 1 KiB each, dropped at once
        long deadline = System.currentTimeMillis() + 10_000;
        while (pool.bytesInUse() > 0 && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(0, pool.bytesInUse(), "the Cleaner safety net returned every block");
    }
}
